package io.cellar.lsm.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link InPlaceCellComparator} agrees with {@link CellComparator} on every pair: cells with
 * rows around the 8-byte word size, zero and 0xFF bytes, families of different lengths, every
 * type, the first/last-on-row and first/last-on-column seek keys, and cells that are not
 * encoded (compared through the generic path).
 */
class InPlaceCellComparatorTest {
  private static final byte[] ALPHABET = {0, 1, 0x7F, (byte) 0x80, (byte) 0xFF};
  private static final CellType[] TYPES = {CellType.PUT, CellType.DELETE,
      CellType.DELETE_COLUMN, CellType.DELETE_FAMILY, CellType.DELETE_FAMILY_VERSION};

  private static byte[] bytes(Random rnd, int maxLen) {
    byte[] b = new byte[rnd.nextInt(maxLen + 1)];
    for (int i = 0; i < b.length; i++) {
      b[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
    }
    return b;
  }

  private static List<Cell> cells(Random rnd, int n) {
    List<Cell> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] row = bytes(rnd, 18);
      byte[] fam = bytes(rnd, 2);
      byte[] qual = bytes(rnd, 10);
      KeyValue kv;
      switch (rnd.nextInt(6)) {
        case 0:
          kv = KeyValue.firstOnRow(row);
          break;
        case 1:
          kv = KeyValue.lastOnRow(row);
          break;
        case 2:
          kv = KeyValue.lastOnColumn(row, fam, qual);
          break;
        default:
          kv = KeyValue.create(row, fam, qual, rnd.nextInt(3), TYPES[rnd.nextInt(TYPES.length)],
              bytes(rnd, 3));
      }
      kv.setSequenceId(rnd.nextInt(3));
      out.add(rnd.nextInt(4) == 0 ? notEncoded(kv) : kv);
    }
    return out;
  }

  /** The same cell through the plain {@link Cell} interface only. */
  private static Cell notEncoded(KeyValue kv) {
    return new Cell() {
      public byte[] getRowArray() {
        return kv.getRowArray();
      }

      public int getRowOffset() {
        return kv.getRowOffset();
      }

      public short getRowLength() {
        return kv.getRowLength();
      }

      public byte[] getFamilyArray() {
        return kv.getFamilyArray();
      }

      public int getFamilyOffset() {
        return kv.getFamilyOffset();
      }

      public byte getFamilyLength() {
        return kv.getFamilyLength();
      }

      public byte[] getQualifierArray() {
        return kv.getQualifierArray();
      }

      public int getQualifierOffset() {
        return kv.getQualifierOffset();
      }

      public int getQualifierLength() {
        return kv.getQualifierLength();
      }

      public long getTimestamp() {
        return kv.getTimestamp();
      }

      public CellType getType() {
        return kv.getType();
      }

      public long getSequenceId() {
        return kv.getSequenceId();
      }

      public byte[] getValueArray() {
        return kv.getValueArray();
      }

      public int getValueOffset() {
        return kv.getValueOffset();
      }

      public int getValueLength() {
        return kv.getValueLength();
      }
    };
  }

  @Test
  void agreesWithCellComparatorOnEveryPair() {
    List<Cell> cells = cells(new Random(11), 300);
    CellComparator ref = CellComparator.INSTANCE;
    InPlaceCellComparator fast = InPlaceCellComparator.INSTANCE;
    for (Cell a : cells) {
      byte[] row = Bytes.copy(a.getRowArray(), a.getRowOffset(), a.getRowLength());
      for (Cell b : cells) {
        String pair = a + " vs " + b;
        assertEquals(Integer.signum(ref.compare(a, b)), Integer.signum(fast.compare(a, b)), pair);
        assertEquals(Integer.signum(ref.compareRows(a, b)),
            Integer.signum(fast.compareRows(a, b)), pair);
        assertEquals(ref.compareRows(a, b) == 0, fast.matchingRows(a, b), pair);
        assertEquals(Integer.signum(ref.compareRow(b, row)),
            Integer.signum(fast.compareRow(b, row)), pair);
        assertEquals(ref.compareColumns(a, b) == 0, fast.matchingColumns(a, b), pair);
        assertEquals(Cells.matchingQualifier(a, b), fast.matchingQualifiers(a, b), pair);
      }
    }
  }

  @Test
  void byteRangesCompareUnsignedAcrossWordBoundaries() {
    Random rnd = new Random(3);
    for (int i = 0; i < 20_000; i++) {
      byte[] a = bytes(rnd, 20);
      byte[] b = rnd.nextBoolean() ? a.clone() : bytes(rnd, 20);
      if (b.length > 0 && rnd.nextBoolean()) {
        b[rnd.nextInt(b.length)] = ALPHABET[rnd.nextInt(ALPHABET.length)];
      }
      assertEquals(Integer.signum(java.util.Arrays.compareUnsigned(a, b)),
          Integer.signum(InPlaceCellComparator.compareBytes(a, 0, a.length, b, 0, b.length)));
      // the same ranges inside larger arrays, between bytes that must not count
      int ao = rnd.nextInt(9);
      int bo = rnd.nextInt(9);
      byte[] aa = new byte[ao + a.length + rnd.nextInt(9)];
      byte[] bb = new byte[bo + b.length + rnd.nextInt(9)];
      rnd.nextBytes(aa);
      rnd.nextBytes(bb);
      System.arraycopy(a, 0, aa, ao, a.length);
      System.arraycopy(b, 0, bb, bo, b.length);
      assertEquals(Integer.signum(java.util.Arrays.compareUnsigned(a, b)),
          Integer.signum(InPlaceCellComparator.compareBytes(aa, ao, a.length, bb, bo, b.length)),
          "at offsets " + ao + " and " + bo);
    }
  }
}
