package io.cellar.lsm.compaction;

import com.google.common.util.concurrent.RateLimiter;
import java.util.concurrent.atomic.LongAdder;

/**
 * Caps the bytes per second all compactions of a process write, so background rewrites leave
 * disk bandwidth to flushes and reads. One instance is shared by every compaction of a
 * {@link CompactionRunner}. Thread-safe.
 */
public final class CompactionThrottle {
  private final RateLimiter limiter; // null = unlimited
  private final LongAdder bytes = new LongAdder();

  private CompactionThrottle(RateLimiter limiter) {
    this.limiter = limiter;
  }

  /** At most {@code bytesPerSecond}; 0 or less means unlimited. */
  public static CompactionThrottle of(long bytesPerSecond) {
    return new CompactionThrottle(bytesPerSecond > 0 ? RateLimiter.create(bytesPerSecond) : null);
  }

  public static CompactionThrottle unlimited() {
    return new CompactionThrottle(null);
  }

  /** Waits until {@code bytes} more may be written. */
  public void acquire(int bytes) {
    if (bytes <= 0) {
      return;
    }
    this.bytes.add(bytes);
    if (limiter != null) {
      limiter.acquire(bytes);
    }
  }

  /** Bytes passed through so far: what compactions have written (a metric). */
  public long getBytesAcquired() {
    return bytes.sum();
  }

  public boolean isUnlimited() {
    return limiter == null;
  }

  /** Bytes per second, or 0 when unlimited. */
  public long getRate() {
    return limiter == null ? 0 : (long) limiter.getRate();
  }
}
