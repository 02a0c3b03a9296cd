package io.cellar.regionserver.server;

import io.cellar.common.exceptions.RegionTooBusyException;
import io.cellar.regionserver.FlushRequester;
import io.cellar.regionserver.Region;
import io.cellar.wal.WalWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's flush thread and global memstore limit. The thread flushes, one at a time: the
 * regions that asked (their memstore passed the table's flush size; {@link #requestFlush}); the
 * biggest regions once the heap of all memstores passes 95% of the global limit, until it is
 * under 90%; and the regions whose unflushed edits keep too many WAL segments live. Each flush
 * tells the WAL the region's flushed sequence id, which archives the segments nobody needs.
 * Errors are logged: the region keeps its memstore and is tried again later.
 *
 * <p>Writers call {@link #awaitGlobalRoom} first: at or over the limit itself they wait for the
 * flushes, and after the block timeout get RegionTooBusyException (retryable), so a write burst
 * cannot outrun the flusher and exhaust the heap.
 */
final class MemStoreFlusher implements FlushRequester, Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(MemStoreFlusher.class);
  /** How often the global and WAL limits are checked when no request arrives. */
  private static final long CHECK_INTERVAL_MS = 200;
  private static final long GATE_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final LinkedBlockingQueue<Region> queue = new LinkedBlockingQueue<>();
  private final Set<Region> queued = ConcurrentHashMap.newKeySet();
  private final Supplier<Collection<Region>> regions;
  private final WalWriter wal;
  private final long globalLimit;
  private final long flushStart;
  private final long globalLowWater;
  private final long blockTimeoutMs;
  private final Object room = new Object();
  private final Thread thread;
  private volatile boolean closed;
  /** The global sum and when {@link #awaitGlobalRoom} last computed it (racy on purpose). */
  private volatile long gateSize = Long.MAX_VALUE;
  private volatile long gateCheckedAt;

  /**
   * @param regions the regions online now
   * @param globalLimit heap of memstore, summed over all regions, at which writes wait
   * @param blockTimeoutMs how long a write waits for room before RegionTooBusyException
   */
  MemStoreFlusher(String name, Supplier<Collection<Region>> regions, WalWriter wal,
      long globalLimit, long blockTimeoutMs) {
    this.regions = regions;
    this.wal = wal;
    this.globalLimit = globalLimit;
    this.flushStart = (long) (globalLimit * 0.95);
    this.globalLowWater = (long) (globalLimit * 0.90);
    this.blockTimeoutMs = blockTimeoutMs;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  @Override
  public void requestFlush(Region region) {
    if (!closed && queued.add(region)) {
      queue.add(region);
    }
  }

  long getGlobalLimit() {
    return globalLimit;
  }

  /**
   * Returns at once while the global memstore is under the limit; else waits for flushes to
   * bring it under, up to the block timeout, then throws RegionTooBusyException.
   */
  void awaitGlobalRoom() throws IOException {
    // Summing every region's memstores costs more than a small write itself; while the last sum
    // was under the low-water mark, one at most GATE_RECHECK_NANOS old is good enough (the 10 %
    // between low water and the limit is far more than writes can add in that time).
    long now = System.nanoTime();
    if (now - gateCheckedAt < GATE_RECHECK_NANOS && gateSize < globalLowWater) {
      return;
    }
    long sum = globalMemStoreSize();
    gateSize = sum;
    gateCheckedAt = now;
    if (sum < globalLimit) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(blockTimeoutMs);
    synchronized (room) {
      long size;
      while ((size = globalMemStoreSize()) >= globalLimit && !closed) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new RegionTooBusyException("The region server's memstores hold " + size
              + " bytes, over the global limit of " + globalLimit + " bytes, and flushes did"
              + " not free room within " + blockTimeoutMs + " ms; retry later");
        }
        try {
          room.wait(Math.min(left, CHECK_INTERVAL_MS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for memstore room");
        }
      }
    }
  }

  private void signalRoom() {
    synchronized (room) {
      room.notifyAll();
    }
  }

  /**
   * Heap held by the memstores of the online regions, snapshots being flushed included. Heap,
   * not cell bytes, because the limit exists to protect the heap: chunk capacity and indexes
   * add to the data, and a snapshot holds its heap until its flush completes.
   */
  long globalMemStoreSize() {
    long total = 0;
    for (Region r : regions.get()) {
      total += r.getMemStoreHeapSize();
    }
    return total;
  }

  private void run() {
    while (!closed) {
      Region r;
      try {
        r = queue.poll(CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (r != null) {
        queued.remove(r);
        flush(r, false);
      }
      relieveGlobalPressure();
      relieveWalPressure();
      signalRoom();
    }
  }

  /** Flushes the biggest regions while the global memstore is near or over the limit. */
  private void relieveGlobalPressure() {
    long total = globalMemStoreSize();
    if (total < flushStart) {
      return;
    }
    List<Region> bySize = new ArrayList<>(regions.get());
    bySize.sort(Comparator.comparingLong(Region::getMemStoreHeapSize).reversed());
    LOG.info("Global memstore {} bytes is near or over the limit of {}; flushing the biggest"
        + " regions", total, globalLimit);
    for (Region r : bySize) {
      if (closed || total < globalLowWater) {
        return;
      }
      long size = r.getMemStoreHeapSize();
      if (r.getMemStoreSize() == 0) {
        return;
      }
      if (flush(r, true)) {
        total -= size;
        signalRoom();
      }
    }
  }

  /** Flushes the regions holding the oldest WAL segment when too many segments are live. */
  private void relieveWalPressure() {
    List<String> names = wal.getRegionsToFlush();
    if (names.isEmpty()) {
      return;
    }
    Set<String> wanted = Set.copyOf(names);
    for (Region r : regions.get()) {
      if (!closed && wanted.contains(r.getRegionInfo().getEncodedName())) {
        flush(r, true);
      }
    }
  }

  private boolean flush(Region r, boolean force) {
    if (r.isClosed()) {
      return false;
    }
    try {
      r.flush(force);
      return true;
    } catch (Exception e) {
      if (!r.isClosed()) {
        LOG.warn("Flush of region {} failed; it will be retried",
            r.getRegionInfo().getEncodedName(), e);
      }
      return false;
    }
  }

  /** Stops the thread after the flush in progress, if any; queued requests are dropped. */
  @Override
  public void close() {
    closed = true; // no interrupt: it would close the file channels of a flush in progress
    if (thread.isAlive()) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    queue.clear();
    queued.clear();
    signalRoom();
  }
}
