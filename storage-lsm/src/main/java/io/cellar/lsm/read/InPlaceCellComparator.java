package io.cellar.lsm.read;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.EncodedCell;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Comparator;

/**
 * Exactly {@link CellComparator}'s order (row, family, qualifier, timestamp desc, type desc,
 * sequence id desc; the "last on row" key after every cell of its row), reading
 * {@link EncodedCell}s (HFile cells, memstore cells, seek keys) in place: one pass over the
 * encoded bytes, 8 bytes at a time, instead of a getter call per field that recomputes offsets.
 * Other cells go through {@link CellComparator}. What the read path's merge heaps and scanners
 * compare with. Stateless and thread-safe.
 */
public final class InPlaceCellComparator implements Comparator<Cell> {
  public static final InPlaceCellComparator INSTANCE = new InPlaceCellComparator();

  // Own VarHandles rather than Bytes.getLong and friends: these reads sit at the bottom of the
  // deepest read-path call chains, where the extra call level through Bytes measured ~15 %
  // slower (RegionScanBenchmark.scanWideRows_1t, session 9; most likely C2's inlining limits).
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final int MINIMUM_TYPE = CellType.MINIMUM.code() & 0xFF;

  private InPlaceCellComparator() {}

  @Override
  public int compare(Cell a, Cell b) {
    if (a instanceof EncodedCell && b instanceof EncodedCell) {
      EncodedCell x = (EncodedCell) a;
      EncodedCell y = (EncodedCell) b;
      int c = compareKeys(x.getEncodedArray(), x.getEncodedOffset(),
          y.getEncodedArray(), y.getEncodedOffset());
      return c != 0 ? c : Long.compare(b.getSequenceId(), a.getSequenceId());
    }
    return CellComparator.INSTANCE.compare(a, b);
  }

  /** Row order only. */
  public int compareRows(Cell a, Cell b) {
    if (a instanceof EncodedCell && b instanceof EncodedCell) {
      EncodedCell x = (EncodedCell) a;
      EncodedCell y = (EncodedCell) b;
      byte[] xb = x.getEncodedArray();
      byte[] yb = y.getEncodedArray();
      int xo = x.getEncodedOffset();
      int yo = y.getEncodedOffset();
      return compareBytes(xb, xo + 10, rowLength(xb, xo), yb, yo + 10, rowLength(yb, yo));
    }
    return CellComparator.INSTANCE.compareRows(a, b);
  }

  /** True when both cells are in the same row. */
  public boolean matchingRows(Cell a, Cell b) {
    if (a instanceof EncodedCell && b instanceof EncodedCell) {
      EncodedCell x = (EncodedCell) a;
      EncodedCell y = (EncodedCell) b;
      byte[] xb = x.getEncodedArray();
      byte[] yb = y.getEncodedArray();
      int xo = x.getEncodedOffset();
      int yo = y.getEncodedOffset();
      int len = rowLength(xb, xo);
      return len == rowLength(yb, yo) && compareBytes(xb, xo + 10, len, yb, yo + 10, len) == 0;
    }
    return CellComparator.INSTANCE.compareRows(a, b) == 0;
  }

  /** True when both cells have the same family and qualifier (rows not compared). */
  public boolean matchingColumns(Cell a, Cell b) {
    if (a instanceof EncodedCell && b instanceof EncodedCell) {
      EncodedCell x = (EncodedCell) a;
      EncodedCell y = (EncodedCell) b;
      byte[] xb = x.getEncodedArray();
      byte[] yb = y.getEncodedArray();
      int xo = x.getEncodedOffset();
      int yo = y.getEncodedOffset();
      // family length byte, family and qualifier are contiguous up to the timestamp
      int xStart = xo + 10 + rowLength(xb, xo);
      int yStart = yo + 10 + rowLength(yb, yo);
      int xLen = xo + 8 + (int) INT.get(xb, xo) - 9 - xStart;
      int yLen = yo + 8 + (int) INT.get(yb, yo) - 9 - yStart;
      return xLen == yLen && compareBytes(xb, xStart, xLen, yb, yStart, yLen) == 0;
    }
    return CellComparator.INSTANCE.compareColumns(a, b) == 0;
  }

  /** True when both cells have the same qualifier (families not compared). */
  public boolean matchingQualifiers(Cell a, Cell b) {
    if (a instanceof EncodedCell && b instanceof EncodedCell) {
      EncodedCell x = (EncodedCell) a;
      EncodedCell y = (EncodedCell) b;
      byte[] xb = x.getEncodedArray();
      byte[] yb = y.getEncodedArray();
      int xo = x.getEncodedOffset();
      int yo = y.getEncodedOffset();
      int xFamPos = xo + 10 + rowLength(xb, xo);
      int yFamPos = yo + 10 + rowLength(yb, yo);
      int xQual = xFamPos + 1 + xb[xFamPos];
      int yQual = yFamPos + 1 + yb[yFamPos];
      int xLen = xo + 8 + (int) INT.get(xb, xo) - 9 - xQual;
      int yLen = yo + 8 + (int) INT.get(yb, yo) - 9 - yQual;
      return xLen == yLen && compareBytes(xb, xQual, xLen, yb, yQual, yLen) == 0;
    }
    return Cells.matchingQualifier(a, b);
  }

