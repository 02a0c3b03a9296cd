package io.cellar.lsm.hfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.schema.BloomType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bloom filters: no false negatives, and a measured false-positive rate near the 1% target. */
class HFileBloomTest {
  private static final int ROWS = 20_000;
  private static final int PROBES = 100_000;

  @TempDir
  Path dir;

  private List<KeyValue> cells() {
    List<KeyValue> cells = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      for (int q = 0; q < 3; q++) { // several cells per row: ROW bloom keeps distinct rows
        cells.add(KeyValue.create(TestCells.row(2 * i), TestCells.FAMILIES[0],
            Bytes.toBytes("q" + q), 10, Bytes.toBytes(i)));
      }
    }
    return cells;
  }

  @Test
  void rowBloomFalsePositiveRateBelowTwoPercent() throws Exception {
    try (HFileReader r = TestCells.writeAndOpen(dir.resolve("row"),
        HFileWriteOptions.DEFAULTS.withBloomType(BloomType.ROW).withFsyncOnClose(false),
        cells(), null)) {
      for (int i = 0; i < ROWS; i++) {
        assertTrue(r.mightContainRow(TestCells.row(2 * i)));
      }
      int falsePositives = 0;
      for (int i = 0; i < PROBES; i++) {
        if (r.mightContainRow(Bytes.toBytes("absent-" + i))) {
          falsePositives++;
        }
      }
      double rate = falsePositives / (double) PROBES;
      System.out.println("ROW bloom false-positive rate " + rate);
      assertTrue(rate < 0.02, "false positive rate " + rate);
      assertTrue(rate > 0.001, "suspiciously low rate " + rate + ": bloom oversized?");
      assertTrue(r.mightContainRowCol(Bytes.toBytes("x"), Bytes.toBytes("y"), Bytes.toBytes("z")),
          "no ROWCOL bloom means maybe");
    }
  }

  @Test
  void rowColBloomFalsePositiveRateBelowTwoPercent() throws Exception {
    try (HFileReader r = TestCells.writeAndOpen(dir.resolve("rowcol"),
        HFileWriteOptions.DEFAULTS.withBloomType(BloomType.ROWCOL).withFsyncOnClose(false),
        cells(), null)) {
      byte[] f = TestCells.FAMILIES[0];
      for (int i = 0; i < ROWS; i++) {
        for (int q = 0; q < 3; q++) {
          assertTrue(r.mightContainRowCol(TestCells.row(2 * i), f, Bytes.toBytes("q" + q)));
        }
      }
      int falsePositives = 0;
      for (int i = 0; i < PROBES; i++) {
        // present rows, absent qualifier: the hard case for a row+column filter
        if (r.mightContainRowCol(TestCells.row(2 * (i % ROWS)), f, Bytes.toBytes("x" + i))) {
          falsePositives++;
        }
      }
      double rate = falsePositives / (double) PROBES;
      System.out.println("ROWCOL bloom false-positive rate " + rate);
      assertTrue(rate < 0.02, "false positive rate " + rate);
      assertTrue(r.mightContainRow(Bytes.toBytes("absent")), "no ROW bloom means maybe");
    }
  }

  @Test
  void rowColBloomKeepsFamilyDeleteMarkersVisible() throws Exception {
    byte[] row = TestCells.row(1);
    byte[] f = TestCells.FAMILIES[0];
    List<KeyValue> cells = List.of(
        KeyValue.create(row, f, Bytes.EMPTY, 20, io.cellar.common.cell.CellType.DELETE_FAMILY,
            Bytes.EMPTY),
        KeyValue.create(row, f, Bytes.toBytes("a"), 10, Bytes.toBytes("v")));
    try (HFileReader r = TestCells.writeAndOpen(dir.resolve("fd"),
        HFileWriteOptions.DEFAULTS.withBloomType(BloomType.ROWCOL).withFsyncOnClose(false),
        cells, null)) {
      assertEquals(1, r.getFileInfo().getFamilyDeleteCount());
      // column "zz" was never written, but the family delete marker in this row applies to it
      assertTrue(r.mightContainRowCol(row, f, Bytes.toBytes("zz")));
    }
  }

  @Test
  void filterSizedFromRealKeyCount() {
    BloomFilter f = BloomFilter.create(1000, 0.01);
    assertTrue(f.numBits() >= 10_000 && f.numBits() <= 11_000, "bits " + f.numBits());
    assertEquals(0, f.numBits() % BloomFilter.BLOCK_BITS);
    assertEquals(7, f.numHashes());
    BloomFilter copy = BloomFilter.fromPayload(f.toPayload());
    assertEquals(f.numBits(), copy.numBits());
    assertEquals(f.numHashes(), copy.numHashes());
  }
}
