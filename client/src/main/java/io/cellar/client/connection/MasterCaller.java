package io.cellar.client.connection;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.cellar.common.exceptions.MasterNotActiveException;
import io.cellar.common.schema.ServerName;
import java.io.IOException;
import java.util.Optional;

/**
 * Calls the active master's MasterService with retries. The master is read from the
 * {@code master} znode and cached; any failure other than the request's own fault (not active,
 * unreachable, timed out) drops the cached one so the next attempt reads ZooKeeper again. A
 * call may take the operation's whole remaining time (DDL answers once done).
 */
final class MasterCaller {
  private final ServerCalls calls;
  private final ClusterRegistry registry;
  private final RetryingCaller caller;
  private volatile ServerName master;

  MasterCaller(ServerCalls calls, ClusterRegistry registry, RetryingCaller caller) {
    this.calls = calls;
    this.registry = registry;
    this.caller = caller;
  }

  /** Calls {@code method} (e.g. "CreateTable"); {@code what} names it in errors. */
  <R> R call(String what, String method, Message request, Parser<R> parser) throws IOException {
    return caller.call(what, null, t -> {
      ServerName m = activeMaster();
      t.atServer(m);
      try {
        // DDL returns when done, which can outlast one RPC timeout: allow the whole budget
        return calls.call(m, ServerCalls.MASTER_SERVICE, method, request, parser,
            t.remainingMs());
      } catch (IOException | RuntimeException e) {
        if (RetryPolicy.classify(e) != RetryPolicy.Failure.DO_NOT_RETRY) {
          master = null;
        }
        throw e;
      }
    });
  }

  private ServerName activeMaster() throws IOException {
    ServerName m = master;
    if (m == null) {
      Optional<ServerName> fromZk = registry.activeMaster();
      if (fromZk.isEmpty()) {
        throw new MasterNotActiveException("No active master registered in ZooKeeper");
      }
      m = fromZk.get();
      master = m;
    }
    return m;
  }
}