  /** The cell's row against {@code row}. */
  public int compareRow(Cell a, byte[] row) {
    if (a instanceof EncodedCell) {
      EncodedCell x = (EncodedCell) a;
      byte[] xb = x.getEncodedArray();
      int xo = x.getEncodedOffset();
      return compareBytes(xb, xo + 10, rowLength(xb, xo), row, 0, row.length);
    }
    return CellComparator.INSTANCE.compareRow(a, row);
  }

  private static int rowLength(byte[] b, int off) {
    return (short) SHORT.get(b, off + 8);
  }

  /**
   * {@link CellComparator#compareWithoutSequenceId} of two KeyValue encodings at {@code xo} and
   * {@code yo}.
   */
  public static int compareKeys(byte[] xb, int xo, byte[] yb, int yo) {
    int xRow = rowLength(xb, xo);
    int yRow = rowLength(yb, yo);
    int xFamPos = xo + 10 + xRow;
    int yFamPos = yo + 10 + yRow;
    int xKeyEnd = xo + 8 + (int) INT.get(xb, xo); // one past the type byte
    int yKeyEnd = yo + 8 + (int) INT.get(yb, yo);
    int c;
    if (xRow == yRow && xb[xFamPos] == yb[yFamPos] && xb[xFamPos] != 0) {
      // The common case inside one store: rows of one length, one family (and neither key the
      // "last on row" key, whose family is empty). Row, family length, family and qualifier are
      // contiguous, and compared as one range they order exactly as row, family, qualifier.
      c = compareBytes(xb, xo + 10, xKeyEnd - 9 - (xo + 10), yb, yo + 10,
          yKeyEnd - 9 - (yo + 10));
      if (c != 0) {
        return c;
      }
      c = Long.compare((long) LONG.get(yb, yKeyEnd - 9), (long) LONG.get(xb, xKeyEnd - 9));
      if (c != 0) {
        return c;
      }
      return Integer.compare(yb[yKeyEnd - 1] & 0xFF, xb[xKeyEnd - 1] & 0xFF);
    }
    c = compareBytes(xb, xo + 10, xRow, yb, yo + 10, yRow);
    if (c != 0) {
      return c;
    }
    int xFam = xb[xFamPos];
    int yFam = yb[yFamPos];
    int xQualPos = xFamPos + 1 + xFam;
    int yQualPos = yFamPos + 1 + yFam;
    int xQual = xKeyEnd - 9 - xQualPos;
    int yQual = yKeyEnd - 9 - yQualPos;
    int xType = xb[xKeyEnd - 1] & 0xFF;
    int yType = yb[yKeyEnd - 1] & 0xFF;
    // The "last on row" key (empty column, MINIMUM type) sorts after every cell of its row.
    boolean xLast = xFam + xQual == 0 && xType == MINIMUM_TYPE;
    boolean yLast = yFam + yQual == 0 && yType == MINIMUM_TYPE;
    if (xLast || yLast) {
      return xLast == yLast ? 0 : (xLast ? 1 : -1);
    }
    c = compareBytes(xb, xFamPos + 1, xFam, yb, yFamPos + 1, yFam);
    if (c != 0) {
      return c;
    }
    c = compareBytes(xb, xQualPos, xQual, yb, yQualPos, yQual);
    if (c != 0) {
      return c;
    }
    c = Long.compare((long) LONG.get(yb, yKeyEnd - 9), (long) LONG.get(xb, xKeyEnd - 9));
    if (c != 0) {
      return c;
    }
    return Integer.compare(yType, xType);
  }

  /**
   * Unsigned lexicographic order of two byte ranges (sign only), 8 bytes at a time: for the
   * short keys of most tables this beats the vectorized mismatch, whose set-up dominates.
   */
  public static int compareBytes(byte[] x, int xo, int xLen, byte[] y, int yo, int yLen) {
    int n = Math.min(xLen, yLen);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      long a = (long) LONG.get(x, xo + i);
      long b = (long) LONG.get(y, yo + i);
      if (a != b) {
        return Long.compareUnsigned(a, b);
      }
    }
    if (i == n) {
      return xLen - yLen;
    }
    if (n >= 8) {
      // The tail as the last 8 bytes: the ones before i are already known equal, so they
      // cannot decide the order (row keys of 10 bytes and columns of 11 take two loads, not
      // one load and a byte loop).
      long a = (long) LONG.get(x, xo + n - 8);
      long b = (long) LONG.get(y, yo + n - 8);
      return a != b ? Long.compareUnsigned(a, b) : xLen - yLen;
    }
    if (i + 4 <= n) {
      int a = (int) INT.get(x, xo + i);
      int b = (int) INT.get(y, yo + i);
      if (a != b) {
        return Integer.compareUnsigned(a, b);
      }
      i += 4;
    }
    for (; i < n; i++) {
      int c = (x[xo + i] & 0xFF) - (y[yo + i] & 0xFF);
      if (c != 0) {
        return c;
      }
    }
    return xLen - yLen;
  }
}
