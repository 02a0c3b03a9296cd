package io.cellar.lsm.memstore;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.EncodedCell;
import io.cellar.common.cell.KeyValue;
import io.cellar.lsm.read.InPlaceCellComparator;
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
public final class ChunkCell extends EncodedCell {
  // Own VarHandles rather than Bytes.getLong and friends: these reads sit at the bottom of the
  // deepest read-path call chains, where the extra call level through Bytes measured ~15 %
  // slower (RegionScanBenchmark.scanWideRows_1t, session 9; most likely C2's inlining limits).
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

  /**
   * {@code key} as a chunk cell in its own small array (or itself, when it is one): a seek key
   * the skip list compares by row prefix first, like its own cells, so most steps of a search
   * do not read the visited cell's chunk.
   */
  static ChunkCell probe(Cell key) {
    if (key instanceof ChunkCell) {
      return (ChunkCell) key;
    }
    int len = KeyValue.encodedLength(key.getRowLength(), key.getFamilyLength(),
        key.getQualifierLength(), key.getValueLength());
    byte[] b = new byte[8 + len];
    LONG.set(b, 0, key.getSequenceId());
    KeyValue.writeCell(key, b, 8);
    return new ChunkCell(b, -1, 8);
  }

  /** Row length of the KeyValue encoding at {@code offset}. */
  static int rowLengthAt(byte[] b, int offset) {
    return (short) SHORT.get(b, offset + 8);
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

  @Override
  public byte[] getEncodedArray() {
    return chunk;
  }

  @Override
  public int getEncodedOffset() {
    return offset;
  }

  /**
   * The cell order: by row prefix when both are chunk cells and the prefixes differ, otherwise
   * in place over the encodings ({@link InPlaceCellComparator}).
   */
  static int compare(Cell a, Cell b) {
    if (a instanceof ChunkCell && b instanceof ChunkCell) {
      ChunkCell x = (ChunkCell) a;
      ChunkCell y = (ChunkCell) b;
      if (x.rowPrefix != y.rowPrefix) {
        return Long.compareUnsigned(x.rowPrefix, y.rowPrefix);
      }
      return compareEncoded(x.chunk, x.offset, y.chunk, y.offset);
    }
    return InPlaceCellComparator.INSTANCE.compare(a, b);
  }

  /**
   * The full cell order of two cells stored as {@code [seqId][KeyValue]} with their KeyValue
   * parts at {@code xo} and {@code yo}.
   */
  static int compareEncoded(byte[] xb, int xo, byte[] yb, int yo) {
    int c = InPlaceCellComparator.compareKeys(xb, xo, yb, yo);
    return c != 0 ? c : Long.compare(sequenceIdAt(yb, yo), sequenceIdAt(xb, xo));
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
