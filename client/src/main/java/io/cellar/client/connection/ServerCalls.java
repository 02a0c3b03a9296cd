package io.cellar.client.connection;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.rpc.CallTimeoutException;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RpcClient;
import io.cellar.common.rpc.RpcResponse;
import io.cellar.common.schema.ServerName;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocking calls to the three services over the connection's {@link RpcClient}, and the
 * unwrapping of asynchronous failures back into the exception the server (or the transport)
 * raised. One attempt each: retrying is the caller's business.
 */
public final class ServerCalls {
  public static final String CLIENT_SERVICE = "ClientService";
  public static final String ADMIN_SERVICE = "AdminService";
  public static final String MASTER_SERVICE = "MasterService";

  /** Slack over the RPC timeout before a blocked caller stops waiting on its own. */
  private static final long WAIT_SLACK_MS = 5_000;

  private final RpcClient rpc;

  public ServerCalls(RpcClient rpc) {
    this.rpc = rpc;
  }

  /**
   * Sends without waiting. The future completes on the RPC I/O thread: only wait for it
   * ({@link #await}), never chain blocking work or further calls on it.
   */
  public CompletableFuture<RpcResponse> send(ServerName server, String service, String method,
      Message request, long timeoutMs) {
    return send(server, service, method, request, CellBlock.empty(), timeoutMs);
  }

  /** {@link #send(ServerName, String, String, Message, long)} with a cell block. */
  public CompletableFuture<RpcResponse> send(ServerName server, String service, String method,
      Message request, CellBlock cells, long timeoutMs) {
    return rpc.callForWaiting(server.getAddress(), service, method, request, cells, timeoutMs);
  }

  /** One call; the response message parsed. */
  public <R> R call(ServerName server, String service, String method, Message request,
      Parser<R> parser, long timeoutMs) throws IOException {
    return parse(await(send(server, service, method, request, timeoutMs), timeoutMs), parser);
  }

  /** One call; the raw response (message and cell block). */
  public RpcResponse callRaw(ServerName server, String service, String method, Message request,
      long timeoutMs) throws IOException {
    return await(send(server, service, method, request, timeoutMs), timeoutMs);
  }

  /** One call carrying a cell block; the raw response. */
  public RpcResponse callRaw(ServerName server, String service, String method, Message request,
      CellBlock cells, long timeoutMs) throws IOException {
    return await(send(server, service, method, request, cells, timeoutMs), timeoutMs);
  }

  public static <R> R parse(RpcResponse r, Parser<R> parser) throws IOException {
    try {
      return r.parse(parser);
    } catch (InvalidProtocolBufferException e) {
      throw new CellarException("Malformed response: " + e.getMessage(), e);
    }
  }

  /** Waits for a call; throws what it failed with. */
  public static <T> T await(CompletableFuture<T> f, long timeoutMs) throws IOException {
    try {
      return f.get(timeoutMs + WAIT_SLACK_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      f.cancel(false);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted waiting for a call");
    } catch (TimeoutException e) {
      throw new CallTimeoutException("No answer within " + timeoutMs + " ms");
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    }
  }

  /** The failure inside wrappers, as an IOException (runtime failures are thrown as they are). */
  public static IOException rethrowable(Throwable t) {
    Throwable c = unwrap(t);
    if (c instanceof IOException io) {
      return io;
    }
    if (c instanceof RuntimeException re) {
      throw re;
    }
    if (c instanceof Error err) {
      throw err;
    }
    return new CellarException(String.valueOf(c), c);
  }

  public static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException || c instanceof CompletionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
