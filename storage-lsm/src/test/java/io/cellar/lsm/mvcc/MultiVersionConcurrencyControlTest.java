package io.cellar.lsm.mvcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MultiVersionConcurrencyControlTest {
  @Test
  void writeNumbersFollowTheStartingSequenceId() {
    MultiVersionConcurrencyControl mvcc = new MultiVersionConcurrencyControl(41);
    assertEquals(41, mvcc.getReadPoint());
    MultiVersionConcurrencyControl.WriteEntry a = mvcc.begin();
    MultiVersionConcurrencyControl.WriteEntry b = mvcc.begin();
    assertEquals(42, a.getWriteNumber());
    assertEquals(43, b.getWriteNumber());
    assertEquals(43, mvcc.getWritePoint());
  }

  @Test
  void readPointNeverPassesAnIncompleteWrite() {
    MultiVersionConcurrencyControl mvcc = new MultiVersionConcurrencyControl(0);
    MultiVersionConcurrencyControl.WriteEntry w1 = mvcc.begin();
    MultiVersionConcurrencyControl.WriteEntry w2 = mvcc.begin();
    MultiVersionConcurrencyControl.WriteEntry w3 = mvcc.begin();
    assertFalse(mvcc.complete(w3));
    assertFalse(mvcc.complete(w2));
    assertEquals(0, mvcc.getReadPoint());
    assertTrue(mvcc.complete(w1));
    assertEquals(3, mvcc.getReadPoint());
  }

  @Test
  void completeAndWaitReturnsOnlyOnceVisible() throws Exception {
    MultiVersionConcurrencyControl mvcc = new MultiVersionConcurrencyControl(10);
    MultiVersionConcurrencyControl.WriteEntry first = mvcc.begin();
    MultiVersionConcurrencyControl.WriteEntry second = mvcc.begin();
    AtomicBoolean returned = new AtomicBoolean();
    AtomicReference<Long> seen = new AtomicReference<>();
    Thread writer = new Thread(() -> {
      mvcc.completeAndWait(second);
      seen.set(mvcc.getReadPoint());
      returned.set(true);
    });
    writer.start();
    // wait (untimed) until the writer is parked waiting for the earlier write
    while (writer.getState() != Thread.State.TIMED_WAITING
        && writer.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
    assertFalse(returned.get());
    assertEquals(10, mvcc.getReadPoint());
    mvcc.complete(first);
    writer.join();
    assertTrue(returned.get());
    assertTrue(seen.get() >= second.getWriteNumber());
  }

  @Test
  void concurrentWritersAllBecomeVisibleInOrder() throws Exception {
    MultiVersionConcurrencyControl mvcc = new MultiVersionConcurrencyControl(0);
    int threads = 4;
    int perThread = 5000;
    List<Thread> writers = new ArrayList<>();
    AtomicReference<String> failure = new AtomicReference<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          MultiVersionConcurrencyControl.WriteEntry e = mvcc.begin();
          mvcc.completeAndWait(e);
          if (mvcc.getReadPoint() < e.getWriteNumber()) {
            failure.compareAndSet(null, "write " + e + " returned before visible");
          }
        }
      });
      writers.add(th);
      th.start();
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread reader = new Thread(() -> {
      long last = 0;
      while (!stop.get()) {
        long rp = mvcc.getReadPoint();
        if (rp < last) {
          failure.compareAndSet(null, "read point went back from " + last + " to " + rp);
        }
        last = rp;
      }
    });
    reader.start();
    for (Thread th : writers) {
      th.join();
    }
    stop.set(true);
    reader.join();
    assertEquals(null, failure.get());
    assertEquals(threads * perThread, mvcc.getReadPoint());
    assertEquals(threads * perThread, mvcc.getWritePoint());
  }

  @Test
  void advanceToMovesBothPointsOnlyWhenIdle() {
    MultiVersionConcurrencyControl mvcc = new MultiVersionConcurrencyControl(5);
    mvcc.advanceTo(100);
    assertEquals(100, mvcc.getReadPoint());
    assertEquals(101, mvcc.begin().getWriteNumber());
    assertThrows(IllegalStateException.class, () -> mvcc.advanceTo(200));
  }

  @Test
  void aLaterWriterCompletesEarlierAppliedWritesItsCheckAccepts() {
    MultiVersionConcurrencyControl mvcc = new MultiVersionConcurrencyControl();
    var first = mvcc.begin();
    var second = mvcc.begin();
    var third = mvcc.begin();
    var fourth = mvcc.begin();
    first.markApplied("durable");
    second.markApplied("not yet durable");
    // fourth completes: first is applied and accepted, second is not, so the read point stops
    assertEquals(false, mvcc.complete(fourth, "durable"::equals));
    assertEquals(1, mvcc.getReadPoint());
    // without a check nothing is completed on anybody's behalf
    second.markApplied("durable");
    assertEquals(false, mvcc.complete(fourth));
    assertEquals(1, mvcc.getReadPoint());
    // third is not applied: it stays in flight however lenient the check is
    assertEquals(false, mvcc.complete(fourth, token -> true));
    assertEquals(2, mvcc.getReadPoint());
    // its own thread completes it later; earlier completions on its behalf are idempotent
    assertEquals(true, mvcc.complete(third));
    assertEquals(4, mvcc.getReadPoint());
    assertEquals(true, mvcc.complete(first));
    assertEquals(true, mvcc.complete(second, token -> true));
    assertEquals(4, mvcc.getReadPoint());
  }
}
