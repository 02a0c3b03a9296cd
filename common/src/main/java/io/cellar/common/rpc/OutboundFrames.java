package io.cellar.common.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The frames one channel still has to send, written from any thread and flushed together: the
 * first frame queued schedules one task on the channel's event loop, which writes every frame
 * queued by then and flushes once. So N threads answering (or calling) at once cost one event-loop
 * wake-up and one write system call instead of N of each. A frame queued on a closed channel is
 * released; write failures reach the pipeline's {@code exceptionCaught} (which closes the channel,
 * failing its calls). Thread-safe; one instance per channel.
 */
final class OutboundFrames {
  private final Channel channel;
  private final Queue<ByteBuf> queue = PlatformDependent.newMpscQueue();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Runnable drain = this::drain;

  OutboundFrames(Channel channel) {
    this.channel = channel;
  }

  /** Queues {@code frame} (ownership passes here) for the next flush. */
  void write(ByteBuf frame) {
    queue.offer(frame);
    if (scheduled.compareAndSet(false, true)) {
      try {
        channel.eventLoop().execute(drain);
      } catch (RejectedExecutionException e) { // event loop shut down: the channel is gone
        scheduled.set(false);
        releaseQueued();
      }
    }
  }

  private void drain() {
    scheduled.set(false); // frames queued from here on schedule another drain
    if (!channel.isActive()) {
      releaseQueued();
      return;
    }
    boolean wrote = false;
    for (ByteBuf f = queue.poll(); f != null; f = queue.poll()) {
      channel.write(f, channel.voidPromise());
      wrote = true;
    }
    if (wrote) {
      channel.flush();
    }
  }

  private void releaseQueued() {
    for (ByteBuf f = queue.poll(); f != null; f = queue.poll()) {
      f.release();
    }
  }
}
