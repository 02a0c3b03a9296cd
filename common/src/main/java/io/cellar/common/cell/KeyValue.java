package io.cellar.common.cell;

import io.cellar.common.Bytes;

/**
 * A cell encoded in one byte range, the layout used in memstore chunks, HFile blocks and WAL
 * entries:
 *
 * <pre>
 *   int    keyLength     (bytes from rowLength to type, inclusive)
 *   int    valueLength
 *   short  rowLength
 *   byte[] row
 *   byte   familyLength
 *   byte[] family
 *   byte[] qualifier     (length = keyLength - rowLength - familyLength - KEY_INFRASTRUCTURE)
 *   long   timestamp
 *   byte   type
 *   byte[] value
 * </pre>
 *
 * All integers are big-endian. The sequence id is not part of the encoding; it travels beside it.
 */
public final class KeyValue extends EncodedCell {
  /** rowLength + familyLength + timestamp + type. */
  public static final int KEY_INFRASTRUCTURE = 2 + 1 + 8 + 1;
  /** keyLength + valueLength + KEY_INFRASTRUCTURE. */
  public static final int FIXED_OVERHEAD = 4 + 4 + KEY_INFRASTRUCTURE;
  public static final long LATEST_TIMESTAMP = Long.MAX_VALUE;
  public static final int MAX_ROW_LENGTH = Short.MAX_VALUE;

  private final byte[] bytes;
  private final int offset;
  private final int length;
  private long sequenceId;

  public KeyValue(byte[] bytes, int offset, int length) {
    this(bytes, offset, length, 0L);
  }

