package io.cellar.lsm.store;

import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Holds writers back while a store has too many files (HBase's blockingStoreFiles), so that
 * compaction can catch up before reads slow down further. A writer waits until the count drops
 * below the limit or until the maximum wait passes, and then proceeds either way: writes are
 * delayed, never failed. Whoever changes the file set calls {@link #fileSetChanged}.
 * Thread-safe.
 */
final class FileCountWriteGate {
  private final int blockingFiles;
  private final long maxWaitNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  /** {@code blockingFiles <= 0} disables blocking. */
  FileCountWriteGate(int blockingFiles, long maxWaitMillis) {
    this.blockingFiles = blockingFiles;
    this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, maxWaitMillis));
  }

  boolean isBlocking(int fileCount) {
    return blockingFiles > 0 && fileCount >= blockingFiles;
  }

  /**
   * Waits while {@code fileCount} is at the limit, at most the configured time. Calls
   * {@code onBlocked} once, before waiting, when it has to wait (to ask for a compaction).
   * Returns the milliseconds waited (0 when not blocked).
   */
  long awaitBelowLimit(IntSupplier fileCount, Runnable onBlocked) throws InterruptedIOException {
    if (!isBlocking(fileCount.getAsInt())) {
      return 0;
    }
    onBlocked.run();
    long start = System.nanoTime();
    long deadline = start + maxWaitNanos;
    lock.lock();
    try {
      while (isBlocking(fileCount.getAsInt())) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for compaction");
    } finally {
      lock.unlock();
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }

  /** Wakes waiting writers to re-check the file count. */
  void fileSetChanged() {
    lock.lock();
    try {
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
