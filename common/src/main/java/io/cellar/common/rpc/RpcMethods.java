package io.cellar.common.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.cellar.common.exceptions.InvalidRequestException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * An {@link RpcService} made of a method table: each method has its request parser and a handler.
 * Immutable once built. Example:
 * <pre>
 * RpcMethods.builder()
 *     .add("Get", GetRequest.parser(), (req, cells, ctx) -> RpcResult.of(get(req)))
 *     .addSimple("Ping", PingRequest.parser(), req -> PingResponse.getDefaultInstance())
 *     .build();
 * </pre>
 */
public final class RpcMethods implements RpcService {
  /** A method that sees the cell block and call context and may return cells. */
  @FunctionalInterface
  public interface Handler<Q> {
    RpcResult handle(Q request, CellBlock cells, CallContext ctx) throws Exception;
  }

  /** A method that answers later; the future may complete on any thread. */
  @FunctionalInterface
  public interface AsyncHandler<Q> {
    CompletableFuture<RpcResult> handle(Q request, CellBlock cells, CallContext ctx)
        throws Exception;
  }

  /** A method that maps a request message to a response message. */
  @FunctionalInterface
  public interface SimpleHandler<Q> {
    Message handle(Q request) throws Exception;
  }

  private record Entry<Q>(Parser<Q> parser, AsyncHandler<Q> handler, boolean read) {
    CompletableFuture<RpcResult> run(ByteString bytes, CellBlock cells, CallContext ctx)
        throws Exception {
      Q request;
      try {
        request = parser.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        throw new InvalidRequestException("malformed request: " + e.getMessage());
      }
      return handler.handle(request, cells, ctx);
    }
  }

  private final Map<String, Entry<?>> methods;

  private RpcMethods(Map<String, Entry<?>> methods) {
    this.methods = Map.copyOf(methods);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean isRead(String method) {
    Entry<?> e = methods.get(method);
    return e != null && e.read();
  }

  /** Runs the method and waits for it (async methods included). */
  @Override
  public RpcResult call(String method, ByteString request, CellBlock cells, CallContext ctx)
      throws Exception {
    try {
      return callAsync(method, request, cells, ctx).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  @Override
  public CompletableFuture<RpcResult> callAsync(String method, ByteString request,
      CellBlock cells, CallContext ctx) {
    Entry<?> e = methods.get(method);
    try {
      if (e == null) {
        throw new UnknownMethodException("unknown method " + ctx.service() + "." + method);
      }
      CompletableFuture<RpcResult> f = e.run(request, cells, ctx);
      if (f == null) {
        throw new IllegalStateException(ctx.service() + "." + method + " returned null");
      }
      return f;
    } catch (Exception ex) {
      return CompletableFuture.failedFuture(ex);
    }
  }

  /** Collects methods; a method name may be added once. */
  public static final class Builder {
    private final Map<String, Entry<?>> methods = new HashMap<>();

    public <Q> Builder add(String method, Parser<Q> parser, Handler<Q> handler) {
      return addAsync(method, parser,
          (req, cells, ctx) -> CompletableFuture.completedFuture(handler.handle(req, cells, ctx)));
    }

    public <Q> Builder addAsync(String method, Parser<Q> parser, AsyncHandler<Q> handler) {
      return put(method, new Entry<>(parser, handler, false));
    }

    /**
     * A method that only reads (see {@link RpcService#isRead}): it runs on the server's read
     * handler pool.
     */
    public <Q> Builder addRead(String method, Parser<Q> parser, Handler<Q> handler) {
      return put(method, new Entry<>(parser,
          (req, cells, ctx) -> CompletableFuture.completedFuture(handler.handle(req, cells, ctx)),
          true));
    }

    private Builder put(String method, Entry<?> e) {
      if (methods.putIfAbsent(method, e) != null) {
        throw new IllegalArgumentException("method " + method + " added twice");
      }
      return this;
    }

    public <Q> Builder addSimple(String method, Parser<Q> parser, SimpleHandler<Q> handler) {
      return add(method, parser, (req, cells, ctx) -> RpcResult.of(handler.handle(req)));
    }

    public RpcMethods build() {
      return new RpcMethods(methods);
    }
  }
}
