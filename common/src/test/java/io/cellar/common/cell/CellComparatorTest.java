package io.cellar.common.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellComparatorTest {
  private static final CellComparator CMP = CellComparator.INSTANCE;

  private static KeyValue kv(String row, String fam, String qual, long ts, CellType t) {
    return KeyValue.create(Bytes.toBytes(row), Bytes.toBytes(fam), Bytes.toBytes(qual), ts, t,
        Bytes.toBytes("v"));
  }

  @Test
  void encodingRoundTripsEveryPart() {
    KeyValue kv = KeyValue.create(Bytes.toBytes("row1"), Bytes.toBytes("cf"),
        Bytes.toBytes("q"), 42L, CellType.DELETE_COLUMN, Bytes.toBytes("value"));
    assertArrayEquals(Bytes.toBytes("row1"), Cells.cloneRow(kv));
    assertArrayEquals(Bytes.toBytes("cf"), Cells.cloneFamily(kv));
    assertArrayEquals(Bytes.toBytes("q"), Cells.cloneQualifier(kv));
    assertArrayEquals(Bytes.toBytes("value"), Cells.cloneValue(kv));
    assertEquals(42L, kv.getTimestamp());
    assertEquals(CellType.DELETE_COLUMN, kv.getType());
    assertEquals(kv.getLength(), KeyValue.encodedLengthAt(kv.getBuffer(), 0));
  }

  @Test
  void cellsLiveAsSlicesOfALargerBuffer() {
    KeyValue a = kv("a", "f", "q", 1, CellType.PUT);
    byte[] big = new byte[100 + a.getLength()];
    KeyValue.writeCell(a, big, 100);
    KeyValue slice = new KeyValue(big, 100, a.getLength());
    assertEquals(0, CMP.compare(a, slice));
    assertArrayEquals(Bytes.toBytes("v"), Cells.cloneValue(slice));
  }

  @Test
  void orderIsRowFamilyQualifierThenNewestFirstThenDeletesFirst() {
    List<Cell> expected = List.of(
        KeyValue.firstOnRow(Bytes.toBytes("r1")),
        kv("r1", "a", "q", 5, CellType.DELETE_FAMILY),
        kv("r1", "a", "q", 5, CellType.DELETE_COLUMN),
        kv("r1", "a", "q", 5, CellType.DELETE),
        kv("r1", "a", "q", 5, CellType.PUT),
        kv("r1", "a", "q", 3, CellType.PUT),
        kv("r1", "a", "q2", 9, CellType.PUT),
        kv("r1", "b", "", 1, CellType.PUT),
        KeyValue.lastOnRow(Bytes.toBytes("r1")),
        kv("r2", "a", "q", 1, CellType.PUT));
    List<Cell> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new java.util.Random(7));
    shuffled.sort(CMP);
    assertEquals(expected, shuffled);
  }

  @Test
  void higherSequenceIdSortsFirst() {
    KeyValue older = kv("r", "f", "q", 1, CellType.PUT);
    KeyValue newer = kv("r", "f", "q", 1, CellType.PUT);
    older.setSequenceId(1);
    newer.setSequenceId(2);
    assertTrue(CMP.compare(newer, older) < 0);
    assertEquals(0, CMP.compareWithoutSequenceId(newer, older));
  }

  @Test
  void rowsCompareUnsigned() {
    KeyValue low = KeyValue.create(new byte[] {0x7F}, Bytes.toBytes("f"), Bytes.EMPTY, 1,
        Bytes.EMPTY);
    KeyValue high = KeyValue.create(new byte[] {(byte) 0x80}, Bytes.toBytes("f"), Bytes.EMPTY, 1,
        Bytes.EMPTY);
    assertTrue(CMP.compare(low, high) < 0);
  }

  @Test
  void binaryStringsRoundTrip() {
    byte[] b = {0, 'a', (byte) 0xFF, '\\', 'z'};
    assertEquals("\\x00a\\xFF\\x5Cz", Bytes.toStringBinary(b));
    assertArrayEquals(b, Bytes.toBytesBinary(Bytes.toStringBinary(b)));
  }
}
