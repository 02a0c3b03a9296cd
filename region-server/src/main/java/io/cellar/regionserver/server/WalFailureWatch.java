package io.cellar.regionserver.server;

import io.cellar.wal.WalWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Aborts the region server once its WAL has failed. A failed WAL refuses every later write, so
 * the server could only answer errors; aborting lets the master split the WAL and reopen the
 * regions elsewhere, as after a crash.
 */
final class WalFailureWatch implements AutoCloseable {
  static final long CHECK_INTERVAL_MS = 500;

  private final ScheduledExecutorService timer;

  WalFailureWatch(WalWriter wal, Consumer<String> abort, String serverName) {
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "wal-watch-" + serverName);
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      if (wal.isFailed()) {
        timer.shutdown();
        abort.accept("the WAL failed; its edits will be recovered by the master");
      }
    }, CHECK_INTERVAL_MS, CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
