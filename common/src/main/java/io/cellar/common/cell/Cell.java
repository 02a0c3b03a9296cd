package io.cellar.common.cell;

/**
 * One versioned value: (row, family, qualifier, timestamp, type) plus a sequence id and a value.
 * Implementations may be slices of a larger buffer (a file block, a memstore chunk); callers read
 * the parts through array + offset + length and must copy what they keep past the buffer's life.
 */
public interface Cell {
  byte[] getRowArray();

  int getRowOffset();

  short getRowLength();

  byte[] getFamilyArray();

  int getFamilyOffset();

  byte getFamilyLength();

  byte[] getQualifierArray();

  int getQualifierOffset();

  int getQualifierLength();

  long getTimestamp();

  CellType getType();

  /** MVCC write number of the edit; 0 once no reader can need it (after a flush, say). */
  long getSequenceId();

  byte[] getValueArray();

  int getValueOffset();

  int getValueLength();

  /** Bytes this cell takes in the KeyValue encoding (without the sequence id). */
  default int getSerializedSize() {
    return KeyValue.FIXED_OVERHEAD
        + getRowLength() + getFamilyLength() + getQualifierLength() + getValueLength();
  }
}
