package io.cellar.client.connection;

/**
 * Bounds the bytes a BufferedMutator has sent but not yet seen answered: {@link #acquire}
 * blocks while taking {@code n} more would pass the limit, except that one flush always may go
 * when nothing is in flight (so a single batch over the limit cannot wait forever).
 * Thread-safe.
 */
public final class InFlightBytes {
  private final long limit;
  private long inFlight; // guarded by this

  /** REQUIRES: limit > 0. */
  public InFlightBytes(long limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("In-flight limit must be positive: " + limit);
    }
    this.limit = limit;
  }

  /** True if {@code n} more bytes may go now. */
  public synchronized boolean tryAcquire(long n) {
    if (inFlight > 0 && inFlight + n > limit) {
      return false;
    }
    inFlight += n;
    return true;
  }

  /** Waits until {@code n} more bytes may go, then counts them. */
  public synchronized void acquire(long n) throws InterruptedException {
    while (inFlight > 0 && inFlight + n > limit) {
      wait();
    }
    inFlight += n;
  }

  public synchronized void release(long n) {
    inFlight = Math.max(0, inFlight - n);
    notifyAll();
  }

  public synchronized long inFlight() {
    return inFlight;
  }
}
