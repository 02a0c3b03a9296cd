package io.cellar.common.rpc;

import com.google.protobuf.Message;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.proto.RequestHeader;
import io.cellar.common.proto.ResponseHeader;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection's call dispatch: decodes each request payload on the event loop, hands the call
 * to the server's handler threads, and queues the response (or typed error) when it finishes;
 * responses finished close together go out in one flush ({@link OutboundFrames}). Any framing or
 * decoding error closes this connection only. One instance per channel.
 */
final class RpcServerHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(RpcServerHandler.class);
  private final RpcServer server;
  /** Set when this connection is being closed for bad input; later frames are dropped. */
  private boolean rejected;
  /** Responses, flushed together; set when the handler joins the pipeline. */
  private OutboundFrames out;

  RpcServerHandler(RpcServer server) {
    this.server = server;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    out = new OutboundFrames(ctx.channel());
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf payload = (ByteBuf) msg;
    if (rejected) {
      payload.release();
      return;
    }
    RpcFrames.Request request;
    long received = System.nanoTime();
    try {
      request = RpcFrames.decodeRequest(payload);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Closing RPC connection from {}: malformed request frame: {}",
          ctx.channel().remoteAddress(), e.toString());
      rejected = true;
      ctx.close();
      return;
    } finally {
      payload.release();
    }
    request.cells().indexCells(); // while the bytes are in this thread's cache
    RequestHeader h = request.header();
    CallContext call = new CallContext(h.getCallId(), h.getService(), h.getMethod(),
        ctx.channel().remoteAddress(), received, h.getTimeoutMs());
    try {
      server.handlersFor(server.service(call.service()), call.method())
          .execute(() -> run(ctx, request, call));
    } catch (RejectedExecutionException e) {
      reply(ctx, call, null, server.isClosed()
          ? new ConnectionClosedException("server is stopping")
          : new ServerOverloadedException("call queue full; retry later"));
    }
  }

  private void run(ChannelHandlerContext ctx, RpcFrames.Request request, CallContext call) {
    if (!ctx.channel().isActive()) {
      return; // nobody to answer
    }
    if (call.isExpired()) {
      reply(ctx, call, null, new CallTimeoutException("call " + call.service() + "."
          + call.method() + " expired before it ran"));
      return;
    }
    RpcService service = server.service(call.service());
    if (service == null) {
      reply(ctx, call, null, new UnknownMethodException("unknown service " + call.service()));
      return;
    }
    CompletableFuture<RpcResult> result;
    try {
      result = service.callAsync(call.method(), request.message(), request.cells(), call);
      if (result == null) {
        throw new IllegalStateException(call.service() + "." + call.method() + " returned null");
      }
    } catch (Throwable t) { // every failure, even an Error, must reach the caller
      failed(ctx, call, t);
      return;
    }
    result.whenComplete((r, t) -> {
      if (t != null) {
        failed(ctx, call, t instanceof CompletionException && t.getCause() != null
            ? t.getCause() : t);
      } else if (r == null) {
        failed(ctx, call, new IllegalStateException(
            call.service() + "." + call.method() + " completed with null"));
      } else {
        reply(ctx, call, r, null);
      }
    });
  }

  private void failed(ChannelHandlerContext ctx, CallContext call, Throwable t) {
    if (!(t instanceof CellarException)) {
      LOG.warn("Handler {}.{} failed", call.service(), call.method(), t);
    }
    reply(ctx, call, null, t);
  }

  private void reply(ChannelHandlerContext ctx, CallContext call, RpcResult result,
      Throwable error) {
    ResponseHeader.Builder h = ResponseHeader.newBuilder().setCallId(call.callId());
    Message message = null;
    CellBlock cells = CellBlock.empty();
    if (error != null) {
      h.setError(RemoteErrors.toProto(error));
    } else {
      message = result.message();
      cells = result.cells();
      h.setCellBlockLength(cells.length());
    }
    ByteBuf frame;
    try {
      frame = RpcFrames.encodeResponse(h.build(), message, cells, server.maxFrameBytes());
    } catch (DoNotRetryException tooLarge) {
      ResponseHeader err = ResponseHeader.newBuilder().setCallId(call.callId())
          .setError(RemoteErrors.toProto(tooLarge)).build();
      try {
        frame = RpcFrames.encodeResponse(err, null, CellBlock.empty(), server.maxFrameBytes());
      } catch (DoNotRetryException impossible) {
        ctx.close();
        return;
      }
    }
    out.write(frame);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (rejected) {
      return;
    }
    rejected = true;
    LOG.warn("Closing RPC connection from {}: {}", ctx.channel().remoteAddress(),
        cause.toString());
    ctx.close();
  }
}
