package io.cellar.lsm.memstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.cell.TimeRange;
import io.cellar.lsm.read.KeyValueHeap;
import io.cellar.lsm.read.KeyValueScanner;
import io.cellar.lsm.read.ListScanner;
import io.cellar.lsm.read.ReadBounds;
import io.cellar.lsm.read.ReversedKeyValueHeap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MemStoreTest {
  private static final byte[] FAM = Bytes.toBytes("f");
  private static final CellType[] TYPES = {CellType.PUT, CellType.PUT, CellType.PUT,
      CellType.DELETE, CellType.DELETE_COLUMN, CellType.DELETE_FAMILY,
      CellType.DELETE_FAMILY_VERSION};

  /** The model: distinct (key, seqId) -> cell; a re-add replaces. */
  private final TreeMap<Cell, Cell> model = new TreeMap<>(CellComparator.INSTANCE);

  private static KeyValue randomCell(Random rnd, int rows) {
    byte[] row = Bytes.toBytes("row" + rnd.nextInt(rows));
    byte[] qual = Bytes.toBytes("q" + rnd.nextInt(4));
    CellType type = TYPES[rnd.nextInt(TYPES.length)];
    if (type.isFamilyDelete()) {
      qual = Bytes.EMPTY;
    }
    int vlen = rnd.nextInt(10) == 0 ? 400 : rnd.nextInt(20); // some oversized at 1 KiB chunks
    byte[] value = new byte[vlen];
    rnd.nextBytes(value);
    return KeyValue.create(row, FAM, qual, rnd.nextInt(6), type, value);
  }

  private void addBoth(MemStore ms, KeyValue kv, long seq) {
    ms.add(kv, seq);
    KeyValue copy = KeyValue.copyOf(kv);
    copy.setSequenceId(seq);
    model.put(copy, copy);
  }

  private List<Cell> visibleModel(long readPoint) {
    List<Cell> out = new ArrayList<>();
    for (Cell c : model.values()) {
      if (c.getSequenceId() <= readPoint) {
        out.add(c);
      }
    }
    return out;
  }

  private static void assertSame(Cell want, Cell got, String what) {
    if (want == null || got == null) {
      assertEquals(want == null, got == null, what + ": want " + want + " got " + got);
      return;
    }
    assertEquals(0, CellComparator.INSTANCE.compare(want, got), what + ": want " + want
        + " got " + got);
    assertTrue(Cells.matchingValue(want, got), what + ": value of " + got);
    assertEquals(want.getSequenceId(), got.getSequenceId(), what);
  }

  private static KeyValue randomKey(Random rnd, int rows) {
    KeyValue k = randomCell(rnd, rows + 2);
    return rnd.nextBoolean() ? k : KeyValue.firstOnRow(Cells.cloneRow(k));
  }

  /** One segment: every KeyValueScanner method against the sorted-list model. */
  @Test
  void singleSegmentScannerMatchesModelForEveryMethod() throws IOException {
    for (long seed = 1; seed <= 20; seed++) {
      Random rnd = new Random(seed);
      model.clear();
      MemStore ms = new MemStore(1024, Integer.MAX_VALUE);
      int n = 50 + rnd.nextInt(200);
      for (int i = 0; i < n; i++) {
        addBoth(ms, randomCell(rnd, 12), 1 + rnd.nextInt(n));
      }
      long readPoint = rnd.nextInt(n + 2);
      List<KeyValueScanner> scanners = ms.getScanners(readPoint);
      assertEquals(1, scanners.size());
      KeyValueScanner got = scanners.get(0);
      ListScanner want = new ListScanner(visibleModel(readPoint), 0);
      assertSame(want.peek(), got.peek(), "initial, seed " + seed);
      for (int op = 0; op < 300; op++) {
        String what = "seed " + seed + " op " + op;
        KeyValue key = randomKey(rnd, 12);
        switch (rnd.nextInt(7)) {
          case 0:
            assertEquals(want.seek(key), got.seek(key), what + " seek " + key);
            break;
          case 1:
            if (want.peek() != null && CellComparator.INSTANCE.compare(key, want.peek()) >= 0) {
              assertEquals(want.reseek(key), got.reseek(key), what + " reseek " + key);
            }
            break;
          case 2:
            assertEquals(want.seekToPreviousRow(key), got.seekToPreviousRow(key),
                what + " seekToPreviousRow " + key);
            break;
          case 3:
            assertEquals(want.backwardSeek(key), got.backwardSeek(key),
                what + " backwardSeek " + key);
            break;
          case 4:
            assertEquals(want.seekToLastRow(), got.seekToLastRow(), what + " seekToLastRow");
            break;
          default:
            assertSame(want.next(), got.next(), what + " next");
            break;
        }
        assertSame(want.peek(), got.peek(), what + " peek");
      }
    }
  }

  /** Many flattened and merged segments, through the merge heaps, forward and reversed. */
  @Test
  void flattenedSegmentsMergeCorrectlyForwardAndReversed() throws IOException {
    for (long seed = 100; seed < 110; seed++) {
      Random rnd = new Random(seed);
      model.clear();
      MemStore ms = new MemStore(1024, 1 + rnd.nextInt(16));
      int n = 200 + rnd.nextInt(400);
      for (int i = 0; i < n; i++) {
        addBoth(ms, randomCell(rnd, 30), 1 + rnd.nextInt(n));
      }
      assertTrue(ms.segmentCount() > 1, "flattening happened");
      assertEquals(model.size(), ms.getCellCount(), "distinct cells, seed " + seed);
      long readPoint = rnd.nextInt(n + 2);
      List<Cell> visible = visibleModel(readPoint);
      // forward
      KeyValueHeap got = new KeyValueHeap(ms.getScanners(readPoint));
      KeyValueHeap want = new KeyValueHeap(List.of(new ListScanner(visible, 0)));
      for (int op = 0; op < 300; op++) {
        String what = "seed " + seed + " op " + op;
        KeyValue key = randomKey(rnd, 30);
        int kind = rnd.nextInt(6);
        if (kind == 0) {
          assertEquals(want.seek(key), got.seek(key), what + " seek");
        } else if (kind == 1 && want.peek() != null
            && CellComparator.INSTANCE.compare(key, want.peek()) >= 0) {
          assertEquals(want.reseek(key), got.reseek(key), what + " reseek");
        } else {
          assertSame(want.next(), got.next(), what + " next");
        }
        assertSame(want.peek(), got.peek(), what + " peek");
      }
      // reversed: walk every row backwards and compare
      ReversedKeyValueHeap rgot = new ReversedKeyValueHeap(ms.getScanners(readPoint));
      ReversedKeyValueHeap rwant = new ReversedKeyValueHeap(List.of(new ListScanner(visible, 0)));
      assertEquals(rwant.seekToLastRow(), rgot.seekToLastRow());
      for (int op = 0; op < 300 && rwant.peek() != null; op++) {
        String what = "seed " + seed + " reversed op " + op;
        Cell cur = rwant.peek();
        int kind = rnd.nextInt(5);
        if (kind == 0) {
          assertEquals(rwant.seekToPreviousRow(cur), rgot.seekToPreviousRow(cur), what);
        } else if (kind == 1) {
          KeyValue key = KeyValue.create(Cells.cloneRow(cur), FAM, Bytes.toBytes("q2"),
              3, CellType.PUT, Bytes.EMPTY);
          if (CellComparator.INSTANCE.compare(key, cur) > 0) {
            assertEquals(rwant.backwardSeek(key), rgot.backwardSeek(key), what + " bseek");
          }
        } else {
          assertSame(rwant.next(), rgot.next(), what + " next");
        }
        assertSame(rwant.peek(), rgot.peek(), what + " peek");
      }
    }
  }

  @Test
  void snapshotWhileWritingLosesAndDuplicatesNothing() throws Exception {
    MemStore ms = new MemStore(4096, 64);
    int perWriter = 3000;
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        for (int i = 0; i < perWriter; i++) {
          byte[] row = Bytes.toBytes(String.format("w%d-%06d", id, i));
          ms.add(KeyValue.create(row, FAM, Bytes.toBytes("q"), 1, Bytes.toBytes(i)),
              id * perWriter + i + 1);
        }
      });
      writers.add(th);
      th.start();
    }
    while (ms.getCellCount() < 1000) {
      Thread.onSpinWait();
    }
    MemStoreSnapshot snap = ms.snapshot();
    assertTrue(ms.snapshot() == snap, "an uncleared snapshot is returned again");
    for (Thread th : writers) {
      th.join();
    }
    List<Cell> fromSnapshot = drain(snap.newScanner());
    assertEquals(snap.getCellCount(), fromSnapshot.size());
    assertSorted(fromSnapshot);
    // readers see snapshot + active exactly once each
    List<Cell> all = drain(new KeyValueHeap(ms.getScanners(Long.MAX_VALUE)));
    assertEquals(2 * perWriter, all.size());
    assertSorted(all);
    assertEquals(2 * perWriter, snap.getCellCount() + ms.getCellCount());
    ms.clearSnapshot(snap.getId());
    assertNull(ms.getSnapshot());
    assertEquals(0, ms.getSnapshotDataSize());
    assertEquals(2 * perWriter - fromSnapshot.size(),
        drain(new KeyValueHeap(ms.getScanners(Long.MAX_VALUE))).size());
    assertThrows(IllegalStateException.class, () -> ms.clearSnapshot(snap.getId()));
  }

  @Test
  void backgroundInMemoryCompactionKeepsEveryCellOnce() throws Exception {
    java.util.concurrent.ExecutorService compactor =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    MemStore ms = new MemStore(4096, 16, compactor);
    List<Thread> writers = new ArrayList<>();
    int perWriter = 2000;
    for (int t = 0; t < 2; t++) {
      int id = t;
      Thread th = new Thread(() -> {
        Random rnd = new Random(id);
        for (int i = 0; i < perWriter; i++) {
          byte[] row = new byte[8];
          rnd.nextBytes(row);
          ms.add(KeyValue.create(row, FAM, Bytes.toBytes("q" + id), i, Bytes.toBytes(i)),
              id * perWriter + i + 1);
        }
      });
      writers.add(th);
      th.start();
    }
    for (Thread th : writers) {
      th.join();
    }
    compactor.shutdown();
    assertTrue(compactor.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES));
    List<Cell> all = drain(new KeyValueHeap(ms.getScanners(Long.MAX_VALUE)));
    assertEquals(2 * perWriter, all.size());
    assertSorted(all);
    assertEquals(2 * perWriter, ms.getCellCount());
  }

  @Test
  void scannersHideWritesAboveTheReadPointInEverySegment() throws IOException {
    MemStore ms = new MemStore(1024, 3);
    for (int i = 1; i <= 10; i++) {
      ms.add(KeyValue.create(Bytes.toBytes("r" + i), FAM, Bytes.toBytes("q"), 1,
          Bytes.toBytes(i)), i);
    }
    ms.snapshot();
    for (int i = 11; i <= 20; i++) {
      ms.add(KeyValue.create(Bytes.toBytes("r" + i), FAM, Bytes.toBytes("q"), 1,
          Bytes.toBytes(i)), i);
    }
    for (long rp = 0; rp <= 21; rp++) {
      List<Cell> seen = drain(new KeyValueHeap(ms.getScanners(rp)));
      assertEquals(Math.min(rp, 20), seen.size(), "read point " + rp);
      for (Cell c : seen) {
        assertTrue(c.getSequenceId() <= rp);
      }
    }
  }

  @Test
  void sizesAndTimestampsAreTracked() {
    MemStore ms = new MemStore(1024, 4);
    long data = 0;
    for (int i = 0; i < 20; i++) {
      KeyValue kv = KeyValue.create(Bytes.toBytes("r" + i), FAM, Bytes.toBytes("q"),
          100 + i, Bytes.toBytes("value" + i));
      ms.add(kv, i + 1);
      data += kv.getSerializedSize() + 8;
    }
    assertEquals(data, ms.getDataSize());
    assertTrue(ms.heapSize() >= data);
    assertEquals(100, ms.getMinTimestamp());
    assertEquals(119, ms.getMaxTimestamp());
    MemStoreSnapshot snap = ms.snapshot();
    assertEquals(0, ms.getDataSize());
    assertEquals(data, snap.getDataSize());
    assertEquals(data, ms.getSnapshotDataSize());
    assertEquals(100, snap.getMinTimestamp());
    assertEquals(119, snap.getMaxTimestamp());
  }

  @Test
  void shouldUseScannerPrunesByRowsAndTimeButNotPastMarkers() {
    MemStore ms = new MemStore(1024, 100);
    ms.add(KeyValue.create(Bytes.toBytes("m"), FAM, Bytes.toBytes("q"), 50, Bytes.EMPTY), 1);
    KeyValueScanner s = ms.getScanners(10).get(0);
    assertTrue(s.shouldUseScanner(ReadBounds.all()));
    assertFalse(s.shouldUseScanner(ReadBounds.row(Bytes.toBytes("z"), TimeRange.ALL)));
    assertFalse(s.shouldUseScanner(
        ReadBounds.rows(Bytes.toBytes("a"), Bytes.toBytes("b"), TimeRange.ALL)));
    assertFalse(s.shouldUseScanner(ReadBounds.rows(Bytes.EMPTY, Bytes.EMPTY,
        TimeRange.between(0, 50))));
    assertFalse(s.shouldUseScanner(ReadBounds.rows(Bytes.EMPTY, Bytes.EMPTY,
        TimeRange.between(51, 100))));
    // a marker newer than the range may mask cells inside it: the segment stays
    ms.add(KeyValue.create(Bytes.toBytes("m"), FAM, Bytes.toBytes("q"), 60,
        CellType.DELETE_COLUMN, Bytes.EMPTY), 2);
    KeyValueScanner s2 = ms.getScanners(10).get(0);
    assertTrue(s2.shouldUseScanner(ReadBounds.rows(Bytes.EMPTY, Bytes.EMPTY,
        TimeRange.between(0, 50))));
    assertEquals(Long.MAX_VALUE, s2.getScannerOrder());
  }

  /**
   * Heap accounting for 16-byte keys and 100-byte values stays under 1.6x the raw bytes once
   * most cells are flattened (deterministic: flattening runs in the writer).
   */
  @Test
  void heapAccountingStaysUnderOnePointSixTimesRaw() {
    MemStore ms = new MemStore();
    Random rnd = new Random(7);
    int n = 300_000;
    byte[] value = new byte[100];
    for (int i = 0; i < n; i++) {
      byte[] row = new byte[16];
      rnd.nextBytes(row);
      ms.add(KeyValue.create(row, FAM, Bytes.toBytes("q"), 1, value), i + 1);
    }
    assertEquals(n, ms.getCellCount());
    double ratio = ms.heapSize() / (double) (n * 116L);
    assertTrue(ratio <= 1.6, "heap/raw = " + ratio);
    assertTrue(ms.segmentCount() <= 4, "pipeline merged: " + ms.segmentCount());
  }

  private static List<Cell> drain(KeyValueScanner s) throws IOException {
    List<Cell> out = new ArrayList<>();
    Cell c;
    while ((c = s.next()) != null) {
      out.add(c);
    }
    return out;
  }

  private static void assertSorted(List<Cell> cells) {
    for (int i = 1; i < cells.size(); i++) {
      assertTrue(CellComparator.INSTANCE.compare(cells.get(i - 1), cells.get(i)) < 0,
          "order at " + i);
    }
  }
}
