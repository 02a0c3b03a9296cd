package io.cellar.lsm.memstore;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-wide background executor that flattens rotated memstore segments and merges
 * pipelines, so a writer crossing the flatten threshold does not do it inline. Daemon threads
 * (at most half the cores, at least one), idle ones exit after a minute; a bounded queue, and
 * when it is full the writer runs the task itself (back pressure instead of unbounded memory).
 *
 * <p>Correctness does not depend on when tasks run: a task whose segments a snapshot took
 * meanwhile finds them gone from the pipeline and drops its result (see {@link MemStore}).
 */
public final class InMemoryCompactionExecutor {
  private static final int QUEUE = 1024;
  private static final ThreadPoolExecutor POOL = create();
  /** Tasks handed over and not finished (queued or running). */
  private static final AtomicInteger PENDING = new AtomicInteger();
  private static final Executor SHARED = task -> {
    PENDING.incrementAndGet();
    POOL.execute(() -> {
      try {
        task.run();
      } finally {
        PENDING.decrementAndGet();
      }
    });
  };

  private InMemoryCompactionExecutor() {}

  private static ThreadPoolExecutor create() {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    AtomicInteger n = new AtomicInteger();
    ThreadFactory daemons = r -> {
      Thread t = new Thread(r, "memstore-compactor-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(QUEUE), daemons, new ThreadPoolExecutor.CallerRunsPolicy());
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** The shared executor. */
  public static Executor shared() {
    return SHARED;
  }

  /**
   * Waits until no task is queued or running, up to {@code timeoutMillis}; true if idle. For
   * measurements and tests that want the pipeline settled.
   */
  public static boolean awaitIdle(long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (PENDING.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }
}
