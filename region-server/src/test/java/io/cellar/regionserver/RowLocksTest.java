package io.cellar.regionserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.exceptions.RegionTooBusyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RowLocksTest {
  @Test
  void secondLockerOfARowTimesOutWithTooBusy() throws Exception {
    RowLocks locks = new RowLocks(50);
    try (RowLocks.Held h = locks.lockRow(Bytes.toBytes("r"))) {
      ExecutorService ex = Executors.newSingleThreadExecutor();
      Future<?> f = ex.submit(() -> assertThrows(RegionTooBusyException.class,
          () -> locks.lockRow(Bytes.toBytes("r"))));
      f.get(10, TimeUnit.SECONDS);
      ex.shutdown();
      // another row is independent
      ExecutorService ex2 = Executors.newSingleThreadExecutor();
      ex2.submit(() -> {
        try (RowLocks.Held h2 = locks.lockRow(Bytes.toBytes("s"))) {
          assertEquals(1, h2.size());
        }
        return null;
      }).get(10, TimeUnit.SECONDS);
      ex2.shutdown();
    }
    assertEquals(0, locks.lockedRowCount());
  }

  @Test
  void lockRowsDeduplicatesAndIsReentrant() throws Exception {
    RowLocks locks = new RowLocks(1000);
    List<byte[]> rows = List.of(Bytes.toBytes("b"), Bytes.toBytes("a"), Bytes.toBytes("b"));
    try (RowLocks.Held h = locks.lockRows(rows)) {
      assertEquals(2, h.size());
      try (RowLocks.Held again = locks.lockRow(Bytes.toBytes("a"))) {
        assertEquals(1, again.size());
      }
    }
    assertEquals(0, locks.lockedRowCount());
  }

  @Test
  void overlappingBatchesInOppositeOrderNeverDeadlock() throws Exception {
    RowLocks locks = new RowLocks(20_000);
    int threads = 4;
    ExecutorService ex = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    int[] counter = new int[1];
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long seed = t;
      fs.add(ex.submit(() -> {
        Random rnd = new Random(seed);
        start.await();
        for (int i = 0; i < 500; i++) {
          List<byte[]> rows = new ArrayList<>();
          for (int k = 0; k < 5; k++) {
            rows.add(Bytes.toBytes("row" + rnd.nextInt(8)));
          }
          Collections.shuffle(rows, rnd);
          try (RowLocks.Held h = locks.lockRows(rows)) {
            // all batches touch row "x" too, so the counter is guarded by it
            try (RowLocks.Held x = locks.lockRow(Bytes.toBytes("x"))) {
              counter[0]++;
            }
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : fs) {
      f.get(60, TimeUnit.SECONDS);
    }
    ex.shutdown();
    assertEquals(threads * 500, counter[0]);
    assertTrue(locks.lockedRowCount() == 0);
  }
}
