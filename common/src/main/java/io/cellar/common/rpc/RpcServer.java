package io.cellar.common.rpc;

import io.cellar.common.conf.Configuration;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves registered {@link RpcService}s over Netty (epoll where available). Frames are read on
 * the event loop; calls run on bounded pools of handler threads (read-only calls on a small pool
 * of their own, the rest on the big one), so a slow call never blocks I/O, and responses go back
 * as each finishes (possibly out of order). A call whose deadline passed
 * before a handler thread took it is answered with {@link CallTimeoutException} without running.
 * A malformed or oversized frame closes that connection only.
 *
 * <p>Lifecycle: construct, {@link #register} services (any time), {@link #start}, {@link #close}.
 */
public final class RpcServer implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

  /** Largest frame accepted or sent, bytes. */
  public static final String MAX_FRAME_BYTES = "cellar.rpc.max.frame.bytes";
  public static final int DEFAULT_MAX_FRAME_BYTES = 256 << 20;
  /** A partial frame receiving no bytes this long closes its connection. */
  public static final String PARTIAL_FRAME_TIMEOUT_MS = "cellar.rpc.partial.frame.timeout.ms";
  public static final long DEFAULT_PARTIAL_FRAME_TIMEOUT_MS = 60_000;
  /** Handler threads that run calls. */
  public static final String HANDLER_THREADS = "cellar.rpc.server.handlers";
  public static final int DEFAULT_HANDLER_THREADS = 16;
  /** Calls waiting for a handler thread before new ones are refused as overloaded. */
  public static final String CALL_QUEUE_SIZE = "cellar.rpc.server.call.queue.size";
  public static final int DEFAULT_CALL_QUEUE_SIZE = 10_000;
  /** Event loop threads (0 = Netty's default). */
  public static final String IO_THREADS = "cellar.rpc.server.io.threads";
  /**
   * Threads that run read calls ({@link RpcService#isRead}); default 2 per core. Reads never
   * wait on other calls, so a pool about the size of the machine serves them with less
   * switching than the big pool writes need (and leaves the JIT compiler its share of the CPU).
   * 0 runs reads on the handler pool.
   */
  public static final String READ_HANDLER_THREADS = "cellar.rpc.server.read.handlers";

  private final String host;
  private final int requestedPort;
  private final int maxFrameBytes;
  private final long partialFrameTimeoutMs;
  private final int ioThreads;
  private final Map<String, RpcService> services = new ConcurrentHashMap<>();
  private final ThreadPoolExecutor handlers;
  /** Null when reads share {@link #handlers}. */
  private final ThreadPoolExecutor readHandlers;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private EventLoopGroup bossGroup;
  private EventLoopGroup ioGroup;
  private Channel serverChannel;
  private volatile boolean closed;

  /** {@code port} 0 picks a free port; see {@link #getPort()} after {@link #start()}. */
  public RpcServer(Configuration conf, String host, int port) {
    this.host = host;
    this.requestedPort = port;
    this.maxFrameBytes = conf.getInt(MAX_FRAME_BYTES, DEFAULT_MAX_FRAME_BYTES);
    this.partialFrameTimeoutMs =
        conf.getLong(PARTIAL_FRAME_TIMEOUT_MS, DEFAULT_PARTIAL_FRAME_TIMEOUT_MS);
    this.ioThreads = conf.getInt(IO_THREADS, 0);
    int threads = conf.getInt(HANDLER_THREADS, DEFAULT_HANDLER_THREADS);
    int queue = conf.getInt(CALL_QUEUE_SIZE, DEFAULT_CALL_QUEUE_SIZE);
    this.handlers = pool(threads, queue, "rpc-handler");
    int readThreads = conf.getInt(READ_HANDLER_THREADS,
        2 * Runtime.getRuntime().availableProcessors());
    this.readHandlers = readThreads > 0 ? pool(readThreads, queue, "rpc-read-handler") : null;
  }

  private static ThreadPoolExecutor pool(int threads, int queue, String name) {
    return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queue), new DefaultThreadFactory(name, true));
  }

  /** Registers (or replaces) the service answering calls addressed to {@code serviceName}. */
  public void register(String serviceName, RpcService service) {
    services.put(serviceName, service);
  }

  /** Binds and starts accepting connections; returns once bound. */
  public synchronized void start() throws IOException {
    if (serverChannel != null || closed) {
      throw new IllegalStateException("RpcServer already started or closed");
    }
    bossGroup = NettyTransport.newGroup(1, "rpc-accept");
    ioGroup = NettyTransport.newGroup(ioThreads, "rpc-io");
    ServerBootstrap b = new ServerBootstrap()
        .group(bossGroup, ioGroup)
        .channel(NettyTransport.serverChannel())
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            channels.add(ch);
            ch.pipeline()
                .addLast("frames", new RpcFrameDecoder(maxFrameBytes, partialFrameTimeoutMs))
                .addLast("calls", new RpcServerHandler(RpcServer.this));
          }
        });
    try {
      serverChannel = b.bind(host, requestedPort).syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      shutdownGroups();
      throw new IOException("cannot bind RPC server to " + host + ":" + requestedPort, e);
    }
    channels.add(serverChannel);
    LOG.info("RPC server listening on {} ({})", getAddress(), NettyTransport.name());
  }

  /** The bound address. REQUIRES: started. */
  public InetSocketAddress getAddress() {
    if (serverChannel == null) {
      throw new IllegalStateException("RpcServer not started");
    }
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** The bound port (the real one when constructed with port 0). REQUIRES: started. */
  public int getPort() {
    return getAddress().getPort();
  }

  /** "host:port" as clients should dial it. REQUIRES: started. */
  public String getHostPort() {
    return host + ":" + getPort();
  }

  /** Client connections currently open. */
  public int getConnectionCount() {
    return (int) channels.stream().filter(c -> c != serverChannel).count();
  }

  /** Calls waiting for a handler thread (a load metric). */
  public int getQueuedCallCount() {
    return handlers.getQueue().size()
        + (readHandlers == null ? 0 : readHandlers.getQueue().size());
  }

  int maxFrameBytes() {
    return maxFrameBytes;
  }

  RpcService service(String name) {
    return services.get(name);
  }

  /** The pool that runs {@code method} of {@code service} (null: unknown service). */
  ExecutorService handlersFor(RpcService service, String method) {
    return readHandlers != null && service != null && service.isRead(method)
        ? readHandlers : handlers;
  }

  boolean isClosed() {
    return closed;
  }

  /** Stops accepting, closes every connection, stops handler threads. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    channels.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
    handlers.shutdownNow();
    if (readHandlers != null) {
      readHandlers.shutdownNow();
    }
    shutdownGroups();
    LOG.info("RPC server on {}:{} stopped", host, requestedPort);
  }

  private void shutdownGroups() {
    if (bossGroup != null) {
      bossGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5000);
    }
    if (ioGroup != null) {
      ioGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5000);
    }
  }
}
