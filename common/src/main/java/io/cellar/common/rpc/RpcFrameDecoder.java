package io.cellar.common.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Splits the byte stream into frames (4-byte big-endian length, then that many payload bytes) and
 * emits each payload as a heap {@link ByteBuf} wrapping an array of exactly the payload's length
 * (see {@link RpcFrames#payloadArray}), so decoding needs no further copy. A frame up to
 * {@link #DIRECT_FILL_BYTES} is copied into its array as its bytes arrive (a large scan response
 * arriving in many reads is copied once, not grown in the cumulation buffer and copied again); a
 * larger one is first collected whole, so a peer's length claim alone never makes the server
 * allocate more than that. A length of zero, a negative length or one above
 * {@code maxFrameBytes} throws (the pipeline closes the connection). A frame that stays
 * incomplete and receives no bytes for {@code partialFrameTimeoutMs} closes the connection, so a
 * peer cannot pin a half-written frame forever. Not sharable: one instance per channel.
 */
final class RpcFrameDecoder extends ByteToMessageDecoder {
  /** Largest frame whose array is allocated before all its bytes arrived. */
  static final int DIRECT_FILL_BYTES = 4 << 20;

  private final int maxFrameBytes;
  private final long partialFrameTimeoutMs;
  /** Bytes of the stream consumed so far (whole frames). */
  private long consumed;
  /** The frame being filled as its bytes arrive, or null. */
  private byte[] filling;
  /** Bytes of {@link #filling} received so far. */
  private int filled;
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
    while (true) {
      if (filling != null) {
        int n = Math.min(in.readableBytes(), filling.length - filled);
        in.readBytes(filling, filled, n);
        filled += n;
        if (filled < filling.length) {
          break;
        }
        out.add(Unpooled.wrappedBuffer(filling));
        consumed += 4L + filling.length;
        filling = null;
        filled = 0;
        continue;
      }
      if (in.readableBytes() < 4) {
        break;
      }
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
      if (length > DIRECT_FILL_BYTES && in.readableBytes() < 4 + length) {
        break; // collected in the cumulation until whole
      }
      in.skipBytes(4);
      filling = new byte[length];
      filled = 0;
    }
    if (pendingBytes() > 0) {
      armStallCheck(ctx);
    }
  }

  /** Bytes received of the frame not yet complete. */
  private long pendingBytes() {
    return filled + (long) actualReadableBytes() + (filling != null ? 4 : 0);
  }

  private void armStallCheck(ChannelHandlerContext ctx) {
    if (partialFrameTimeoutMs <= 0 || (stallCheck != null && !stallCheck.isDone())) {
      return;
    }
    // Progress = bytes received; a partial frame that receives nothing for the timeout is stalled.
    long seen = consumed + pendingBytes();
    stallCheck = ctx.executor().schedule(() -> {
      stallCheck = null;
      if (consumed + pendingBytes() == seen && pendingBytes() > 0 && !corrupt) {
        corrupt = true;
        ctx.fireExceptionCaught(new CorruptedFrameException(
            "partial frame not completed within " + partialFrameTimeoutMs + " ms"));
      } else if (pendingBytes() > 0) {
        armStallCheck(ctx);
      }
    }, partialFrameTimeoutMs, TimeUnit.MILLISECONDS);
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    if (stallCheck != null) {
      stallCheck.cancel(false);
    }
    filling = null;
  }
}
