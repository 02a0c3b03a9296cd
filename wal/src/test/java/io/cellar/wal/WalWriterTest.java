package io.cellar.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.schema.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalWriterTest {
  @TempDir Path root;

  @Test
  void manyThreadsAllEntriesPresentAfterClose() throws Exception {
    WalConfig conf = TestEntries.config(root);
    int threads = 16;
    int perThread = 500;
    WalWriter wal = new WalWriter(conf);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      fs.add(pool.submit(() -> {
        for (int i = 0; i < perThread; i++) {
          long seq = (long) id * perThread + i + 1;
          wal.appendAndSync(TestEntries.entry("r" + id, seq),
              i % 2 == 0 ? Durability.SYNC_WAL : Durability.FSYNC_WAL);
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    wal.close();
    assertEquals(threads * perThread, wal.getAppendCount());
    // at most one fsync per FSYNC_WAL call, plus the close's
    assertTrue(wal.getFsyncCount() <= threads * perThread / 2 + 1, "" + wal.getFsyncCount());

    List<WalEntry> got = TestEntries.replayAll(conf.walDir());
    assertEquals(threads * perThread, got.size());
    Set<Long> seqs = new HashSet<>();
    long[] lastPerRegion = new long[threads];
    for (WalEntry e : got) {
      assertTrue(seqs.add(e.getSequenceId()), "duplicate " + e);
      int region = Integer.parseInt(e.getRegion().substring(1));
      assertTrue(e.getSequenceId() > lastPerRegion[region], "per-thread order kept");
      lastPerRegion[region] = e.getSequenceId();
    }
  }

  @Test
  void fsyncWaitersShareOneFsync() throws Exception {
    int threads = 32;
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      CyclicBarrier appended = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        fs.add(pool.submit(() -> {
          long txid = wal.append(TestEntries.entry("r", id + 1));
          appended.await(); // every entry is pending before anyone syncs
          wal.sync(txid, Durability.FSYNC_WAL);
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      pool.shutdown();
      assertEquals(threads, wal.getAppendCount());
      assertEquals(1, wal.getFsyncCount(), "the first leader's fsync covered every entry");
    }
  }

  @Test
  void syncWalIsWrittenToTheOsBeforeItReturns() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      wal.appendAndSync(TestEntries.entry("r", 1), Durability.SYNC_WAL);
      assertEquals(1, TestEntries.replayAll(conf.walDir()).size());
      assertEquals(0, wal.getFsyncCount(), "SYNC_WAL does not fsync");
      wal.appendAndSync(TestEntries.entry("r", 2), Durability.USE_DEFAULT);
      assertEquals(2, TestEntries.replayAll(conf.walDir()).size());
    }
  }

  @Test
  void fsyncWalForcesTheSegment() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      wal.appendAndSync(TestEntries.entry("r", 1), Durability.FSYNC_WAL);
      assertEquals(1, wal.getFsyncCount());
      assertEquals(1, TestEntries.replayAll(conf.walDir()).size());
      // Already written by SYNC_WAL: an FSYNC_WAL of the same txid still forces.
      long txid = wal.appendAndSync(TestEntries.entry("r", 2), Durability.SYNC_WAL);
      wal.sync(txid, Durability.FSYNC_WAL);
      assertEquals(2, wal.getFsyncCount());
    }
  }

  @Test
  void asyncWalIsWrittenToTheOsBeforeAppendReturns() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      long txid = wal.appendAndSync(TestEntries.entry("r", 1), Durability.ASYNC_WAL);
      assertTrue(wal.isDurable(txid, Durability.SYNC_WAL));
      assertEquals(1, TestEntries.replayAll(conf.walDir()).size());
      assertEquals(0, wal.getFsyncCount());
    }
  }

  @Test
  void skipWalSyncIsANoOpAndAnAppendIsReadableAtOnce() throws Exception {
    WalConfig conf = TestEntries.config(root);
    WalWriter wal = new WalWriter(conf);
    assertEquals(0, wal.appendAndSync(TestEntries.entry("r", 0), Durability.SKIP_WAL));
    assertEquals(0, wal.getAppendCount(), "SKIP_WAL never reaches the WAL");
    long txid = wal.append(TestEntries.entry("r", 1));
    wal.sync(txid, Durability.SKIP_WAL);
    wal.sync(txid, Durability.ASYNC_WAL);
    assertEquals(0, wal.getFsyncCount());
    assertEquals(1, TestEntries.replayAll(conf.walDir()).size(), "in the page cache already");
    assertTrue(wal.isDurable(txid, Durability.SYNC_WAL));
    assertTrue(!wal.isDurable(txid, Durability.FSYNC_WAL));
    wal.close();
    assertEquals(1, TestEntries.replayAll(conf.walDir()).size());
    assertTrue(wal.isDurable(txid, Durability.FSYNC_WAL), "close fsyncs");
    wal.sync(txid, Durability.FSYNC_WAL); // already durable: fine after close
  }

  @Test
  void aLiveSegmentEndsInZerosThatReadAsACleanEnd() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      wal.appendAndSync(TestEntries.entry("r", 1), Durability.SYNC_WAL);
      Path live = SegmentFile.list(conf.walDir()).get(0);
      assertTrue(Files.size(live) >= SegmentAppender.WINDOW, "a whole window is zero-filled");
      try (SegmentReader r = SegmentReader.open(live)) {
        assertEquals(1, r.next().getSequenceId());
        assertEquals(null, r.next());
        assertEquals(SegmentDamage.Kind.ZERO_FILLED, r.damage().kind());
        assertTrue(r.damage().isTornTail(), "what a kill -9 leaves reads as a torn tail");
      }
    }
  }

  @Test
  void appendAfterCloseThrows() throws Exception {
    WalWriter wal = new WalWriter(TestEntries.config(root));
    wal.close();
    wal.close();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> wal.append(TestEntries.entry("r", 1)));
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
    assertThrows(IllegalStateException.class, wal::roll);
    assertThrows(IllegalArgumentException.class, () -> wal.sync(5, Durability.SYNC_WAL));
  }

  @Test
  void rollsBySizeAndOnRequest() throws Exception {
    int frame = TestEntries.entry("r", 1).getEncodedSize();
    WalConfig conf = TestEntries.config(root).withRollSize(SegmentFile.HEADER_SIZE + 10L * frame);
    try (WalWriter wal = new WalWriter(conf)) {
      assertEquals(1, wal.getCurrentSegmentId());
      for (int i = 1; i <= 35; i++) {
        wal.appendAndSync(TestEntries.entry("r", i), Durability.SYNC_WAL);
      }
      assertEquals(4, wal.getCurrentSegmentId(), "rolled after 10, 20 and 30 entries");
      assertEquals(5, wal.roll());
      wal.appendAndSync(TestEntries.entry("r", 36), Durability.SYNC_WAL);
    }
    List<Path> segments = SegmentFile.list(conf.walDir());
    assertEquals(5, segments.size());
    assertEquals(10, TestEntries.readAll(segments.get(0)).size());
    assertEquals(5, TestEntries.readAll(segments.get(3)).size());
    assertEquals(1, TestEntries.readAll(segments.get(4)).size());
    // sealed and closed segments hold their frames only: the mapped window's zeros are cut off
    long firstTen = SegmentFile.HEADER_SIZE;
    for (int i = 1; i <= 10; i++) {
      firstTen += TestEntries.entry("r", i).getEncodedSize();
    }
    assertEquals(firstTen, Files.size(segments.get(0)));
    assertEquals(SegmentFile.HEADER_SIZE + TestEntries.entry("r", 36).getEncodedSize(),
        Files.size(segments.get(4)));
    List<WalEntry> all = TestEntries.replayAll(conf.walDir());
    for (int i = 0; i < 36; i++) {
      assertEquals(i + 1, all.get(i).getSequenceId());
    }
    assertTrue(segments.get(0).getFileName().toString().startsWith("rs1,16020,1.000"));
  }

  @Test
  void aNewWriterContinuesTheNumberingOfExistingSegments() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      wal.roll();
      wal.appendAndSync(TestEntries.entry("r", 1), Durability.SYNC_WAL);
    }
    try (WalWriter wal = new WalWriter(conf)) {
      assertEquals(3, wal.getCurrentSegmentId());
      wal.appendAndSync(TestEntries.entry("r", 2), Durability.SYNC_WAL);
    }
    assertEquals(2, TestEntries.replayAll(conf.walDir()).size());
    assertTrue(Files.isDirectory(conf.walDir()));
  }

  @Test
  void fromConfigurationReadsTheWalKeys() {
    io.cellar.common.conf.Configuration c = new io.cellar.common.conf.Configuration()
        .setLong("cellar.wal.roll.size", 4096).setInt("cellar.wal.max.segments", 3);
    WalConfig conf = WalConfig.fromConfiguration(c, root, "s1");
    assertEquals(4096, conf.rollSize());
    assertEquals(3, conf.maxSegments());
    assertEquals(root.resolve("wal").resolve("s1"), conf.walDir());
    assertEquals(root.resolve("archive"), conf.archiveDir());
  }
}
