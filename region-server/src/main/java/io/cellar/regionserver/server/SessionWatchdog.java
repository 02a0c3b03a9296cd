package io.cellar.regionserver.server;

import io.cellar.common.zk.SessionListener;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the region server when its ZooKeeper session is lost: at once when ZooKeeper reports
 * the session expired, and also when the connection has stayed down for a whole session
 * timeout. In that second case ZooKeeper has expired the session on its side already (the
 * client only hears of it on reconnecting), so the master may be splitting this server's WAL:
 * the server must stop taking writes rather than acknowledge edits the split will not see.
 * Events arrive on ZooKeeper's event thread; the abort runs elsewhere.
 */
final class SessionWatchdog implements SessionListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SessionWatchdog.class);

  private final long sessionTimeoutMs;
  private final Consumer<String> abort;
  private final ScheduledExecutorService timer;
  private ScheduledFuture<?> pending; // guarded by this

  SessionWatchdog(long sessionTimeoutMs, Consumer<String> abort, String serverName) {
    this.sessionTimeoutMs = sessionTimeoutMs;
    this.abort = abort;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "zk-watchdog-" + serverName);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void sessionExpired() {
    abort.accept("ZooKeeper session expired");
  }

  @Override
  public synchronized void disconnected() {
    if (pending == null && !timer.isShutdown()) {
      LOG.warn("Lost the ZooKeeper connection; aborting unless it is back within {} ms",
          sessionTimeoutMs);
      pending = timer.schedule(() -> abort.accept("ZooKeeper connection down for the whole"
          + " session timeout of " + sessionTimeoutMs + " ms: the session is expired"),
          sessionTimeoutMs, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void connected() {
    if (pending != null) {
      pending.cancel(false);
      pending = null;
      LOG.info("ZooKeeper connection is back with the session intact");
    }
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
  }
}
