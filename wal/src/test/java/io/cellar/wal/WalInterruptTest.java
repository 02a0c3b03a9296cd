package io.cellar.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.schema.Durability;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interrupted caller (say, a timed-out RPC handler) must not break the shared WAL. */
class WalInterruptTest {
  @TempDir Path root;

  @Test
  void anInterruptedLeaderStillWritesAndKeepsItsFlag() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      Thread.currentThread().interrupt();
      try {
        wal.appendAndSync(TestEntries.entry("r", 1), Durability.FSYNC_WAL);
        assertTrue(Thread.currentThread().isInterrupted(), "the flag is given back");
      } finally {
        Thread.interrupted();
      }
      wal.appendAndSync(TestEntries.entry("r", 2), Durability.SYNC_WAL);
      wal.roll();
    }
    assertEquals(2, TestEntries.replayAll(conf.walDir()).size());
  }

  @Test
  void interruptsDuringConcurrentWritesNeverFailTheWal() throws Exception {
    WalConfig conf = TestEntries.config(root).withRollSize(64 * 1024);
    Set<Long> acked = ConcurrentHashMap.newKeySet();
    AtomicLong seq = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    try (WalWriter wal = new WalWriter(conf)) {
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        Thread th = new Thread(() -> {
          while (!stop.get()) {
            long s = seq.incrementAndGet();
            try {
              wal.appendAndSync(TestEntries.entry("r", s),
                  s % 2 == 0 ? Durability.SYNC_WAL : Durability.FSYNC_WAL);
              acked.add(s);
            } catch (InterruptedIOException e) {
              Thread.interrupted(); // a waiter gave up; its entry may still be written
            } catch (Exception e) {
              throw new AssertionError("the WAL failed", e);
            }
            Thread.interrupted();
          }
        });
        writers.add(th);
        th.start();
      }
      for (int i = 0; i < 3000 && seq.get() < 20_000; i++) {
        writers.get(i % writers.size()).interrupt();
        Thread.yield();
      }
      stop.set(true);
      for (Thread th : writers) {
        th.join();
      }
      wal.appendAndSync(TestEntries.entry("r", 0), Durability.FSYNC_WAL);
    }
    Set<Long> replayed = new HashSet<>();
    ReplayResult res = WalReplayer.replay(conf.walDir(), e -> true,
        e -> replayed.add(e.getSequenceId()));
    assertTrue(res.isClean(), res.damages().toString());
    assertTrue(replayed.containsAll(acked));
    assertTrue(replayed.contains(0L));
  }
}
