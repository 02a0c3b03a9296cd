package io.cellar.client.connection;

import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.rpc.CallTimeoutException;
import io.cellar.common.rpc.ConnectionClosedException;
import io.cellar.common.rpc.RemoteException;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides what a failed attempt means and how long to pause before the next. A failure is one
 * of {@link Failure}: give up at once (the request itself is wrong), look the region up again
 * (stale location), forget every location on the server (it went away), or just retry after a
 * pause (busy, not yet ready). Pauses grow along HBase's backoff table: {@code pause x 1, 2, 3,
 * 5, 10, 20, 40, 100, ...}, plus up to 1% jitter so clients do not retry in lockstep. An
 * operation gives up after {@code retries} retries or when the next pause would cross its
 * deadline. Immutable.
 */
public final class RetryPolicy {
  /** What a failure calls for. */
  public enum Failure {
    /** Retrying cannot help: surface the error now. */
    DO_NOT_RETRY,
    /** The cached location of this region is stale: drop it, look it up again. */
    RELOCATE,
    /** The server is unreachable: drop every cached location on it. */
    SERVER_GONE,
    /** Transient (busy, overloaded, master not ready): pause and retry. */
    RETRY
  }

  private static final int[] BACKOFF = {1, 2, 3, 5, 10, 20, 40, 100, 100, 100, 100, 200, 200};

  private final long pauseMs;
  private final int retries;

  public RetryPolicy(long pauseMs, int retries) {
    if (pauseMs < 0 || retries < 0) {
      throw new IllegalArgumentException("Bad retry policy: pause " + pauseMs + ", retries "
          + retries);
    }
    this.pauseMs = pauseMs;
    this.retries = retries;
  }

  public static RetryPolicy of(ClientSettings s) {
    return new RetryPolicy(s.pauseMs(), s.retries());
  }

  public int retries() {
    return retries;
  }

  /** Classifies a failure (already unwrapped from ExecutionException/CompletionException). */
  public static Failure classify(Throwable t) {
    if (t instanceof DoNotRetryException) {
      return Failure.DO_NOT_RETRY;
    }
    if (t instanceof RemoteException r) {
      return r.isDoNotRetry() ? Failure.DO_NOT_RETRY : Failure.RETRY;
    }
    if (t instanceof NotServingRegionException || t instanceof CallTimeoutException) {
      return Failure.RELOCATE;
    }
    if (t instanceof ConnectionClosedException) {
      return Failure.SERVER_GONE;
    }
    if (t instanceof java.io.InterruptedIOException) {
      return Failure.DO_NOT_RETRY;
    }
    if (t instanceof IOException) {
      return Failure.RETRY;
    }
    // client-side bugs, bad arguments, interrupts: never retried
    return Failure.DO_NOT_RETRY;
  }

  /** The pause after {@code failures} failed attempts (1 = the first failure), no jitter. */
  public long backoffMs(int failures) {
    int i = Math.max(0, Math.min(failures - 1, BACKOFF.length - 1));
    return pauseMs * BACKOFF[i];
  }

  /**
   * The pause before the next attempt, or -1 to give up: after {@code failures} failures with
   * {@code remainingMs} left of the operation's budget.
   */
  public long nextPauseMs(int failures, long remainingMs) {
    return nextPauseMs(failures, remainingMs, 0);
  }

  /**
   * Like {@link #nextPauseMs(int, long)}, but also gives up when less than
   * {@code minAttemptMs} would be left for the next attempt after the pause (an attempt with
   * a few milliseconds would only time out and hide the real error).
   */
  public long nextPauseMs(int failures, long remainingMs, long minAttemptMs) {
    if (failures > retries) {
      return -1;
    }
    long base = backoffMs(failures);
    long pause = base + (base >= 100 ? ThreadLocalRandom.current().nextLong(base / 100 + 1) : 0);
    return pause >= remainingMs || remainingMs - pause < minAttemptMs ? -1 : pause;
  }

  /** The least time worth starting an attempt with: 1/20 of the operation's budget. */
  public static long minAttemptMs(long operationTimeoutMs) {
    return operationTimeoutMs / 20;
  }
}
