package io.cellar.regionserver;

import io.cellar.common.Bytes;
import io.cellar.common.exceptions.RegionTooBusyException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-row exclusive locks of one region. A row's lock exists only while someone holds or waits
 * for it, so the table of locks stays as small as the set of rows being written.
 *
 * <p>Batches lock their rows with {@link #lockRows}, which takes them in ascending key order so
 * two batches over overlapping rows can never deadlock. Locks are reentrant for the holding
 * thread. REQUIRES: the returned {@link Held} is released by the thread that acquired it.
 */
public final class RowLocks {
  /** Setting: milliseconds a writer waits for a row lock before failing (default 30 s). */
  public static final String TIMEOUT_KEY = "cellar.region.rowlock.timeout.ms";
  public static final long DEFAULT_TIMEOUT_MS = 30_000L;

  private final ConcurrentHashMap<ByteBuffer, Entry> locks = new ConcurrentHashMap<>();
  private final long timeoutMs;

  public RowLocks(long timeoutMs) {
    if (timeoutMs <= 0) {
      throw new IllegalArgumentException("row lock timeout must be positive, got " + timeoutMs);
    }
    this.timeoutMs = timeoutMs;
  }

  /** The lock of one row plus how many threads hold or wait for it. */
  private static final class Entry extends ReentrantLock {
    int users; // guarded by the map's compute on this entry's key
  }

  /** Locks taken together; {@link #close} releases them all. */
  public final class Held implements AutoCloseable {
    private final List<ByteBuffer> keys;
    private final List<Entry> entries;
    private boolean released;

    private Held(List<ByteBuffer> keys, List<Entry> entries) {
      this.keys = keys;
      this.entries = entries;
    }

    /** Number of distinct rows held. */
    public int size() {
      return keys.size();
    }

    @Override
    public void close() {
      if (released) {
        return;
      }
      released = true;
      for (int i = entries.size() - 1; i >= 0; i--) {
        entries.get(i).unlock();
        unref(keys.get(i));
      }
    }
  }

  /** Locks one row, waiting at most the configured timeout. */
  public Held lockRow(byte[] row) throws IOException {
    return lockRows(List.of(row));
  }

  /**
   * Locks every distinct row of {@code rows}, in ascending key order. On a timeout or interrupt
   * the rows already taken are released and a RegionTooBusyException (or InterruptedIOException)
   * is thrown.
   */
  public Held lockRows(Collection<byte[]> rows) throws IOException {
    byte[][] sorted = distinctInOrder(rows);
    List<ByteBuffer> keys = new ArrayList<>(sorted.length);
    List<Entry> entries = new ArrayList<>(sorted.length);
    Held held = new Held(keys, entries);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    for (byte[] row : sorted) {
      ByteBuffer key = ByteBuffer.wrap(row);
      Entry e = ref(key);
      boolean got = false;
      try {
        got = e.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException ie) {
        unref(key);
        held.close();
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted waiting for the lock of row "
            + Bytes.toStringBinary(row));
      }
      if (!got) {
        unref(key);
        held.close();
        throw new RegionTooBusyException("Timed out after " + timeoutMs
            + " ms waiting for the lock of row " + Bytes.toStringBinary(row));
      }
      keys.add(key);
      entries.add(e);
    }
    return held;
  }

  /** The distinct rows in ascending order (no sorting for the common single-row case). */
  private static byte[][] distinctInOrder(Collection<byte[]> rows) {
    byte[][] sorted = rows.toArray(new byte[0][]);
    if (sorted.length < 2) {
      return sorted;
    }
    Arrays.sort(sorted, Bytes::compare);
    int n = 1;
    for (int i = 1; i < sorted.length; i++) {
      if (!Arrays.equals(sorted[i], sorted[n - 1])) {
        sorted[n++] = sorted[i];
      }
    }
    return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
  }

  /** Number of rows with a lock entry (held or awaited); for tests and metrics. */
  public int lockedRowCount() {
    return locks.size();
  }

  private Entry ref(ByteBuffer key) {
    return locks.compute(key, (k, e) -> {
      Entry r = e == null ? new Entry() : e;
      r.users++;
      return r;
    });
  }

  private void unref(ByteBuffer key) {
    locks.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
  }
}
