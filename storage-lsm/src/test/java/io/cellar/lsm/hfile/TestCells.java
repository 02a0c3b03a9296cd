package io.cellar.lsm.hfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.lsm.cache.BlockCache;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/** Random sorted cells for HFile tests, and helpers to write and compare them. */
final class TestCells {
  static final byte[][] FAMILIES = {Bytes.toBytes("f1"), Bytes.toBytes("f2")};
  private static final CellType[] TYPES = {CellType.PUT, CellType.PUT, CellType.PUT,
      CellType.PUT, CellType.DELETE, CellType.DELETE_COLUMN, CellType.DELETE_FAMILY,
      CellType.DELETE_FAMILY_VERSION};

  private TestCells() {}

  static byte[] row(int i) {
    return Bytes.toBytes(String.format("row%07d", i));
  }

  /** About n distinct cells over rows row(0..rows*2) with even indexes only, sorted. */
  static List<KeyValue> random(Random rnd, int n, int rows) {
    TreeSet<KeyValue> set = new TreeSet<>(CellComparator.INSTANCE);
    while (set.size() < n) {
      byte[] row = row(2 * rnd.nextInt(rows));
      byte[] fam = FAMILIES[rnd.nextInt(FAMILIES.length)];
      byte[] qual = Bytes.toBytes("q" + rnd.nextInt(6));
      CellType type = TYPES[rnd.nextInt(TYPES.length)];
      if (type.isFamilyDelete()) {
        qual = Bytes.EMPTY;
      }
      byte[] value = new byte[rnd.nextInt(40)];
      rnd.nextBytes(value);
      KeyValue kv = KeyValue.create(row, fam, qual, 1000 + rnd.nextInt(50), type, value);
      kv.setSequenceId(rnd.nextInt(1000));
      set.add(kv);
    }
    return new ArrayList<>(set);
  }

  static void write(Path path, HFileWriteOptions options, List<? extends Cell> cells)
      throws IOException {
    try (HFileWriter w = HFileWriter.create(path, options)) {
      for (Cell c : cells) {
        w.append(c);
      }
      w.setMaxSequenceId(5000);
    }
  }

  static HFileReader writeAndOpen(Path path, HFileWriteOptions options,
      List<? extends Cell> cells, BlockCache cache) throws IOException {
    write(path, options, cells);
    return HFileReader.open(path, cache);
  }

  static void assertSameCell(Cell expected, Cell actual) {
    if (expected == null) {
      assertNull(actual);
      return;
    }
    assertNotNull(actual, "expected " + expected + " but scanner was exhausted");
    if (CellComparator.INSTANCE.compare(expected, actual) != 0
        || expected.getSequenceId() != actual.getSequenceId()) {
      assertEquals(expected.toString(), actual.toString());
    }
    if (!Cells.matchingValue(expected, actual)) {
      assertEquals(Bytes.toStringBinary(Cells.cloneValue(expected)),
          Bytes.toStringBinary(Cells.cloneValue(actual)));
    }
  }
}
