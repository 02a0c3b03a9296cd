package io.cellar.lsm.compaction;

import static io.cellar.lsm.store.StoreTestKit.marker;
import static io.cellar.lsm.store.StoreTestKit.put;
import static io.cellar.lsm.store.StoreTestKit.raw;
import static io.cellar.lsm.store.StoreTestKit.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.cell.CellType;
import io.cellar.common.cell.TimeRange;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.lsm.read.ScanParams;
import io.cellar.lsm.store.Store;
import io.cellar.lsm.store.StoreFile;
import io.cellar.lsm.store.StoreTestKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What survives minor and major compactions: versions, delete markers, TTL, kept cells. */
class CompactionOutcomeTest {
  private static final CompactionThrottle UNLIMITED = CompactionThrottle.unlimited();
  @TempDir Path root;
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private long seq;

  private Store open(ColumnFamilyDescriptor cf, Configuration conf) throws Exception {
    return StoreTestKit.open(root.resolve("cf"), cf, conf, clock);
  }

  private void add(Store s, io.cellar.common.cell.Cell c) {
    s.add(c, ++seq);
  }

  @Test
  void majorCompactionDropsMarkersMaskedCellsAndExcessVersions() throws Exception {
    ColumnFamilyDescriptor cf = ColumnFamilyDescriptor.newBuilder("cf").setMaxVersions(2).build();
    try (Store store = open(cf, StoreTestKit.quietConf())) {
      add(store, put("r1", "a", 1, "a1"));
      add(store, put("r1", "a", 2, "a2"));
      add(store, put("r1", "b", 1, "b1"));
      add(store, put("r2", "a", 1, "x"));
      store.flush(seq);
      add(store, put("r1", "a", 3, "a3"));
      add(store, marker("r1", "b", 5, CellType.DELETE_COLUMN));
      add(store, put("r3", "a", 7, "f7"));
      add(store, put("r3", "b", 7, "g7"));
      add(store, put("r3", "b", 8, "g8"));
      store.flush(seq);
      add(store, marker("r2", null, 9, CellType.DELETE_FAMILY));
      add(store, marker("r3", null, 7, CellType.DELETE_FAMILY_VERSION));
      add(store, marker("r1", "a", 3, CellType.DELETE));
      store.flush(seq);
      List<String> before = readAll(store, 5);
      assertEquals(List.of("r1/a/2/PUT=a2", "r1/a/1/PUT=a1", "r3/b/8/PUT=g8"), before);

      assertTrue(store.majorCompact(UNLIMITED));
      assertEquals(1, store.getStoreFileCount());
      StoreFile out = store.getStoreFiles().get(0);
      assertTrue(out.isMajorCompacted());
      assertEquals(seq, out.getMaxSequenceId());
      assertEquals(before, readAll(store, 5));
      List<String> physical = raw(store).stream().map(s -> s.substring(0, s.indexOf('@')))
          .toList();
      // a3 (deleted) and the markers are gone; two versions of r1/a remain (a2, a1).
      assertEquals(List.of("r1/a/2/PUT=a2", "r1/a/1/PUT=a1", "r3/b/8/PUT=g8"), physical);
      assertFalse(store.compactOnce(UNLIMITED), "nothing left to compact");
    }
  }

  @Test
  void majorCompactionKeepsOnlyMaxVersionsCountingFromTheNewest() throws Exception {
    ColumnFamilyDescriptor cf = ColumnFamilyDescriptor.newBuilder("cf").setMaxVersions(2).build();
    try (Store store = open(cf, StoreTestKit.quietConf())) {
      for (int ts = 1; ts <= 4; ts++) {
        add(store, put("r", "q", ts, "v" + ts));
        store.flush(seq);
      }
      // Before compaction an old version still shows through a time range ending below the
      // newest two: HBase's "major compactions change query results".
      ScanParams old = ScanParams.all().withTimeRange(TimeRange.between(0, 3)).withMaxVersions(2);
      assertEquals(List.of("r/q/2/PUT=v2", "r/q/1/PUT=v1"), StoreTestKit.read(store, old));
      store.majorCompact(UNLIMITED);
      assertEquals(List.of("r/q/4/PUT=v4", "r/q/3/PUT=v3"), readAll(store, 10));
      assertEquals(List.of(), StoreTestKit.read(store, old));
    }
  }

