package io.cellar.common.rpc;

import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Per-call facts a handler may need: who called, which method, and the deadline (the caller's
 * timeout counted from when the server read the frame). Handlers doing long work should check
 * {@link #isExpired()} and give up early.
 */
public final class CallContext {
  private final long callId;
  private final String service;
  private final String method;
  private final SocketAddress remoteAddress;
  private final long receivedNanos;
  /** 0 when the caller set no timeout. */
  private final long timeoutMs;

  public CallContext(long callId, String service, String method, SocketAddress remoteAddress,
      long receivedNanos, long timeoutMs) {
    this.callId = callId;
    this.service = service;
    this.method = method;
    this.remoteAddress = remoteAddress;
    this.receivedNanos = receivedNanos;
    this.timeoutMs = timeoutMs;
  }

  public long callId() {
    return callId;
  }

  public String service() {
    return service;
  }

  public String method() {
    return method;
  }

  public SocketAddress remoteAddress() {
    return remoteAddress;
  }

  public boolean hasDeadline() {
    return timeoutMs > 0;
  }

  /** Milliseconds left before the deadline (negative once passed); Long.MAX_VALUE if none. */
  public long remainingMillis() {
    if (timeoutMs <= 0) {
      return Long.MAX_VALUE;
    }
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - receivedNanos);
    return timeoutMs - elapsed;
  }

  public boolean isExpired() {
    return remainingMillis() <= 0;
  }
}
