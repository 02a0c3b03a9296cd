package io.cellar.lsm.store;

import static io.cellar.lsm.store.StoreTestKit.marker;
import static io.cellar.lsm.store.StoreTestKit.put;
import static io.cellar.lsm.store.StoreTestKit.quietConf;
import static io.cellar.lsm.store.StoreTestKit.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.TimeRange;
import io.cellar.common.schema.BloomType;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.lsm.memstore.MemStoreSnapshot;
import io.cellar.lsm.read.KeyValueScanner;
import io.cellar.lsm.read.ScanParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  @TempDir Path root;
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final ColumnFamilyDescriptor cf = ColumnFamilyDescriptor.newBuilder("cf")
      .setMaxVersions(3).build();

  private Store open() throws Exception {
    return StoreTestKit.open(root.resolve("cf"), cf, quietConf(), clock);
  }

  @Test
  void flushWritesOneFileAndReadsBackTheSameCells() throws Exception {
    List<String> expected;
    try (Store store = open()) {
      store.add(put("r1", "a", 10, "v1"), 1);
      store.add(put("r1", "a", 20, "v2"), 2);
      store.add(put("r1", "b", 10, "x"), 3);
      store.add(put("r2", "a", 5, "y"), 4);
      expected = readAll(store, 3);
      assertEquals(List.of("r1/a/20/PUT=v2", "r1/a/10/PUT=v1", "r1/b/10/PUT=x", "r2/a/5/PUT=y"),
          expected);
      assertTrue(store.getMemStoreSize() > 0);
      Optional<StoreFile> file = store.flush(7);
      assertTrue(file.isPresent());
      assertEquals(1, store.getStoreFileCount());
      assertEquals(0, store.getMemStoreSize());
      assertEquals(7, store.getMaxFlushedSequenceId());
      assertEquals(Files.size(file.get().getPath()), store.getStoreFilesSize());
      assertEquals(expected, readAll(store, 3));
      assertEquals(List.of("r1/a/20/PUT=v2", "r1/b/10/PUT=x", "r2/a/5/PUT=y"),
          readAll(store, 1));
    }
    try (Store reopened = open()) {
      assertEquals(expected, readAll(reopened, 3));
      assertEquals(7, reopened.getMaxFlushedSequenceId());
      assertEquals(1, reopened.getStoreFileCount());
    }
  }

  @Test
  void theSameEditAddedTwiceIsFlushedAndCompactedOnce() throws Exception {
    try (Store store = open()) {
      store.add(put("r1", "a", 1, "v"), 1);
      store.add(put("r1", "a", 1, "v"), 1);
      store.flush(1);
      store.add(put("r1", "a", 1, "v"), 1); // a WAL edit replayed over its flushed copy
      store.flush(1);
      assertEquals(List.of("r1/a/1/PUT=v@1", "r1/a/1/PUT=v@1"), StoreTestKit.raw(store));
      store.majorCompact(io.cellar.lsm.compaction.CompactionThrottle.unlimited());
      assertEquals(List.of("r1/a/1/PUT=v@1"), StoreTestKit.raw(store));
    }
  }

  @Test
  void flushingAnEmptyMemstoreWritesNothing() throws Exception {
    try (Store store = open()) {
      assertTrue(store.flush(5).isEmpty());
      assertEquals(0, store.getStoreFileCount());
      assertEquals(0, store.getMaxFlushedSequenceId());
      assertTrue(store.flushSnapshot(9).isEmpty()); // no snapshot pending
    }
  }

  @Test
  void readsMergeTheMemstoreAndSeveralFiles() throws Exception {
    try (Store store = open()) {
      store.add(put("r1", "a", 1, "f1"), 1);
      store.add(put("r2", "a", 1, "f1"), 2);
      store.add(put("r3", "a", 1, "doomed"), 3);
      store.flush(3);
      store.add(put("r1", "a", 2, "f2"), 4);
      store.add(marker("r3", null, 5, CellType.DELETE_FAMILY), 5);
      store.add(put("r4", "a", 1, "f2"), 6);
      store.flush(6);
      store.add(put("r1", "a", 3, "f3"), 7);
      store.add(marker("r2", "a", 1, CellType.DELETE), 8);
      store.flush(8);
      store.add(put("r1", "a", 4, "mem"), 9);
      store.add(put("r3", "a", 4, "older-than-marker"), 10); // masked although written later
      store.add(put("r3", "b", 6, "newer"), 11);
      assertEquals(3, store.getStoreFileCount());
      assertEquals(List.of("r1/a/4/PUT=mem", "r1/a/3/PUT=f3", "r1/a/2/PUT=f2",
          "r3/b/6/PUT=newer", "r4/a/1/PUT=f2"), readAll(store, 10));
      assertEquals(List.of("r1/a/4/PUT=mem", "r3/b/6/PUT=newer", "r4/a/1/PUT=f2"),
          readAll(store, 1));
      assertEquals(List.of("r1/a/2/PUT=f2"), StoreTestKit.read(store,
          ScanParams.all().withTimeRange(TimeRange.between(2, 3))
              .withMaxVersions(3)));
      assertEquals(List.of("r1/a/4/PUT=mem"), StoreTestKit.read(store,
          ScanParams.row(Bytes.toBytes("r1"))));
      assertEquals(9, store.getMaxFlushedSequenceId() + 1);
    }
  }

  @Test
  void filesOutsideTheReadBoundsAreNotOpened() throws Exception {
    ColumnFamilyDescriptor rowBloom = ColumnFamilyDescriptor.newBuilder("cf")
        .setBloomFilterType(BloomType.ROW).build();
    try (Store store = StoreTestKit.open(root.resolve("cf"), rowBloom, quietConf(), clock)) {
      store.add(put("a", "q", 100, "1"), 1);
      store.add(put("c", "q", 100, "1"), 2);
      store.flush(2);
      store.add(put("m", "q", 500, "1"), 3);
      store.add(put("z", "q", 500, "1"), 4);
      store.flush(4);
      assertEquals(2, fileScanners(store, ScanParams.all()));
      assertEquals(1, fileScanners(store, ScanParams.all().withRows(Bytes.toBytes("n"),
          Bytes.EMPTY)));
      assertEquals(1, fileScanners(store, ScanParams.all().withTimeRange(
          TimeRange.between(400, 600))));
      assertEquals(1, fileScanners(store, ScanParams.row(Bytes.toBytes("a"))));
      // "b" is inside the first file's key range but its ROW bloom rules it out.
      assertEquals(0, fileScanners(store, ScanParams.row(Bytes.toBytes("b"))));
    }
  }

  private static long fileScanners(Store store, ScanParams params) throws Exception {
    List<KeyValueScanner> all = store.getScanners(params);
    long files = all.stream().filter(s -> s instanceof StoreFileScanner).count();
    all.forEach(KeyValueScanner::close);
    return files;
  }

  @Test
  void writesDuringAFlushGoToTheMemstoreAndTheSnapshotStaysReadable() throws Exception {
    try (Store store = open()) {
      store.add(put("r1", "a", 1, "before"), 1);
      MemStoreSnapshot snap = store.snapshot();
      store.add(put("r2", "a", 1, "during"), 2);
      assertEquals(List.of("r1/a/1/PUT=before", "r2/a/1/PUT=during"), readAll(store, 1));
      assertTrue(store.getSnapshotDataSize() > 0);
      store.flushSnapshot(snap, 1);
      assertEquals(0, store.getSnapshotDataSize());
      assertEquals(List.of("r1/a/1/PUT=before", "r2/a/1/PUT=during"), readAll(store, 1));
      assertEquals(1, store.getMaxFlushedSequenceId());
      assertEquals(List.of("r1/a/1/PUT=before@1", "r2/a/1/PUT=during@2"),
          StoreTestKit.raw(store));
    }
  }

  @Test
  void aReadPointHidesLaterEditsInFilesToo() throws Exception {
    try (Store store = open()) {
      store.add(put("r1", "a", 1, "old"), 5);
      store.add(put("r1", "a", 2, "new"), 9);
      store.flush(9);
      assertEquals(List.of("r1/a/1/PUT=old"),
          StoreTestKit.read(store, ScanParams.all().withReadPoint(6)));
    }
  }

  @Test
  void aReadPointHidesLaterFileEditsInReversedScansToo() throws Exception {
    try (Store store = open()) {
      store.add(put("a", "q", 1, "a"), 1);
      store.add(put("b", "q", 1, "b-late"), 9);
      store.add(put("c", "q", 1, "c"), 2);
      store.add(put("c", "r", 1, "c-late"), 11);
      store.add(put("d", "q", 1, "d-late"), 10);
      store.add(put("e", "q", 1, "e-late"), 12);
      store.flush(12);
      ScanParams reversed = ScanParams.all().withReversed(true).withReadPoint(5);
      assertEquals(List.of("c/q/1/PUT=c", "a/q/1/PUT=a"), StoreTestKit.read(store, reversed));
      assertEquals(List.of("c/q/1/PUT=c"), StoreTestKit.read(store,
          reversed.withRows(Bytes.toBytes("d"), Bytes.toBytes("b"))));
      assertEquals(List.of("a/q/1/PUT=a", "c/q/1/PUT=c"),
          StoreTestKit.read(store, ScanParams.all().withReadPoint(5)));
    }
  }

  @Test
  void splitPointIsTheMiddleRowOfTheLargestFile() throws Exception {
    try (Store store = open()) {
      assertNull(store.getSplitPoint());
      for (int i = 0; i < 100; i++) {
        store.add(put(String.format("row%03d", i), "a", 1, "v"), i + 1);
      }
      store.flush(100);
      assertArrayEquals(Bytes.toBytes("row050"), store.getSplitPoint());
      // The file is still fully usable: the split point's reference was released.
      assertEquals(100, readAll(store, 1).size());
      assertEquals(1, store.getStoreFiles().get(0).getReferenceCount());
    }
  }

  @Test
  void closingReleasesEveryFile() throws Exception {
    Store store = open();
    store.add(put("r1", "a", 1, "v"), 1);
    StoreFile f = store.flush(1).orElseThrow();
    assertEquals(1, f.getReferenceCount());
    store.close();
    assertEquals(0, f.getReferenceCount());
    assertTrue(Files.exists(f.getPath()), "close must not delete live files");
    try (Stream<Path> s = Files.list(root.resolve("cf").resolve(StoreDirectory.TEMP_DIR))) {
      assertEquals(0, s.count(), "nothing left being written");
    }
  }
}