  public KeyValue(byte[] bytes, int offset, int length, long sequenceId) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
    this.sequenceId = sequenceId;
  }

  /** Encodes a fresh cell into its own array. */
  public static KeyValue create(byte[] row, byte[] family, byte[] qualifier, long ts,
      CellType type, byte[] value) {
    byte[] v = value == null ? Bytes.EMPTY : value;
    byte[] f = family == null ? Bytes.EMPTY : family;
    byte[] q = qualifier == null ? Bytes.EMPTY : qualifier;
    int len = encodedLength(row.length, f.length, q.length, v.length);
    byte[] buf = new byte[len];
    write(buf, 0, row, 0, row.length, f, 0, f.length, q, 0, q.length, ts, type, v, 0, v.length);
    return new KeyValue(buf, 0, len);
  }

  public static KeyValue create(byte[] row, byte[] family, byte[] qualifier, long ts, byte[] value) {
    return create(row, family, qualifier, ts, CellType.PUT, value);
  }

  /** Copies any cell into the KeyValue encoding, keeping its sequence id. */
  public static KeyValue copyOf(Cell c) {
    int len = c.getSerializedSize();
    byte[] buf = new byte[len];
    writeCell(c, buf, 0);
    return new KeyValue(buf, 0, len, c.getSequenceId());
  }

  /** Encoded length of a cell with parts of these sizes. */
  public static int encodedLength(int rowLen, int famLen, int qualLen, int valueLen) {
    return FIXED_OVERHEAD + rowLen + famLen + qualLen + valueLen;
  }

  /** Writes the encoding of {@code c} at {@code off}; returns the bytes written. */
  public static int writeCell(Cell c, byte[] buf, int off) {
    return write(buf, off,
        c.getRowArray(), c.getRowOffset(), c.getRowLength(),
        c.getFamilyArray(), c.getFamilyOffset(), c.getFamilyLength(),
        c.getQualifierArray(), c.getQualifierOffset(), c.getQualifierLength(),
        c.getTimestamp(), c.getType(),
        c.getValueArray(), c.getValueOffset(), c.getValueLength());
  }

  /** Writes one encoded cell; returns the bytes written. */
  public static int write(byte[] buf, int off,
      byte[] row, int rowOff, int rowLen,
      byte[] fam, int famOff, int famLen,
      byte[] qual, int qualOff, int qualLen,
      long ts, CellType type,
      byte[] val, int valOff, int valLen) {
    int keyLen = KEY_INFRASTRUCTURE + rowLen + famLen + qualLen;
    int p = off;
    Bytes.putInt(buf, p, keyLen);
    Bytes.putInt(buf, p + 4, valLen);
    Bytes.putShort(buf, p + 8, (short) rowLen);
    p += 10;
    System.arraycopy(row, rowOff, buf, p, rowLen);
    p += rowLen;
    buf[p++] = (byte) famLen;
    System.arraycopy(fam, famOff, buf, p, famLen);
    p += famLen;
    System.arraycopy(qual, qualOff, buf, p, qualLen);
    p += qualLen;
    Bytes.putLong(buf, p, ts);
    p += 8;
    buf[p++] = type.code();
    System.arraycopy(val, valOff, buf, p, valLen);
    p += valLen;
    return p - off;
  }

  /** Length of the encoded cell that starts at {@code off}. */
  public static int encodedLengthAt(byte[] buf, int off) {
    return 8 + Bytes.getInt(buf, off) + Bytes.getInt(buf, off + 4);
  }

  /** A key that sorts before every cell of {@code row}. */
  public static KeyValue firstOnRow(byte[] row) {
    return create(row, Bytes.EMPTY, Bytes.EMPTY, LATEST_TIMESTAMP, CellType.MAXIMUM, Bytes.EMPTY);
  }

  /** A key that sorts after every cell of {@code row} (see {@link CellComparator}). */
  public static KeyValue lastOnRow(byte[] row) {
    return create(row, Bytes.EMPTY, Bytes.EMPTY, Long.MIN_VALUE, CellType.MINIMUM, Bytes.EMPTY);
  }

  /** A key that sorts before every version of the column. */
  public static KeyValue firstOnColumn(byte[] row, byte[] family, byte[] qualifier) {
    return create(row, family, qualifier, LATEST_TIMESTAMP, CellType.MAXIMUM, Bytes.EMPTY);
  }

  /** A key that sorts after every version of the column. */
  public static KeyValue lastOnColumn(byte[] row, byte[] family, byte[] qualifier) {
    return create(row, family, qualifier, Long.MIN_VALUE, CellType.MINIMUM, Bytes.EMPTY);
  }

  public byte[] getBuffer() {
    return bytes;
  }

  @Override
  public byte[] getEncodedArray() {
    return bytes;
  }

  @Override
  public int getEncodedOffset() {
    return offset;
  }

  public int getOffset() {
    return offset;
  }

  public int getLength() {
    return length;
  }

  public int getKeyLength() {
    return Bytes.getInt(bytes, offset);
  }

  @Override
  public byte[] getRowArray() {
    return bytes;
  }

  @Override
  public int getRowOffset() {
    return offset + 10;
  }

  @Override
  public short getRowLength() {
    return Bytes.getShort(bytes, offset + 8);
  }

  @Override
  public byte[] getFamilyArray() {
    return bytes;
  }

  @Override
  public int getFamilyOffset() {
    return offset + 10 + getRowLength() + 1;
  }

  @Override
  public byte getFamilyLength() {
    return bytes[offset + 10 + getRowLength()];
  }

  @Override
  public byte[] getQualifierArray() {
    return bytes;
  }

  @Override
  public int getQualifierOffset() {
    return getFamilyOffset() + getFamilyLength();
  }

  @Override
  public int getQualifierLength() {
    return getKeyLength() - KEY_INFRASTRUCTURE - getRowLength() - getFamilyLength();
  }

  @Override
  public long getTimestamp() {
    return Bytes.getLong(bytes, offset + 8 + getKeyLength() - 9);
  }

  @Override
  public CellType getType() {
    return CellType.fromCode(bytes[offset + 8 + getKeyLength() - 1]);
  }

  public byte getTypeByte() {
    return bytes[offset + 8 + getKeyLength() - 1];
  }

  @Override
  public long getSequenceId() {
    return sequenceId;
  }

  public void setSequenceId(long sequenceId) {
    this.sequenceId = sequenceId;
  }

  @Override
  public byte[] getValueArray() {
    return bytes;
  }

  @Override
  public int getValueOffset() {
    return offset + 8 + getKeyLength();
  }

  @Override
  public int getValueLength() {
    return Bytes.getInt(bytes, offset + 4);
  }

  @Override
  public int getSerializedSize() {
    return length;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Cell)) {
      return false;
    }
    Cell c = (Cell) o;
    return CellComparator.INSTANCE.compare(this, c) == 0 && Cells.matchingValue(this, c);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(java.util.Arrays.copyOfRange(bytes, offset, offset + length));
  }

  @Override
  public String toString() {
    return Cells.toString(this);
  }
}
