package io.cellar.lsm.compaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompactionRunnerTest {
  /** A target with {@code pending} compactions to do; the first one can be held on a latch. */
  static final class CountingTarget implements CompactionTarget {
    final AtomicInteger pending;
    final AtomicInteger done = new AtomicInteger();
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release;

    CountingTarget(int pending, boolean hold) {
      this.pending = new AtomicInteger(pending);
      this.release = new CountDownLatch(hold ? 1 : 0);
    }

    @Override
    public boolean compactOnce(CompactionThrottle throttle) throws IOException {
      started.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      if (pending.get() <= 0) {
        return false;
      }
      pending.decrementAndGet();
      done.incrementAndGet();
      return true;
    }

    @Override
    public String getCompactionTargetName() {
      return "t";
    }
  }

  @Test
  void runsUntilTheTargetHasNothingLeft() throws Exception {
    try (CompactionRunner runner = new CompactionRunner(1, CompactionThrottle.unlimited())) {
      CountingTarget t = new CountingTarget(3, false);
      runner.requestCompaction(t).get(10, TimeUnit.SECONDS);
      assertEquals(3, t.done.get());
    }
  }

  @Test
  void aQueuedTargetIsQueuedOnce() throws Exception {
    try (CompactionRunner runner = new CompactionRunner(1, CompactionThrottle.unlimited())) {
      CountingTarget busy = new CountingTarget(1, true);
      CompletableFuture<Void> first = runner.requestCompaction(busy);
      busy.started.await(10, TimeUnit.SECONDS); // the only thread is now held by `busy`
      CountingTarget t = new CountingTarget(2, false);
      CompletableFuture<Void> a = runner.requestCompaction(t);
      CompletableFuture<Void> b = runner.requestCompaction(t);
      assertSame(a, b);
      busy.release.countDown();
      first.get(10, TimeUnit.SECONDS);
      a.get(10, TimeUnit.SECONDS);
      assertEquals(2, t.done.get());
    }
  }

  @Test
  void queuedTargetsRunByPriorityThenInRequestOrder() throws Exception {
    List<String> ran = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    try (CompactionRunner runner = new CompactionRunner(1, CompactionThrottle.unlimited())) {
      CountingTarget busy = new CountingTarget(1, true);
      CompletableFuture<Void> first = runner.requestCompaction(busy);
      busy.started.await(10, TimeUnit.SECONDS);
      List<CompletableFuture<Void>> all = new java.util.ArrayList<>();
      int[] priorities = {1, 5, 1, 9};
      for (int i = 0; i < priorities.length; i++) {
        String name = "p" + priorities[i] + "#" + i;
        int priority = priorities[i];
        all.add(runner.requestCompaction(new CompactionTarget() {
          @Override
          public boolean compactOnce(CompactionThrottle throttle) {
            ran.add(name);
            return false;
          }

          @Override
          public int getCompactionPriority() {
            return priority;
          }

          @Override
          public String getCompactionTargetName() {
            return name;
          }
        }));
      }
      busy.release.countDown();
      first.get(10, TimeUnit.SECONDS);
      for (CompletableFuture<Void> f : all) {
        f.get(10, TimeUnit.SECONDS);
      }
    }
    assertEquals(List.of("p9#3", "p5#1", "p1#0", "p1#2"), ran);
  }

  @Test
  void aFailureCompletesTheRequestExceptionally() {
    try (CompactionRunner runner = new CompactionRunner(1, CompactionThrottle.unlimited())) {
      CompactionTarget failing = new CompactionTarget() {
        @Override
        public boolean compactOnce(CompactionThrottle throttle) throws IOException {
          throw new IOException("disk full");
        }

        @Override
        public String getCompactionTargetName() {
          return "failing";
        }
      };
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> runner.requestCompaction(failing).get(10, TimeUnit.SECONDS));
      assertTrue(e.getCause().getMessage().contains("disk full"));
    }
  }

  @Test
  void throttleReportsItsRate() {
    assertTrue(CompactionThrottle.of(0).isUnlimited());
    assertEquals(1000, CompactionThrottle.of(1000).getRate());
    CompactionThrottle.unlimited().acquire(1 << 30); // returns at once
  }
}
