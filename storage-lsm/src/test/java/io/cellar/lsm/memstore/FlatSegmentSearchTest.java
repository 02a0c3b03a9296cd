package io.cellar.lsm.memstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A flat segment's search (entries compared in place) and the skip list's (seek keys turned
 * into chunk-cell probes) find exactly the first cell >= key, for rows that share long
 * prefixes, rows shorter than the prefix, and every kind of seek key.
 */
class FlatSegmentSearchTest {
  private static final byte[] FAM = {'f'};

  private static byte[] row(Random rnd) {
    // few distinct rows, many sharing their first 8 bytes, some shorter than 8
    int n = rnd.nextInt(40);
    return n < 5 ? new byte[] {'r', (byte) n} : String.format("row%07d", n * 7).getBytes();
  }

  private static KeyValue key(Random rnd) {
    byte[] row = row(rnd);
    byte[] qual = {(byte) ('a' + rnd.nextInt(5))};
    switch (rnd.nextInt(4)) {
      case 0:
        return KeyValue.firstOnRow(row);
      case 1:
        return KeyValue.lastOnRow(row);
      case 2:
        return KeyValue.firstOnColumn(row, FAM, qual);
      default:
        KeyValue kv = KeyValue.create(row, FAM, qual, rnd.nextInt(4), CellType.PUT, new byte[0]);
        kv.setSequenceId(rnd.nextInt(3000));
        return kv;
    }
  }

  @Test
  void mergedSegmentsKeepEveryRowInTheirBlooms() {
    Random rnd = new Random(9);
    ChunkArena arena = new ChunkArena(64 * 1024);
    java.util.List<FlatSegment> parts = new java.util.ArrayList<>();
    java.util.List<byte[]> rows = new java.util.ArrayList<>();
    for (int p = 0; p < 3; p++) {
      SkipListSegment s = new SkipListSegment();
      for (int i = 0; i < 500; i++) {
        byte[] row = ("p" + p + "-" + rnd.nextInt(300)).getBytes();
        rows.add(row);
        ChunkCell c = arena.copy(KeyValue.create(row, FAM, new byte[] {'q'}, 1, CellType.PUT,
            new byte[0]), p * 1000 + i + 1);
        s.add(c, c.getSerializedSize() + 8, 1, false);
      }
      parts.add(0, FlatSegment.flatten(s, arena.chunkTable()));
    }
    FlatSegment merged = FlatSegment.merge(parts, arena.chunkTable());
    for (byte[] row : rows) {
      assertTrue(merged.mightContainRow(row));
    }
    int denied = 0;
    for (int i = 0; i < 1000; i++) {
      denied += merged.mightContainRow(("absent" + i).getBytes()) ? 0 : 1;
    }
    assertTrue(denied > 900, "merged row blooms denied only " + denied + " of 1000 absent rows");
  }

  @Test
  void searchesFindTheFirstCellAtOrAfterTheKey() {
    Random rnd = new Random(5);
    ChunkArena arena = new ChunkArena(64 * 1024);
    SkipListSegment skipList = new SkipListSegment();
    for (int i = 0; i < 3000; i++) {
      KeyValue kv = KeyValue.create(row(rnd), FAM, new byte[] {(byte) ('a' + rnd.nextInt(5))},
          rnd.nextInt(4), CellType.PUT, new byte[] {1, 2});
      ChunkCell c = arena.copy(kv, i + 1);
      skipList.add(c, c.getSerializedSize() + 8, kv.getTimestamp(), false);
    }
    FlatSegment flat = FlatSegment.flatten(skipList, arena.chunkTable());
    Cell[] all = new Cell[flat.cellCount()];
    for (int i = 0; i < all.length; i++) {
      all[i] = flat.cellAt(i);
    }
    for (Cell c : all) { // the row bloom never denies a row the segment holds
      assertTrue(flat.mightContainRow(Cells.cloneRow(c)));
    }
    int denied = 0;
    for (int i = 0; i < 1000; i++) {
      denied += flat.mightContainRow(("absent" + i).getBytes()) ? 0 : 1;
    }
    assertTrue(denied > 950, "row bloom denied only " + denied + " of 1000 absent rows");
    Segment.Cursor skipCursor = skipList.cursor();
    for (int t = 0; t < 5000; t++) {
      KeyValue key = key(rnd);
      int expected = 0;
      while (expected < all.length && CellComparator.INSTANCE.compare(all[expected], key) < 0) {
        expected++;
      }
      assertEquals(expected, flat.ceilingIndex(key), key.toString());
      skipCursor.seek(key);
      Cell found = skipCursor.current();
      if (expected == all.length) {
        assertEquals(null, found, key.toString());
      } else {
        assertEquals(0, CellComparator.INSTANCE.compare(all[expected], found), key.toString());
      }
    }
  }
}
