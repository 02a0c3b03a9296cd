package io.cellar.lsm.hfile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.cell.TimeRange;
import io.cellar.common.schema.BloomType;
import io.cellar.lsm.read.ReadBounds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** shouldUseScanner skips a file by row range, time range and bloom filter. */
class HFileBoundsTest {
  @TempDir
  Path dir;

  private final byte[] f = TestCells.FAMILIES[0];
  private final byte[] q = Bytes.toBytes("q");

  /** Rows 100..198 (even), timestamps 1000..1099. */
  private List<KeyValue> cells(boolean withDelete) {
    List<KeyValue> cells = new ArrayList<>();
    for (int i = 100; i < 200; i += 2) {
      cells.add(KeyValue.create(TestCells.row(i), f, q, 1000 + (i - 100), Bytes.toBytes(i)));
      if (withDelete && i == 150) {
        cells.add(KeyValue.create(TestCells.row(i), f, Bytes.toBytes("r"), 5000,
            CellType.DELETE_COLUMN, Bytes.EMPTY));
      }
    }
    return cells;
  }

  @Test
  void rowRange() throws Exception {
    try (HFileReader r = TestCells.writeAndOpen(dir.resolve("a"),
        HFileWriteOptions.DEFAULTS.withBloomType(BloomType.NONE), cells(false), null);
        HFileScanner s = r.getScanner(true, 0)) {
      assertTrue(s.shouldUseScanner(ReadBounds.all()));
      assertFalse(s.shouldUseScanner(ReadBounds.rows(TestCells.row(0), TestCells.row(100),
          TimeRange.ALL)));
      assertTrue(s.shouldUseScanner(ReadBounds.rows(TestCells.row(0), TestCells.row(101),
          TimeRange.ALL)));
      assertTrue(s.shouldUseScanner(ReadBounds.rows(TestCells.row(198), Bytes.EMPTY,
          TimeRange.ALL)));
      assertFalse(s.shouldUseScanner(ReadBounds.rows(TestCells.row(199), Bytes.EMPTY,
          TimeRange.ALL)));
      assertFalse(s.shouldUseScanner(ReadBounds.row(TestCells.row(50), TimeRange.ALL)));
      // no bloom: a row inside the range but never written still needs the file
      assertTrue(s.shouldUseScanner(ReadBounds.row(TestCells.row(101), TimeRange.ALL)));
    }
  }

  @Test
  void timeRange() throws Exception {
    try (HFileReader r = TestCells.writeAndOpen(dir.resolve("t"),
        HFileWriteOptions.DEFAULTS.withBloomType(BloomType.NONE), cells(false), null)) {
      assertTrue(r.passesBounds(ReadBounds.rows(Bytes.EMPTY, Bytes.EMPTY,
          TimeRange.between(1090, 2000))));
      assertTrue(r.passesBounds(ReadBounds.rows(Bytes.EMPTY, Bytes.EMPTY,
          TimeRange.between(0, 1001))));
      assertFalse(r.passesBounds(ReadBounds.rows(Bytes.EMPTY, Bytes.EMPTY,
          TimeRange.between(0, 1000))));
      assertFalse(r.passesBounds(ReadBounds.rows(Bytes.EMPTY, Bytes.EMPTY,
          TimeRange.between(1099 + 1, 5000))));
    }
    try (HFileReader r = TestCells.writeAndOpen(dir.resolve("td"),
        HFileWriteOptions.DEFAULTS.withBloomType(BloomType.NONE), cells(true), null)) {
      // a delete marker at 5000 can mask puts (in other files) inside [0, 1000): keep the file
      assertTrue(r.passesBounds(ReadBounds.rows(Bytes.EMPTY, Bytes.EMPTY,
          TimeRange.between(0, 1000))));
      assertFalse(r.passesBounds(ReadBounds.rows(Bytes.EMPTY, Bytes.EMPTY,
          TimeRange.between(6000, 7000))));
    }
  }

  @Test
  void rowBloom() throws Exception {
    try (HFileReader r = TestCells.writeAndOpen(dir.resolve("b"),
        HFileWriteOptions.DEFAULTS.withBloomType(BloomType.ROW), cells(false), null)) {
      assertTrue(r.passesBounds(ReadBounds.row(TestCells.row(120), TimeRange.ALL)));
      assertTrue(r.passesBounds(ReadBounds.column(TestCells.row(120), f, q, TimeRange.ALL)));
      int passed = 0;
      for (int i = 101; i < 199; i += 2) { // absent rows inside the key range
        passed += r.passesBounds(ReadBounds.row(TestCells.row(i), TimeRange.ALL)) ? 1 : 0;
      }
      assertTrue(passed <= 3, "bloom let through " + passed + " of 49 absent rows");
    }
  }

  @Test
  void rowColBloom() throws Exception {
    try (HFileReader r = TestCells.writeAndOpen(dir.resolve("c"),
        HFileWriteOptions.DEFAULTS.withBloomType(BloomType.ROWCOL), cells(false), null)) {
      assertTrue(r.passesBounds(ReadBounds.column(TestCells.row(120), f, q, TimeRange.ALL)));
      // a whole-row read cannot use a ROWCOL bloom
      assertTrue(r.passesBounds(ReadBounds.row(TestCells.row(121), TimeRange.ALL)));
      int passed = 0;
      for (int i = 100; i < 200; i += 2) {
        passed += r.passesBounds(ReadBounds.column(TestCells.row(i), f, Bytes.toBytes("other"),
            TimeRange.ALL)) ? 1 : 0;
      }
      assertTrue(passed <= 3, "bloom let through " + passed + " of 50 absent columns");
    }
  }
}