  @Test
  void minorCompactionKeepsMarkersForOlderFilesButDropsWhatTheyMaskAmongItsInputs()
      throws Exception {
    ColumnFamilyDescriptor cf = ColumnFamilyDescriptor.newBuilder("cf").setMaxVersions(1).build();
    Configuration conf = new Configuration()
        .setInt(CompactionConfig.MIN_FILES, 3)
        .setLong(CompactionConfig.MIN_SIZE, 0)
        .set(CompactionConfig.RATIO, "1.2")
        .setLong(CompactionConfig.MAJOR_PERIOD_MS, 0)
        .setInt(CompactionConfig.BLOCKING_FILES, 0);
    try (Store store = open(cf, conf)) {
      // A big old file the ratio rule leaves alone.
      for (int i = 0; i < 300; i++) {
        add(store, put(String.format("big%03d", i), "q", 1, "x".repeat(50)));
      }
      add(store, put("r", "old", 1, "masked-from-a-newer-file"));
      store.flush(seq);
      String bigFile = store.getStoreFileNames().get(0);
      add(store, put("r", "q", 1, "q1"));
      add(store, put("r", "q", 2, "q2"));
      store.flush(seq);
      add(store, marker("r", "old", 5, CellType.DELETE_COLUMN));
      add(store, marker("r", "q", 2, CellType.DELETE));
      add(store, put("r", "q", 3, "q3"));
      store.flush(seq);
      add(store, put("r", "z", 1, "z1"));
      store.flush(seq);
      List<String> before = readAll(store, 1);

      assertTrue(store.compactOnce(UNLIMITED));
      assertEquals(2, store.getStoreFileCount());
      assertEquals(bigFile, store.getStoreFileNames().get(0));
      StoreFile out = store.getStoreFiles().get(1);
      assertFalse(out.isMajorCompacted());
      assertEquals(before, readAll(store, 1));
      List<String> physical = raw(store).stream().filter(s -> s.startsWith("r/"))
          .map(s -> s.substring(0, s.indexOf('@'))).toList();
      // Kept: the DeleteColumn (it masks r/old in the big file), the newest version of r/q.
      // Dropped: q2 (deleted by the marker) and q1 (a version beyond VERSIONS=1), and the
      // Delete marker itself stays, as minor compactions never drop markers.
      assertEquals(List.of("r/old/5/DELETE_COLUMN", "r/old/1/PUT=masked-from-a-newer-file",
          "r/q/3/PUT=q3", "r/q/2/DELETE", "r/z/1/PUT=z1"), physical);
    }
  }

  @Test
  void ttlExpiresCellsButMinVersionsAreKept() throws Exception {
    ColumnFamilyDescriptor cf = ColumnFamilyDescriptor.newBuilder("cf").setMaxVersions(5)
        .setMinVersions(1).setTimeToLive(10).build();
    long now = clock.get();
    try (Store store = open(cf, StoreTestKit.quietConf())) {
      add(store, put("r", "a", now - 30_000, "a-old"));
      add(store, put("r", "a", now - 20_000, "a-newest-but-expired"));
      add(store, put("r", "b", now - 1_000, "b-live"));
      add(store, put("r", "b", now - 40_000, "b-expired"));
      add(store, put("s", "a", now - 50_000, "s-expired"));
      store.flush(seq);
      add(store, put("r", "c", now - 2_000, "c-live"));
      store.flush(seq);
      List<String> expected = List.of("r/a/" + (now - 20_000) + "/PUT=a-newest-but-expired",
          "r/b/" + (now - 1_000) + "/PUT=b-live", "r/c/" + (now - 2_000) + "/PUT=c-live",
          "s/a/" + (now - 50_000) + "/PUT=s-expired");
      assertEquals(expected, readAll(store, 5));
      store.majorCompact(UNLIMITED);
      assertEquals(expected, readAll(store, 5));
      assertEquals(4, raw(store).size(), "expired versions beyond MIN_VERSIONS are dropped");
    }
  }

