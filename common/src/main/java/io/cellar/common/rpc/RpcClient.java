package io.cellar.common.rpc;

import com.google.common.net.HostAndPort;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.cellar.common.conf.Configuration;
import io.netty.channel.EventLoopGroup;
import io.netty.util.HashedWheelTimer;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.Closeable;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Calls {@link RpcServer}s. Keeps one multiplexed connection per server address, opened on first
 * use and reopened on the next call after it closes. Thread-safe; meant to be shared by every user
 * of a cluster connection.
 *
 * <p>Failures complete the returned future exceptionally with: {@link CallTimeoutException} (the
 * timeout passed), {@link ConnectionClosedException} (connect failed or the connection dropped;
 * retryable), or the server's exception rebuilt by {@link RemoteErrors} (e.g.
 * TableNotFoundException, RegionMovedException with its new server, RemoteException for unknown
 * types). Futures of {@code call} complete on a callback thread, never on a Netty event loop, so
 * callbacks may block or issue further calls; those of {@code callForWaiting} complete on the
 * event loop, for callers that only wait.
 */
public final class RpcClient implements Closeable {
  /** Time allowed to open a TCP connection. */
  public static final String CONNECT_TIMEOUT_MS = "cellar.rpc.client.connect.timeout.ms";
  public static final int DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
  /** Event loop threads (0 = Netty's default). */
  public static final String IO_THREADS = "cellar.rpc.client.io.threads";

  private final int maxFrameBytes;
  private final int connectTimeoutMs;
  private final EventLoopGroup group;
  private final ExecutorService callbacks;
  /** Call timeouts: a wheel of 10 ms ticks, armed without waking any event loop. */
  private final HashedWheelTimer timer;
  private final Map<String, RpcConnection> connections = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public RpcClient(Configuration conf) {
    this.maxFrameBytes = conf.getInt(RpcServer.MAX_FRAME_BYTES, RpcServer.DEFAULT_MAX_FRAME_BYTES);
    this.connectTimeoutMs = conf.getInt(CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS);
    this.group = NettyTransport.newGroup(conf.getInt(IO_THREADS, 0), "rpc-client-io");
    this.callbacks = Executors.newCachedThreadPool(new DefaultThreadFactory("rpc-callback", true));
    this.timer = new HashedWheelTimer(new DefaultThreadFactory("rpc-timer", true), 10,
        TimeUnit.MILLISECONDS);
  }

  /**
   * Sends one call. REQUIRES: {@code timeoutMs > 0}; {@code hostPort} is "host:port".
   * Never throws: every failure completes the future exceptionally.
   */
  public CompletableFuture<RpcResponse> call(String hostPort, String service, String method,
      Message request, CellBlock cells, long timeoutMs) {
    return send(hostPort, service, method, request, cells, timeoutMs, false);
  }

  /**
   * Same as {@link #call(String, String, String, Message, CellBlock, long)}, but the future
   * completes on the I/O thread that read the response, saving a thread hand-off. REQUIRES: the
   * caller only waits for the future (get/join) or attaches callbacks that neither block nor
   * issue calls.
   */
  public CompletableFuture<RpcResponse> callForWaiting(String hostPort, String service,
      String method, Message request, CellBlock cells, long timeoutMs) {
    return send(hostPort, service, method, request, cells, timeoutMs, true);
  }

  private CompletableFuture<RpcResponse> send(String hostPort, String service, String method,
      Message request, CellBlock cells, long timeoutMs, boolean inline) {
    CompletableFuture<RpcResponse> result = new CompletableFuture<>();
    try {
      if (timeoutMs <= 0) {
        throw new IllegalArgumentException("timeoutMs must be positive, got " + timeoutMs);
      }
      if (closed) {
        throw new IllegalStateException("RpcClient closed");
      }
      // the common case: an open connection under the address as given (no parsing, no lock)
      RpcConnection conn = connections.get(hostPort);
      if (conn == null || conn.isClosed()) {
        HostAndPort hp = HostAndPort.fromString(hostPort).requireBracketsForIPv6();
        // The constructor has no side effects; the connection starts in send, outside compute.
        conn = connections.compute(hp.toString(), (k, old) ->
            old != null && !old.isClosed() ? old : new RpcConnection(this, k,
                InetSocketAddress.createUnresolved(hp.getHost(), hp.getPort())));
      }
      conn.send(service, method, request, cells == null ? CellBlock.empty() : cells, timeoutMs,
          result, inline);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /** Same as {@link #call(String, String, String, Message, CellBlock, long)} for an address. */
  public CompletableFuture<RpcResponse> call(InetSocketAddress address, String service,
      String method, Message request, CellBlock cells, long timeoutMs) {
    return call(HostAndPort.fromParts(address.getHostString(), address.getPort()).toString(),
        service, method, request, cells, timeoutMs);
  }

  /** A call without cell blocks whose response message is parsed with {@code parser}. */
  public <R> CompletableFuture<R> call(String hostPort, String service, String method,
      Message request, Parser<R> parser, long timeoutMs) {
    return call(hostPort, service, method, request, CellBlock.empty(), timeoutMs)
        .thenApply(r -> {
          try {
            return r.parse(parser);
          } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new CompletionException(e);
          }
        });
  }

  /** Number of open or opening connections (for tests and metrics). */
  public int getConnectionCount() {
    return (int) connections.values().stream().filter(c -> !c.isClosed()).count();
  }

  int maxFrameBytes() {
    return maxFrameBytes;
  }

  int connectTimeoutMs() {
    return connectTimeoutMs;
  }

  EventLoopGroup group() {
    return group;
  }

  HashedWheelTimer timer() {
    return timer;
  }

  ExecutorService callbacks() {
    return callbacks;
  }

  /** Called by a connection once closed, so the next call opens a fresh one. */
  void forget(String key, RpcConnection conn) {
    connections.remove(key, conn);
  }

  /** Closes every connection (failing outstanding calls) and the I/O threads. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (RpcConnection c : new ArrayList<>(connections.values())) {
      c.close();
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5000);
    timer.stop();
    callbacks.shutdown();
  }
}
