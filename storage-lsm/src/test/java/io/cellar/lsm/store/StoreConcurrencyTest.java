package io.cellar.lsm.store;

import static io.cellar.lsm.store.StoreTestKit.put;
import static io.cellar.lsm.store.StoreTestKit.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.compaction.CompactionConfig;
import io.cellar.lsm.compaction.CompactionRunner;
import io.cellar.lsm.compaction.CompactionTarget;
import io.cellar.lsm.compaction.CompactionThrottle;
import io.cellar.lsm.read.ScanParams;
import io.cellar.lsm.read.StoreScanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreConcurrencyTest {
  @TempDir Path root;
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final ColumnFamilyDescriptor cf = ColumnFamilyDescriptor.of("cf");
  private long seq;
  private int rowsWritten;

  private void fillFiles(Store store, int files, int rowsPerFile) throws Exception {
    for (int f = 0; f < files; f++) {
      for (int r = 0; r < rowsPerFile; r++) {
        store.add(put(String.format("row%05d", rowsWritten++), "q", 1, "v"), ++seq);
      }
      store.flush(seq);
    }
  }

  @Test
  void aScannerOpenedBeforeACompactionKeepsReadingTheOldFiles() throws Exception {
    try (Store store = StoreTestKit.open(root.resolve("cf"), cf, StoreTestKit.quietConf(),
        clock)) {
      fillFiles(store, 3, 200);
      List<StoreFile> inputs = store.getStoreFiles();
      List<String> rows = new ArrayList<>();
      try (StoreScanner scanner = store.getScanner(ScanParams.all())) {
        List<Cell> row = new ArrayList<>();
        for (int i = 0; i < 10 && scanner.nextRow(row); i++) {
          rows.add(Bytes.toString(Cells.cloneRow(row.get(0))));
          row.clear();
        }
        assertTrue(store.majorCompact(CompactionThrottle.unlimited()));
        assertEquals(1, store.getStoreFileCount());
        for (StoreFile f : inputs) {
          assertTrue(Files.exists(f.getPath()), "still read by the open scanner");
          assertEquals(1, f.getReferenceCount(), "only the scanner's reference is left");
        }
        while (scanner.nextRow(row)) {
          rows.add(Bytes.toString(Cells.cloneRow(row.get(0))));
          row.clear();
        }
      }
      assertEquals(600, rows.size());
      assertEquals(String.format("row%05d", 599), rows.get(599));
      for (StoreFile f : inputs) {
        assertFalse(Files.exists(f.getPath()), "deleted once the last scanner closed");
        assertEquals(0, f.getReferenceCount());
      }
      assertEquals(600, readAll(store, 1).size());
    }
  }

  private static Configuration blockingConf(int blockingFiles, long waitMillis) {
    return StoreTestKit.quietConf()
        .setInt(CompactionConfig.BLOCKING_FILES, blockingFiles)
        .setLong(CompactionConfig.BLOCKING_WAIT_MS, waitMillis);
  }

  private static void awaitWaiting(Thread t) throws InterruptedException {
    for (int i = 0; i < 10_000; i++) {
      Thread.State s = t.getState();
      if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
        return;
      }
      Thread.sleep(1);
    }
    throw new AssertionError("writer never blocked: " + t.getState());
  }

  @Test
  void writesBlockWhileThereAreTooManyFilesUntilACompactionRunsThenProceed() throws Exception {
    try (Store store = StoreTestKit.open(root.resolve("cf"), cf, blockingConf(3, 600_000),
        clock)) {
      fillFiles(store, 2, 5);
      assertFalse(store.hasTooManyStoreFiles());
      assertEquals(0, store.waitIfTooManyStoreFiles());
      fillFiles(store, 1, 5);
      assertTrue(store.hasTooManyStoreFiles());
      AtomicLong waited = new AtomicLong(-1);
      Thread writer = new Thread(() -> {
        try {
          waited.set(store.waitIfTooManyStoreFiles());
          store.add(put("late", "q", 1, "v"), 1000);
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      writer.start();
      awaitWaiting(writer);
      assertTrue(writer.isAlive());
      store.majorCompact(CompactionThrottle.unlimited());
      writer.join(60_000);
      assertFalse(writer.isAlive());
      assertTrue(waited.get() >= 0 && waited.get() < 600_000, "released by the compaction");
      assertEquals(16, readAll(store, 1).size());
    }
  }

  @Test
  void aBlockedWriteProceedsAfterTheBlockingWaitTime() throws Exception {
    try (Store store = StoreTestKit.open(root.resolve("cf"), cf, blockingConf(2, 30), clock)) {
      fillFiles(store, 2, 3);
      long waited = store.waitIfTooManyStoreFiles();
      assertTrue(waited >= 29, "waited " + waited);
      assertEquals(2, store.getStoreFileCount(), "nothing compacted it: the write goes ahead");
    }
  }

  @Test
  void aBlockedWriteAsksTheRunnerForACompaction() throws Exception {
    Configuration conf = new Configuration()
        .setInt(CompactionConfig.MIN_FILES, 3)
        .setInt(CompactionConfig.BLOCKING_FILES, 3)
        .setLong(CompactionConfig.BLOCKING_WAIT_MS, 600_000)
        .setLong(CompactionConfig.MAJOR_PERIOD_MS, 0);
    try (CompactionRunner runner = new CompactionRunner(1, CompactionThrottle.unlimited())) {
      // Occupy the only compaction thread so the store's request waits in the queue.
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      runner.requestCompaction(new CompactionTarget() {
        @Override
        public boolean compactOnce(CompactionThrottle t) {
          started.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return false;
        }

        @Override
        public String getCompactionTargetName() {
          return "busy";
        }
      });
      started.await();
      try (Store store = Store.open(root.resolve("cf"), cf, new BlockCache(1 << 20), conf,
          runner, clock::get)) {
        fillFiles(store, 3, 4);
        Thread writer = new Thread(() -> {
          try {
            store.waitIfTooManyStoreFiles();
          } catch (Exception e) {
            throw new RuntimeException(e);
          }
        });
        writer.start();
        awaitWaiting(writer);
        release.countDown();
        writer.join(60_000);
        assertFalse(writer.isAlive());
        assertEquals(1, store.getStoreFileCount());
        assertEquals(12, readAll(store, 1).size());
      }
    }
  }

  @Test
  void writesFlushesCompactionsAndReadsRunTogether() throws Exception {
    Configuration conf = new Configuration()
        .setInt(CompactionConfig.MIN_FILES, 3)
        .setLong(CompactionConfig.MAJOR_PERIOD_MS, 0);
    int total = 3000;
    try (CompactionRunner runner = new CompactionRunner(2, CompactionThrottle.unlimited());
        Store store = Store.open(root.resolve("cf"), cf, new BlockCache(4 << 20), conf, runner,
            clock::get)) {
      ExecutorService pool = Executors.newFixedThreadPool(3);
      AtomicLong written = new AtomicLong();
      AtomicBoolean done = new AtomicBoolean();
      Future<?> writer = pool.submit(() -> {
        for (int i = 0; i < total; i++) {
          store.waitIfTooManyStoreFiles();
          store.add(put(String.format("row%05d", i), "q", 1, "v" + i), i + 1);
          written.set(i + 1);
        }
        return null;
      });
      Future<?> flusher = pool.submit(() -> {
        while (!done.get()) {
          store.flush(written.get());
          Thread.sleep(2);
        }
        return null;
      });
      Future<?> reader = pool.submit(() -> {
        while (!done.get()) {
          long before = written.get();
          List<String> rows = readAll(store, 1);
          // Every row written before the read started is seen, each once, in order.
          assertTrue(rows.size() >= before, rows.size() + " < " + before);
          for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).compareTo(rows.get(i)) < 0, "order/duplicate");
          }
        }
        return null;
      });
      writer.get(2, TimeUnit.MINUTES);
      done.set(true);
      flusher.get(1, TimeUnit.MINUTES);
      reader.get(1, TimeUnit.MINUTES);
      pool.shutdown();
      store.flush(total);
      store.requestCompaction().get(1, TimeUnit.MINUTES);
      assertEquals(total, readAll(store, 1).size());
      assertEquals(total, store.getMaxFlushedSequenceId());
    }
    try (Store reopened = Store.open(root.resolve("cf"), cf, BlockCache.disabled(), conf)) {
      assertEquals(total, readAll(reopened, 1).size());
    }
  }
}
