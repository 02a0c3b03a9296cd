package io.cellar.common.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Splits the byte stream into frames (4-byte big-endian length, then that many payload bytes) and
 * emits each payload as a retained {@link ByteBuf}. A length of zero, a negative length or one
 * above {@code maxFrameBytes} throws (the pipeline closes the connection). A frame that stays
 * incomplete and receives no bytes for {@code partialFrameTimeoutMs} closes the connection, so a peer cannot pin a
 * half-written frame forever. Not sharable: one instance per channel.
 */
final class RpcFrameDecoder extends ByteToMessageDecoder {
  private final int maxFrameBytes;
  private final long partialFrameTimeoutMs;
  /** Bytes of the stream consumed so far (whole frames). */
  private long consumed;
  private ScheduledFuture<?> stallCheck;
  /** Set once a bad frame is seen: the connection is closing, drop whatever else arrives. */
  private boolean corrupt;

  RpcFrameDecoder(int maxFrameBytes, long partialFrameTimeoutMs) {
    this.maxFrameBytes = maxFrameBytes;
    this.partialFrameTimeoutMs = partialFrameTimeoutMs;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (corrupt) {
      in.skipBytes(in.readableBytes());
      return;
    }
    while (in.readableBytes() >= 4) {
      int length = in.getInt(in.readerIndex());
      if (length <= 0) {
        corrupt = true;
        throw new CorruptedFrameException("bad frame length " + length);
      }
      if (length > maxFrameBytes) {
        corrupt = true;
        throw new TooLongFrameException(
            "frame of " + length + " bytes exceeds the limit of " + maxFrameBytes);
      }
      if (in.readableBytes() < 4 + length) {
        break;
      }
      in.skipBytes(4);
      out.add(in.readRetainedSlice(length));
      consumed += 4L + length;
    }
    if (in.isReadable()) {
      armStallCheck(ctx);
    }
  }

  private void armStallCheck(ChannelHandlerContext ctx) {
    if (partialFrameTimeoutMs <= 0 || (stallCheck != null && !stallCheck.isDone())) {
      return;
    }
    // Progress = bytes received; a partial frame that receives nothing for the timeout is stalled.
    long seen = consumed + actualReadableBytes();
    stallCheck = ctx.executor().schedule(() -> {
      stallCheck = null;
      if (consumed + actualReadableBytes() == seen && actualReadableBytes() > 0 && !corrupt) {
        corrupt = true;
        ctx.fireExceptionCaught(new CorruptedFrameException(
            "partial frame not completed within " + partialFrameTimeoutMs + " ms"));
      } else if (actualReadableBytes() > 0) {
        armStallCheck(ctx);
      }
    }, partialFrameTimeoutMs, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    if (stallCheck != null) {
      stallCheck.cancel(false);
    }
  }
}