  @Test
  void ttlWithoutMinVersionsDropsExpiredCells() throws Exception {
    ColumnFamilyDescriptor cf = ColumnFamilyDescriptor.newBuilder("cf").setTimeToLive(10).build();
    long now = clock.get();
    try (Store store = open(cf, StoreTestKit.quietConf())) {
      add(store, put("r", "a", now - 20_000, "expired"));
      add(store, put("r", "b", now, "live"));
      store.flush(seq);
      clock.addAndGet(5_000);
      store.majorCompact(UNLIMITED);
      assertEquals(List.of("r/b/" + now + "/PUT=live@2"), raw(store));
      clock.addAndGet(10_000); // now "live" is expired too: invisible at once
      assertEquals(List.of(), readAll(store, 1));
      store.majorCompact(UNLIMITED);
      assertEquals(List.of(), raw(store));
      assertEquals(1, store.getStoreFileCount(), "an empty output still records the seq id");
      assertEquals(2, store.getMaxFlushedSequenceId());
    }
  }

  @Test
  void keepDeletedCellsKeepsMarkersAndDeletedCellsThroughMajorCompaction() throws Exception {
    ColumnFamilyDescriptor cf = ColumnFamilyDescriptor.newBuilder("cf")
        .setKeepDeletedCells(true).build();
    try (Store store = open(cf, StoreTestKit.quietConf())) {
      add(store, put("r", "a", 10, "v10"));
      store.flush(seq);
      add(store, marker("r", "a", 20, CellType.DELETE_COLUMN));
      store.flush(seq);
      assertEquals(List.of(), readAll(store, 3));
      ScanParams beforeDelete = ScanParams.all().withTimeRange(TimeRange.between(0, 15));
      assertEquals(List.of("r/a/10/PUT=v10"), StoreTestKit.read(store, beforeDelete));
      store.majorCompact(UNLIMITED);
      assertEquals(List.of("r/a/20/DELETE_COLUMN@2", "r/a/10/PUT=v10@1"), raw(store));
      assertEquals(List.of(), readAll(store, 3));
      assertEquals(List.of("r/a/10/PUT=v10"), StoreTestKit.read(store, beforeDelete));
    }
  }

  @Test
  void aPeriodicMajorCompactionBecomesDueWithTheAgeOfTheOldestFile() throws Exception {
    clock.set(System.currentTimeMillis()); // files record their creation on the wall clock
    Configuration conf = StoreTestKit.quietConf().setLong(CompactionConfig.MAJOR_PERIOD_MS,
        3_600_000);
    try (Store store = open(ColumnFamilyDescriptor.of("cf"), conf)) {
      add(store, put("r", "a", 1, "v"));
      store.flush(seq);
      add(store, marker("r", "a", 1, CellType.DELETE));
      store.flush(seq);
      assertFalse(store.isMajorCompactionDue());
      assertFalse(store.compactOnce(UNLIMITED));
      clock.addAndGet(3_600_000 + 60_000);
      assertTrue(store.isMajorCompactionDue());
      assertTrue(store.compactOnce(UNLIMITED));
      assertTrue(store.getStoreFiles().get(0).isMajorCompacted());
      assertEquals(List.of(), raw(store));
      assertFalse(store.isMajorCompactionDue(), "one major-compacted file is left alone");
    }
  }

  @Test
  void inputsAreDeletedFromDiskAfterTheSwap() throws Exception {
    try (Store store = open(ColumnFamilyDescriptor.of("cf"), StoreTestKit.quietConf())) {
      for (int i = 0; i < 3; i++) {
        add(store, put("r" + i, "a", 1, "v"));
        store.flush(seq);
      }
      List<Path> inputs = store.getStoreFiles().stream().map(StoreFile::getPath).toList();
      CompactionThrottle throttle = CompactionThrottle.of(1L << 30);
      store.majorCompact(throttle);
      // Every cell written went through the throttle.
      assertEquals(3 * put("r0", "a", 1, "v").getSerializedSize(), throttle.getBytesAcquired());
      for (Path p : inputs) {
        assertFalse(Files.exists(p), p + " should be gone");
      }
      assertEquals(3, readAll(store, 1).size());
    }
  }
}
