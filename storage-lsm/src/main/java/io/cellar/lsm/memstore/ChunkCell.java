package io.cellar.lsm.memstore;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A cell living in a memstore chunk: {@code [long seqId][KeyValue encoding]}, addressed by the
 * chunk array and the offset of the KeyValue part. Small (array reference, chunk id, offset and
 * the first 8 row bytes: 32 bytes with compressed oops) because the active segment holds one
 * per cell. The row prefix lets most comparisons in the skip list end without touching the
 * chunk (a cache miss per visited node otherwise).
 *
 * <p>REQUIRES: the chunk bytes at {@code offset - 8 .. offset + length} are never overwritten.
 */
public final class ChunkCell implements Cell {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  /** Order of memstore cells; compares two chunk cells on their raw bytes. */
  static final Comparator<Cell> ORDER = ChunkCell::compare;

  final byte[] chunk;
  final int chunkId;
  final int offset;
  /** The first 8 row bytes, big-endian, zero-padded: see {@link #rowPrefix}. */
  final long rowPrefix;

  ChunkCell(byte[] chunk, int chunkId, int offset) {
    this.chunk = chunk;
    this.chunkId = chunkId;
    this.offset = offset;
    this.rowPrefix = rowPrefix(chunk, offset + 10, (short) SHORT.get(chunk, offset + 8));
  }

  /**
   * The first 8 bytes of a row as an unsigned big-endian long, zero-padded when shorter. If two
   * prefixes differ, their unsigned order is the rows' order (a padding zero sorts like the end
   * of the shorter row or an equal zero byte, never after); equal prefixes decide nothing.
   */
  static long rowPrefix(byte[] b, int off, int len) {
    if (len >= 8) {
      return (long) LONG.get(b, off);
    }
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (i < len ? b[off + i] & 0xFF : 0);
    }
    return v;
  }

  static long sequenceIdAt(byte[] chunk, int offset) {
    return (long) LONG.get(chunk, offset - 8);
  }

  private int keyLength() {
    return (int) INT.get(chunk, offset);
  }

  @Override
  public byte[] getRowArray() {
    return chunk;
  }

  @Override
  public int getRowOffset() {
    return offset + 10;
  }

  @Override
  public short getRowLength() {
    return (short) SHORT.get(chunk, offset + 8);
  }

  @Override
  public byte[] getFamilyArray() {
    return chunk;
  }

  @Override
  public int getFamilyOffset() {
    return offset + 11 + getRowLength();
  }

  @Override
  public byte getFamilyLength() {
    return chunk[offset + 10 + getRowLength()];
  }

  @Override
  public byte[] getQualifierArray() {
    return chunk;
  }

  @Override
  public int getQualifierOffset() {
    int rowLen = getRowLength();
    return offset + 11 + rowLen + chunk[offset + 10 + rowLen];
  }

  @Override
  public int getQualifierLength() {
    int rowLen = getRowLength();
    return keyLength() - KeyValue.KEY_INFRASTRUCTURE - rowLen - chunk[offset + 10 + rowLen];
  }

  @Override
  public long getTimestamp() {
    return (long) LONG.get(chunk, offset + keyLength() - 1);
  }

  @Override
  public CellType getType() {
    return CellType.fromCode(chunk[offset + 7 + keyLength()]);
  }

  @Override
  public long getSequenceId() {
    return sequenceIdAt(chunk, offset);
  }

  @Override
  public byte[] getValueArray() {
    return chunk;
  }

  @Override
  public int getValueOffset() {
    return offset + 8 + keyLength();
  }

  @Override
  public int getValueLength() {
    return (int) INT.get(chunk, offset + 4);
  }

  @Override
  public int getSerializedSize() {
    return 8 + keyLength() + getValueLength();
  }

  /** Raw-byte comparison when both are chunk cells; the generic order otherwise. */
  static int compare(Cell a, Cell b) {
    if (!(a instanceof ChunkCell) || !(b instanceof ChunkCell)) {
      return CellComparator.INSTANCE.compare(a, b);
    }
    ChunkCell x = (ChunkCell) a;
    ChunkCell y = (ChunkCell) b;
    if (x.rowPrefix != y.rowPrefix) {
      return Long.compareUnsigned(x.rowPrefix, y.rowPrefix);
    }
    return compareEncoded(x.chunk, x.offset, y.chunk, y.offset);
  }

  /**
   * The full cell order ({@link CellComparator}) of two cells stored as {@code [seqId][KeyValue]}
   * with their KeyValue parts at {@code xo} and {@code yo}. Memstore cells are never the
   * "last on row" seek key, so no special case for it.
   */
  static int compareEncoded(byte[] xb, int xo, byte[] yb, int yo) {
    int xRow = (short) SHORT.get(xb, xo + 8);
    int yRow = (short) SHORT.get(yb, yo + 8);
    int c = compareBytes(xb, xo + 10, xRow, yb, yo + 10, yRow);
    if (c != 0) {
      return c;
    }
    // family and qualifier are contiguous after the family length byte; compare family first
    int xFamPos = xo + 10 + xRow;
    int yFamPos = yo + 10 + yRow;
    int xFam = xb[xFamPos];
    int yFam = yb[yFamPos];
    c = compareBytes(xb, xFamPos + 1, xFam, yb, yFamPos + 1, yFam);
    if (c != 0) {
      return c;
    }
    int xKeyEnd = xo + 8 + (int) INT.get(xb, xo); // one past the type byte
    int yKeyEnd = yo + 8 + (int) INT.get(yb, yo);
    int xQual = xFamPos + 1 + xFam;
    int yQual = yFamPos + 1 + yFam;
    c = compareBytes(xb, xQual, xKeyEnd - 9 - xQual, yb, yQual, yKeyEnd - 9 - yQual);
    if (c != 0) {
      return c;
    }
    c = Long.compare((long) LONG.get(yb, yKeyEnd - 9), (long) LONG.get(xb, xKeyEnd - 9));
    if (c != 0) {
      return c;
    }
    c = Integer.compare(yb[yKeyEnd - 1] & 0xFF, xb[xKeyEnd - 1] & 0xFF);
    if (c != 0) {
      return c;
    }
    return Long.compare(sequenceIdAt(yb, yo), sequenceIdAt(xb, xo));
  }

  /**
   * Unsigned lexicographic order of two ranges. Short ranges (families, qualifiers, small
   * rows) are compared in a plain loop: the vectorized mismatch has a set-up cost that
   * dominates below a few words.
   */
  static int compareBytes(byte[] x, int xo, int xLen, byte[] y, int yo, int yLen) {
    int n = Math.min(xLen, yLen);
    if (n >= 16) {
      return Arrays.compareUnsigned(x, xo, xo + xLen, y, yo, yo + yLen);
    }
    for (int i = 0; i < n; i++) {
      int c = (x[xo + i] & 0xFF) - (y[yo + i] & 0xFF);
      if (c != 0) {
        return c;
      }
    }
    return xLen - yLen;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cell && compare(this, (Cell) o) == 0 && Cells.matchingValue(this, (Cell) o);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(Arrays.copyOfRange(chunk, offset, offset + getSerializedSize()));
  }

  @Override
  public String toString() {
    return Cells.toString(this);
  }
}
