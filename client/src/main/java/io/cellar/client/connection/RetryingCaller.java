package io.cellar.client.connection;

import io.cellar.client.RetriesExhaustedException;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.schema.ServerName;
import java.io.IOException;
import java.io.InterruptedIOException;

/**
 * Runs one operation attempt after attempt until it succeeds, fails with an error a retry cannot
 * fix (thrown at once, its own type), or runs out of retries or of the operation timeout
 * ({@link RetriesExhaustedException} naming the operation, the table, the row and the last
 * server, with the last error as cause). Each attempt says which location it used, so a
 * failure can drop that location from the cache ({@link RegionLookup#onFailure}).
 */
public final class RetryingCaller {
  /** One attempt. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run(Try attempt) throws IOException;
  }

  /** What one attempt knows: its number, its RPC time budget, where it went. */
  public static final class Try {
    private final int number;
    private final long rpcTimeoutMs;
    private final long remainingMs;
    RegionLocation location;
    ServerName server;

    Try(int number, long rpcTimeoutMs, long remainingMs) {
      this.number = number;
      this.rpcTimeoutMs = rpcTimeoutMs;
      this.remainingMs = remainingMs;
    }

    /** 0 for the first attempt. */
    public int number() {
      return number;
    }

    /** Time allowed for one RPC of this attempt. */
    public long rpcTimeoutMs() {
      return rpcTimeoutMs;
    }

    /** What is left of the operation's time budget (for calls that may run long, e.g. DDL). */
    public long remainingMs() {
      return remainingMs;
    }

    /** True on a retry: locations should be read from meta again, not from the cache. */
    public boolean isRetry() {
      return number > 0;
    }

    /** Records the region this attempt addressed (so its failure can invalidate it). */
    public void at(RegionLocation loc) {
      this.location = loc;
      this.server = loc.server();
    }

    /** Records a server addressed without a region (a master, a region server admin call). */
    public void atServer(ServerName s) {
      this.server = s;
    }
  }

  private final RetryPolicy policy;
  private final long operationTimeoutMs;
  private final long rpcTimeoutMs;
  private final RegionLookup lookup;

  public RetryingCaller(RetryPolicy policy, long operationTimeoutMs, long rpcTimeoutMs,
      RegionLookup lookup) {
    this.policy = policy;
    this.operationTimeoutMs = operationTimeoutMs;
    this.rpcTimeoutMs = rpcTimeoutMs;
    this.lookup = lookup;
  }

  public static RetryingCaller of(ClientSettings s, RegionLookup lookup) {
    return new RetryingCaller(RetryPolicy.of(s), s.operationTimeoutMs(), s.rpcTimeoutMs(),
        lookup);
  }

  public RetryPolicy policy() {
    return policy;
  }

  public long operationTimeoutMs() {
    return operationTimeoutMs;
  }

  /**
   * Runs {@code attempt} with retries. {@code what} describes the operation for errors (e.g.
   * "get on table t1"), {@code row} may be null.
   */
  public <T> T call(String what, byte[] row, Attempt<T> attempt) throws IOException {
    long start = System.nanoTime();
    long deadline = start + operationTimeoutMs * 1_000_000L;
    for (int n = 0; ; n++) {
      // the first attempt has the whole budget: no second clock read
      long remainingMs = n == 0 ? Math.max(1, operationTimeoutMs)
          : Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
      Try t = new Try(n, Math.min(rpcTimeoutMs, remainingMs), remainingMs);
      try {
        return attempt.run(t);
      } catch (IOException | RuntimeException e) {
        RetryPolicy.Failure kind = RetryPolicy.classify(e);
        if (t.location != null) {
          lookup.onFailure(t.location, e);
        }
        if (kind == RetryPolicy.Failure.DO_NOT_RETRY) {
          throw e;
        }
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        long pause = policy.nextPauseMs(n + 1, left, RetryPolicy.minAttemptMs(operationTimeoutMs));
        if (pause < 0) {
          throw exhausted(what, row, n + 1, start, t.server, e);
        }
        sleep(pause);
      }
    }
  }

  static RetriesExhaustedException exhausted(String what, byte[] row, int attempts,
      long startNanos, ServerName server, Throwable cause) {
    return new RetriesExhaustedException("Failed " + what
        + (row == null ? "" : ", row '" + Bytes.toStringBinary(row) + "'")
        + " after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " in "
        + (System.nanoTime() - startNanos) / 1_000_000L + " ms"
        + (server == null ? "" : "; last server " + server) + ": " + cause, cause);
  }

  static void sleep(long ms) throws InterruptedIOException {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted while pausing before a retry");
    }
  }
}
