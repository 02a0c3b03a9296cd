package io.cellar.common.rpc;

import com.google.protobuf.Message;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.proto.RequestHeader;
import io.cellar.common.proto.ResponseHeader;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.Timeout;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection to one server, carrying many outstanding calls matched by call id.
 * Connects on the first call (asynchronously); calls sent before the connect completes are written
 * once it does. When the channel closes, every outstanding call fails with
 * {@link ConnectionClosedException} and the client forgets this connection. Requests are queued
 * and flushed together ({@link OutboundFrames}); timeouts run on the client's wheel timer, so a
 * call costs the event loop no task of its own. Thread-safe.
 */
final class RpcConnection {
  private static final Logger LOG = LoggerFactory.getLogger(RpcConnection.class);

  /**
   * An outstanding call: its future, the timer that fails it, and whether the future may be
   * completed on the event loop (the caller only waits for it) rather than a callback thread.
   */
  private record Pending(CompletableFuture<RpcResponse> future, Timeout timeout,
      boolean inline) {}

  private final RpcClient client;
  private final String key;
  private final InetSocketAddress address;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextCallId = new AtomicLong(1);
  /** Started by the first call, outside the client's map update (listeners may run inline). */
  private ChannelFuture connect;
  /** Set with {@link #connect}; frames go through it once the connect succeeded. */
  private volatile OutboundFrames out;
  private volatile boolean closed;

  RpcConnection(RpcClient client, String key, InetSocketAddress address) {
    this.client = client;
    this.key = key;
    this.address = address;
  }

  /** The connect future, starting the connection on first use; null once closed unstarted. */
  private synchronized ChannelFuture connect() {
    if (connect != null || closed) {
      return connect;
    }
    Bootstrap b = new Bootstrap()
        .group(client.group())
        .channel(NettyTransport.clientChannel())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, client.connectTimeoutMs())
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            // Responses are never partial for long on a healthy server: no stall timeout.
            ch.pipeline()
                .addLast("frames", new RpcFrameDecoder(client.maxFrameBytes(), 0))
                .addLast("responses", new ResponseHandler());
          }
        });
    ChannelFuture cf = b.connect(address);
    connect = cf;
    out = new OutboundFrames(cf.channel());
    cf.channel().closeFuture().addListener(f -> onClosed(null));
    cf.addListener(f -> {
      if (!f.isSuccess()) {
        onClosed(f.cause());
      }
    });
    return cf;
  }

  boolean isClosed() {
    return closed;
  }

  /**
   * Sends one call; {@code result} completes with the response or the failure. With
   * {@code inline}, it completes on the event loop (the caller must only wait on it).
   */
  void send(String service, String method, Message request, CellBlock cells, long timeoutMs,
      CompletableFuture<RpcResponse> result, boolean inline) {
    long callId = nextCallId.getAndIncrement();
    RequestHeader header = RequestHeader.newBuilder()
        .setCallId(callId).setService(service).setMethod(method)
        .setTimeoutMs((int) Math.min(timeoutMs, Integer.MAX_VALUE))
        .setCellBlockLength(cells.length())
        .build();
    ByteBuf frame;
    try {
      frame = RpcFrames.encodeRequest(header, request, cells, client.maxFrameBytes());
    } catch (DoNotRetryException tooLarge) {
      result.completeExceptionally(tooLarge);
      return;
    }
    ChannelFuture cf = connect();
    if (cf == null) {
      frame.release();
      result.completeExceptionally(new ConnectionClosedException("connection to " + key
          + " closed"));
      return;
    }
    Timeout timer;
    try {
      // a wheel timer: arming it from this thread does not wake the event loop
      timer = client.timer().newTimeout(t -> fail(callId, new CallTimeoutException("call "
          + service + "." + method + " to " + key + " timed out after " + timeoutMs + " ms")),
          timeoutMs, TimeUnit.MILLISECONDS);
    } catch (IllegalStateException e) { // timer stopped: the client is closing
      frame.release();
      result.completeExceptionally(new ConnectionClosedException("RPC client is closing", e));
      return;
    }
    pending.put(callId, new Pending(result, timer, inline));
    if (closed) { // lost the race with onClosed's sweep
      frame.release();
      fail(callId, new ConnectionClosedException("connection to " + key + " closed"));
      return;
    }
    if (cf.isDone() && cf.isSuccess()) {
      out.write(frame);
      return;
    }
    cf.addListener(f -> {
      if (!f.isSuccess()) {
        frame.release();
        fail(callId, new ConnectionClosedException("cannot connect to " + key, f.cause()));
        return;
      }
      out.write(frame);
    });
  }

  private void fail(long callId, Exception e) {
    Pending p = pending.remove(callId);
    if (p != null) {
      p.timeout().cancel();
      complete(p, null, e);
    }
  }

  private void complete(Pending p, RpcResponse r, Throwable e) {
    CompletableFuture<RpcResponse> f = p.future();
    if (p.inline()) { // the caller only waits: waking it is all completion does
      if (e == null) {
        f.complete(r);
      } else {
        f.completeExceptionally(e);
      }
      return;
    }
    Runnable done = e == null ? () -> f.complete(r) : () -> f.completeExceptionally(e);
    try {
      client.callbacks().execute(done);
    } catch (RejectedExecutionException shuttingDown) {
      done.run();
    }
  }

  private void onClosed(Throwable cause) {
    closed = true;
    ChannelFuture cf;
    synchronized (this) {
      cf = connect; // a connect racing with close must not leave an orphan channel
    }
    if (cf != null) {
      cf.channel().close();
    }
    client.forget(key, this);
    for (Long id : new ArrayList<>(pending.keySet())) {
      fail(id, cause == null
          ? new ConnectionClosedException("connection to " + key + " closed")
          : new ConnectionClosedException("cannot connect to " + key, cause));
    }
  }

  void close() {
    onClosed(null);
  }

  /** Matches response frames to outstanding calls; a bad frame closes the connection. */
  private final class ResponseHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf payload = (ByteBuf) msg;
      RpcFrames.Response response;
      try {
        response = RpcFrames.decodeResponse(payload);
      } catch (IOException | RuntimeException e) {
        LOG.warn("Closing connection to {}: malformed response: {}", key, e.toString());
        ctx.close();
        return;
      } finally {
        payload.release();
      }
      ResponseHeader h = response.header();
      Pending p = pending.remove(h.getCallId());
      if (p == null) {
        return; // timed out already
      }
      p.timeout().cancel();
      if (h.hasError()) {
        complete(p, null, RemoteErrors.fromProto(h.getError()));
      } else {
        response.cells().indexCells(); // while the bytes are in this thread's cache
        complete(p, new RpcResponse(response.message(), response.cells()), null);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      LOG.warn("Closing connection to {}: {}", key, cause.toString());
      ctx.close();
    }
  }
}
