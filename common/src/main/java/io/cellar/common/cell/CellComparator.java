package io.cellar.common.cell;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The one order of cells: row asc, family asc, qualifier asc, timestamp desc, type desc, sequence
 * id desc. A key with empty family and qualifier and type MINIMUM is the "last on row" seek key
 * and sorts after every cell of its row.
 */
public final class CellComparator implements Comparator<Cell> {
  public static final CellComparator INSTANCE = new CellComparator();

  private CellComparator() {}

  @Override
  public int compare(Cell a, Cell b) {
    int c = compareWithoutSequenceId(a, b);
    if (c != 0) {
      return c;
    }
    return Long.compare(b.getSequenceId(), a.getSequenceId());
  }

  /** Compares the keys only: equal coordinates and type compare 0 whatever the sequence ids. */
  public int compareWithoutSequenceId(Cell a, Cell b) {
    int c = compareRows(a, b);
    if (c != 0) {
      return c;
    }
    return compareWithinRow(a, b);
  }

  /** Compares two cells known to be in the same row. */
  public int compareWithinRow(Cell a, Cell b) {
    int aFam = a.getFamilyLength();
    int bFam = b.getFamilyLength();
    int aQual = a.getQualifierLength();
    int bQual = b.getQualifierLength();
    // The "last on row" key: empty column, MINIMUM type.
    if (aFam + aQual == 0 && a.getType() == CellType.MINIMUM) {
      return bFam + bQual == 0 && b.getType() == CellType.MINIMUM ? 0 : 1;
    }
    if (bFam + bQual == 0 && b.getType() == CellType.MINIMUM) {
      return -1;
    }
    int c = Arrays.compareUnsigned(
        a.getFamilyArray(), a.getFamilyOffset(), a.getFamilyOffset() + aFam,
        b.getFamilyArray(), b.getFamilyOffset(), b.getFamilyOffset() + bFam);
    if (c != 0) {
      return c;
    }
    c = Arrays.compareUnsigned(
        a.getQualifierArray(), a.getQualifierOffset(), a.getQualifierOffset() + aQual,
        b.getQualifierArray(), b.getQualifierOffset(), b.getQualifierOffset() + bQual);
    if (c != 0) {
      return c;
    }
    return compareTimestampAndType(a, b);
  }

  public int compareRows(Cell a, Cell b) {
    return Arrays.compareUnsigned(
        a.getRowArray(), a.getRowOffset(), a.getRowOffset() + a.getRowLength(),
        b.getRowArray(), b.getRowOffset(), b.getRowOffset() + b.getRowLength());
  }

  public int compareRow(Cell a, byte[] row) {
    return Arrays.compareUnsigned(
        a.getRowArray(), a.getRowOffset(), a.getRowOffset() + a.getRowLength(), row, 0, row.length);
  }

  /** Compares family then qualifier. */
  public int compareColumns(Cell a, Cell b) {
    int c = Arrays.compareUnsigned(
        a.getFamilyArray(), a.getFamilyOffset(), a.getFamilyOffset() + a.getFamilyLength(),
        b.getFamilyArray(), b.getFamilyOffset(), b.getFamilyOffset() + b.getFamilyLength());
    if (c != 0) {
      return c;
    }
    return Arrays.compareUnsigned(
        a.getQualifierArray(), a.getQualifierOffset(),
        a.getQualifierOffset() + a.getQualifierLength(),
        b.getQualifierArray(), b.getQualifierOffset(),
        b.getQualifierOffset() + b.getQualifierLength());
  }

  /** Timestamp descending, then type code descending. */
  public int compareTimestampAndType(Cell a, Cell b) {
    int c = Long.compare(b.getTimestamp(), a.getTimestamp());
    if (c != 0) {
      return c;
    }
    return Integer.compare(b.getType().code() & 0xFF, a.getType().code() & 0xFF);
  }
}
