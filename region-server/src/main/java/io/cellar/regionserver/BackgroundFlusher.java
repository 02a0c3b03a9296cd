package io.cellar.regionserver;

import java.io.Closeable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that flushes the regions queued by {@link #requestFlush}, one at a time, in
 * request order. A region is in the queue at most once. Errors are logged: the region keeps its
 * memstore and a later write asks again.
 */
public final class BackgroundFlusher implements FlushRequester, Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundFlusher.class);

  private final LinkedBlockingQueue<Region> queue = new LinkedBlockingQueue<>();
  private final Set<Region> queued = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean closed;

  public BackgroundFlusher(String name) {
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void requestFlush(Region region) {
    if (!closed && queued.add(region)) {
      queue.add(region);
    }
  }

  private void run() {
    while (!closed) {
      Region r;
      try {
        r = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (r == null) {
        continue;
      }
      queued.remove(r);
      try {
        if (!r.isClosed()) {
          r.flush(false);
        }
      } catch (Exception e) {
        LOG.warn("Background flush of region {} failed; it will be retried on a later write",
            r.getRegionInfo().getEncodedName(), e);
      }
    }
  }

  /** Stops the thread after the flush in progress, if any; queued requests are dropped. */
  @Override
  public void close() {
    closed = true; // no interrupt: it would close the file channels of a flush in progress
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
    queued.clear();
  }
}
