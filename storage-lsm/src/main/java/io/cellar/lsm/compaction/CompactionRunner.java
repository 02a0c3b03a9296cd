package io.cellar.lsm.compaction;

import java.io.Closeable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background compaction threads of a process (one per region server, shared by all its
 * stores): 1-2 threads and one throughput limit. A request queues a store unless it is queued
 * already; a run compacts the store until it has nothing more to do. Compactions never block
 * reads (the store swaps its file set atomically) and a failed one leaves the store as it was.
 * Thread-safe.
 */
public final class CompactionRunner implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(CompactionRunner.class);

  private final ExecutorService executor;
  private final CompactionThrottle throttle;
  private final ConcurrentHashMap<CompactionTarget, CompletableFuture<Void>> queued =
      new ConcurrentHashMap<>();

  public CompactionRunner(CompactionConfig config) {
    this(config.getThreads(), CompactionThrottle.of(config.getThroughputBytesPerSecond()));
  }

  public CompactionRunner(int threads, CompactionThrottle throttle) {
    this.throttle = throttle;
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "compaction-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  public CompactionThrottle getThrottle() {
    return throttle;
  }

  /**
   * Queues {@code target} for compaction unless it is queued (not yet started) already. The
   * future completes when the run that will serve this request ends (exceptionally if a
   * compaction failed).
   */
  public CompletableFuture<Void> requestCompaction(CompactionTarget target) {
    CompletableFuture<Void> created = new CompletableFuture<>();
    CompletableFuture<Void> existing = queued.putIfAbsent(target, created);
    if (existing != null) {
      return existing;
    }
    try {
      executor.execute(() -> run(target, created));
    } catch (RejectedExecutionException e) {
      queued.remove(target, created);
      created.completeExceptionally(e);
    }
    return created;
  }

  private void run(CompactionTarget target, CompletableFuture<Void> done) {
    // Leave the queue before starting, so a request arriving mid-run queues another run.
    queued.remove(target, done);
    try {
      int rounds = 0;
      while (!executor.isShutdown() && target.compactOnce(throttle)) {
        rounds++;
      }
      LOG.debug("Compacted {} {} time(s)", target.getCompactionTargetName(), rounds);
      done.complete(null);
    } catch (Throwable t) {
      LOG.error("Compaction of {} failed", target.getCompactionTargetName(), t);
      done.completeExceptionally(t);
    }
  }

  /** Stops taking requests and waits (up to a minute) for running compactions to end. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    queued.values().forEach(f -> f.cancel(false));
  }
}
