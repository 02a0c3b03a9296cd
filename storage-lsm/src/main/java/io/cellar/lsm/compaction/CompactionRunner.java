package io.cellar.lsm.compaction;

import java.io.Closeable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background compaction threads of a process (one per region server, shared by all its
 * stores): 1-2 threads and one throughput limit. A request queues a store unless it is queued
 * already; queued stores run by {@link CompactionTarget#getCompactionPriority} (highest first,
 * then in request order); a run compacts the store until it has nothing more to do. Compactions never block
 * reads (the store swaps its file set atomically) and a failed one leaves the store as it was.
 * Thread-safe.
 */
public final class CompactionRunner implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(CompactionRunner.class);

  private final ExecutorService executor;
  private final CompactionThrottle throttle;
  private final ConcurrentHashMap<CompactionTarget, CompletableFuture<Void>> queued =
      new ConcurrentHashMap<>();
  private final AtomicLong requestOrder = new AtomicLong();

  public CompactionRunner(CompactionConfig config) {
    this(config.getThreads(), CompactionThrottle.of(config.getThroughputBytesPerSecond()));
  }

  public CompactionRunner(int threads, CompactionThrottle throttle) {
    this.throttle = throttle;
    AtomicInteger n = new AtomicInteger();
    this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new PriorityBlockingQueue<>(), r -> {
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
      executor.execute(new Task(target, created, target.getCompactionPriority(),
          requestOrder.incrementAndGet()));
    } catch (RejectedExecutionException e) {
      queued.remove(target, created);
      created.completeExceptionally(e);
    }
    return created;
  }

  /** A queued run; the queue orders tasks by priority, then by request order. */
  private final class Task implements Runnable, Comparable<Task> {
    private final CompactionTarget target;
    private final CompletableFuture<Void> done;
    private final int priority;
    private final long order;

    Task(CompactionTarget target, CompletableFuture<Void> done, int priority, long order) {
      this.target = target;
      this.done = done;
      this.priority = priority;
      this.order = order;
    }

    @Override
    public void run() {
      runTarget(target, done);
    }

    @Override
    public int compareTo(Task o) {
      int c = Integer.compare(o.priority, priority);
      return c != 0 ? c : Long.compare(order, o.order);
    }
  }

  private void runTarget(CompactionTarget target, CompletableFuture<Void> done) {
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
