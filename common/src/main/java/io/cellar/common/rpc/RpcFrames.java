package io.cellar.common.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.proto.RequestHeader;
import io.cellar.common.proto.ResponseHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;

/**
 * The frame layout shared by client and server: 4-byte big-endian payload length; payload =
 * varint-delimited header, varint-delimited message, then the raw cell block whose length the
 * header states. Encoding builds a complete frame in one pooled direct buffer (the caller owns
 * it); decoding takes one payload (length stripped by {@link RpcFrameDecoder}), uses its array
 * (or a heap copy when it is not one whole array), and rejects any payload whose parts do not
 * add up. The decoded message and cell block are slices of that array (never modified).
 */
final class RpcFrames {
  /** Largest header + message encoded through {@link #SCRATCH} rather than a new array. */
  private static final int SCRATCH_BYTES = 8192;
  private static final ThreadLocal<byte[]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[SCRATCH_BYTES]);

  private RpcFrames() {}

  /** A decoded request payload. */
  record Request(RequestHeader header, ByteString message, CellBlock cells) {}

  /** A decoded response payload. */
  record Response(ResponseHeader header, ByteString message, CellBlock cells) {}

  static ByteBuf encodeRequest(RequestHeader header, MessageLite message, CellBlock cells,
      int maxFrameBytes) throws DoNotRetryException {
    return encode(header, message, cells, maxFrameBytes);
  }

  static ByteBuf encodeResponse(ResponseHeader header, MessageLite message, CellBlock cells,
      int maxFrameBytes) throws DoNotRetryException {
    return encode(header, message, cells, maxFrameBytes);
  }

  private static ByteBuf encode(MessageLite header, MessageLite message, CellBlock cells,
      int maxFrameBytes) throws DoNotRetryException {
    int h = header.getSerializedSize();
    int m = message == null ? 0 : message.getSerializedSize();
    int head = CodedOutputStream.computeUInt32SizeNoTag(h) + h
        + CodedOutputStream.computeUInt32SizeNoTag(m) + m;
    long total = (long) head + cells.length();
    if (total > maxFrameBytes) {
      throw new DoNotRetryException(
          "RPC frame of " + total + " bytes exceeds the limit of " + maxFrameBytes);
    }
    // header and message go through a per-thread array: protobuf's array encoder is the fast
    // one (its direct-buffer encoder writes byte by byte), and small frames allocate nothing
    byte[] headBytes = head <= SCRATCH_BYTES ? SCRATCH.get() : new byte[head];
    CodedOutputStream out = CodedOutputStream.newInstance(headBytes, 0, head);
    try {
      out.writeUInt32NoTag(h);
      header.writeTo(out);
      out.writeUInt32NoTag(m);
      if (message != null) {
        message.writeTo(out);
      }
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("sizes computed above must fit", e);
    }
    ByteBuf frame = ByteBufAllocator.DEFAULT.directBuffer(4 + (int) total);
    frame.writeInt((int) total);
    frame.writeBytes(headBytes, 0, head);
    cells.writeTo(frame);
    return frame;
  }

  static Request decodeRequest(ByteBuf payload) throws IOException {
    byte[] bytes = payloadArray(payload);
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    in.enableAliasing(true); // the array is never modified: slices need no copies
    RequestHeader header = RequestHeader.parseFrom(in.readBytes());
    ByteString message = in.readBytes();
    CellBlock cells = tail(bytes, in.getTotalBytesRead(), header.getCellBlockLength());
    return new Request(header, message, cells);
  }

  static Response decodeResponse(ByteBuf payload) throws IOException {
    byte[] bytes = payloadArray(payload);
    CodedInputStream in = CodedInputStream.newInstance(bytes);
    in.enableAliasing(true); // the array is never modified: slices need no copies
    ResponseHeader header = ResponseHeader.parseFrom(in.readBytes());
    ByteString message = in.readBytes();
    CellBlock cells = tail(bytes, in.getTotalBytesRead(), header.getCellBlockLength());
    return new Response(header, message, cells);
  }

  /**
   * The payload's bytes as one array: the backing array itself when the payload wraps exactly a
   * whole array (as {@link RpcFrameDecoder} emits them), else a copy.
   */
  static byte[] payloadArray(ByteBuf payload) {
    if (payload.hasArray() && payload.arrayOffset() == 0 && payload.readerIndex() == 0) {
      byte[] a = payload.array();
      if (payload.readableBytes() == a.length) {
        return a;
      }
    }
    return ByteBufUtil.getBytes(payload);
  }

  private static CellBlock tail(byte[] bytes, int from, int declared)
      throws InvalidProtocolBufferException {
    if (bytes.length - from != declared) {
      throw new InvalidProtocolBufferException("cell block length " + declared + " but "
          + (bytes.length - from) + " bytes follow the message");
    }
    return CellBlock.of(bytes, from, declared);
  }
}
