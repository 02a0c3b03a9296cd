package io.cellar.regionserver;

import io.cellar.common.exceptions.RegionTooBusyException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.function.BooleanSupplier;

/**
 * Holds writers back while the region is over its limits: the memstore above the blocking size
 * (a multiple of the flush size) or a store with too many files. A writer asks for relief (a
 * flush or compaction), then waits until the condition clears or the timeout passes, when it
 * fails with RegionTooBusyException (retryable). Flushes and compactions call {@link #relieved}.
 */
final class WriteBackpressure {
  /** Setting: memstore size, as a multiple of the flush size, at which writes block. */
  static final String BLOCK_MULTIPLIER_KEY = "cellar.region.memstore.block.multiplier";
  static final int DEFAULT_BLOCK_MULTIPLIER = 4;
  /** Setting: milliseconds a blocked write waits before RegionTooBusyException. */
  static final String BLOCK_TIMEOUT_KEY = "cellar.region.write.block.timeout.ms";
  static final long DEFAULT_BLOCK_TIMEOUT_MS = 60_000L;

  private final long timeoutMs;
  private final Object monitor = new Object();

  WriteBackpressure(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  /**
   * Returns once {@code overLimit} is false; calls {@code askForRelief} before waiting and every
   * second while waiting. {@code describe} explains the limit for the error message.
   */
  void await(BooleanSupplier overLimit, Runnable askForRelief, java.util.function.Supplier<String>
      describe) throws IOException {
    if (!overLimit.getAsBoolean()) {
      return;
    }
    long start = System.nanoTime();
    long deadline = start + timeoutMs * 1_000_000L;
    long nextAsk = start;
    synchronized (monitor) {
      while (overLimit.getAsBoolean()) {
        long now = System.nanoTime();
        if (now >= deadline) {
          throw new RegionTooBusyException("Writes blocked for " + timeoutMs + " ms: "
              + describe.get() + "; retry later");
        }
        if (now >= nextAsk) {
          askForRelief.run();
          nextAsk = now + 1_000_000_000L;
        }
        try {
          monitor.wait(Math.max(1, Math.min(50, (deadline - now) / 1_000_000L)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while writes were blocked");
        }
      }
    }
  }

  /** Wakes blocked writers to re-check their condition. */
  void relieved() {
    synchronized (monitor) {
      monitor.notifyAll();
    }
  }
}
