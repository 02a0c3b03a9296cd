package io.cellar.regionserver.server;

import io.cellar.common.exceptions.UnknownScannerException;
import io.cellar.regionserver.Region;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open scanners of the server, by id, each on a lease: a scanner not called for longer than
 * the lease is closed by a background sweep (a client that went away must not pin store files
 * and memory forever). A call {@link #acquire}s its scanner (renewing the lease and keeping the
 * sweep off it) and {@link #release}s it after. An id that is not open (never was, expired,
 * finished or closed) or that another call is using gets {@link UnknownScannerException}. Ids start at a random number so a
 * stale id from another server incarnation does not name a new scanner. Thread-safe.
 */
final class ScannerLeases implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ScannerLeases.class);

  private final ConcurrentHashMap<Long, OpenScanner> scanners = new ConcurrentHashMap<>();
  private final AtomicLong nextId =
      new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1L << 62));
  private final long leaseMs;
  private final ScheduledExecutorService sweeper;

  ScannerLeases(long leaseMs, String serverName) {
    this.leaseMs = leaseMs;
    this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "scanner-leases-" + serverName);
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(10, Math.min(leaseMs / 2, 1000));
    sweeper.scheduleWithFixedDelay(() -> expireIdle(System.nanoTime()), every, every,
        TimeUnit.MILLISECONDS);
  }

  long leaseMs() {
    return leaseMs;
  }

  /** Registers a scanner built by {@code factory} from a fresh id, acquired by the caller. */
  OpenScanner register(LongFunction<OpenScanner> factory) {
    long id = nextId.getAndIncrement();
    OpenScanner s = factory.apply(id);
    s.inUse = true;
    s.lastAccessNanos = System.nanoTime();
    scanners.put(id, s);
    return s;
  }

  /**
   * Marks the scanner in use for one call; UnknownScannerException if it is not open, or if
   * another call is using it (a client retrying a call that timed out: serving both would hand
   * the rows of one to a caller that gave up, so the client must reopen from its last row).
   */
  OpenScanner acquire(long id) throws UnknownScannerException {
    boolean[] busy = new boolean[1];
    OpenScanner s = scanners.computeIfPresent(id, (k, v) -> {
      if (v.inUse) {
        busy[0] = true;
        return v;
      }
      v.inUse = true;
      v.lastAccessNanos = System.nanoTime();
      return v;
    });
    if (s == null) {
      throw new UnknownScannerException("Scanner " + Long.toUnsignedString(id)
          + " is not open on this server: its lease of " + leaseMs
          + " ms expired, it was closed, or it never existed; reopen the scan");
    }
    if (busy[0]) {
      close(s); // the call in progress finishes; its rows go nowhere, the client reopens
      throw new UnknownScannerException("Scanner " + Long.toUnsignedString(id)
          + " is busy with another call (a retried call?); it is closed: reopen the scan");
    }
    return s;
  }

  /** Ends a call: the lease restarts from now. */
  void release(OpenScanner s) {
    scanners.computeIfPresent(s.id(), (k, v) -> {
      v.inUse = false;
      v.lastAccessNanos = System.nanoTime();
      return v;
    });
  }

  /** Closes and forgets the scanner (the scan finished or the client closed it). */
  void close(OpenScanner s) {
    scanners.remove(s.id(), s);
    s.close();
  }

  /** Closes every scanner open on {@code region} (it is closing). */
  void closeRegion(Region region) {
    for (OpenScanner s : new ArrayList<>(scanners.values())) {
      if (s.region().region() == region) {
        close(s);
      }
    }
  }

  int size() {
    return scanners.size();
  }

  /** Closes the scanners idle for longer than the lease at {@code now} and not in a call. */
  void expireIdle(long now) {
    long leaseNanos = TimeUnit.MILLISECONDS.toNanos(leaseMs);
    List<OpenScanner> expired = new ArrayList<>();
    for (Long id : new ArrayList<>(scanners.keySet())) {
      scanners.computeIfPresent(id, (k, v) -> {
        if (!v.inUse && now - v.lastAccessNanos > leaseNanos) {
          expired.add(v);
          return null;
        }
        return v;
      });
    }
    for (OpenScanner s : expired) {
      LOG.info("Scanner {} on region {} expired after {} ms idle; closing it",
          Long.toUnsignedString(s.id()), s.region().info().getEncodedName(), leaseMs);
      try {
        s.close();
      } catch (RuntimeException e) {
        LOG.warn("Closing expired scanner {} failed", s.id(), e);
      }
    }
  }

  /** Stops the sweep and closes every scanner. */
  @Override
  public void close() {
    sweeper.shutdownNow();
    for (OpenScanner s : new ArrayList<>(scanners.values())) {
      close(s);
    }
  }
}
