package io.cellar.common.rpc;

import com.google.protobuf.ByteString;
import java.util.concurrent.CompletableFuture;

/**
 * A named group of methods served by {@link RpcServer}. Implementations must be thread-safe: calls
 * run concurrently on the server's handler threads. Throwing any exception sends it to the caller
 * as a typed remote error (see {@link RemoteErrors}). {@link RpcMethods} builds one from a
 * per-method table.
 */
@FunctionalInterface
public interface RpcService {
  /**
   * Runs one call. REQUIRES: {@code request} is the serialized request message of {@code method}.
   * Throws {@link UnknownMethodException} for a method it does not have.
   */
  RpcResult call(String method, ByteString request, CellBlock cells, CallContext ctx)
      throws Exception;

  /**
   * True if {@code method} only reads: it never waits for other calls or for a log sync, so a
   * few threads (about one per core) can run all such calls. The server runs these on its read
   * handler pool, apart from the calls that may block (writes waiting for the WAL).
   */
  default boolean isRead(String method) {
    return false;
  }

  /**
   * What the server actually invokes (on a handler thread). Override to answer later without
   * holding a handler thread (e.g. after a WAL group sync); the default runs {@link #call}.
   */
  default CompletableFuture<RpcResult> callAsync(String method, ByteString request,
      CellBlock cells, CallContext ctx) {
    try {
      return CompletableFuture.completedFuture(call(method, request, cells, ctx));
    } catch (Exception e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
