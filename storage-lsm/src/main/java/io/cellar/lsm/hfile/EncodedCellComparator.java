package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.EncodedCell;
import io.cellar.common.cell.KeyValue;
import io.cellar.lsm.read.InPlaceCellComparator;
import java.util.Arrays;

/**
 * Compares a search key with a cell encoded in place (KeyValue bytes followed by a varint sequence
 * id), in {@link io.cellar.common.cell.CellComparator} order, without materializing the encoded
 * cell: block searches allocate nothing.
 */
final class EncodedCellComparator {
  private EncodedCellComparator() {}

  /** Sign of (key - entry at off), sequence ids included (larger sequence id sorts first). */
  static int compare(Cell key, byte[] buf, int off) {
    int c = compareWithoutSequenceId(key, buf, off);
    if (c != 0) {
      return c;
    }
    long entrySeq = VarLong.read(buf, off + KeyValue.encodedLengthAt(buf, off));
    return Long.compare(entrySeq, key.getSequenceId());
  }

  static int compareWithoutSequenceId(Cell key, byte[] buf, int off) {
    if (key instanceof EncodedCell) { // the usual seek key: compare both encodings in place
      EncodedCell k = (EncodedCell) key;
      return InPlaceCellComparator.compareKeys(k.getEncodedArray(), k.getEncodedOffset(), buf,
          off);
    }
    int keyLen = Bytes.getInt(buf, off);
    int rowLen = Bytes.getShort(buf, off + 8);
    int rowOff = off + 10;
    int c = Arrays.compareUnsigned(
        key.getRowArray(), key.getRowOffset(), key.getRowOffset() + key.getRowLength(),
        buf, rowOff, rowOff + rowLen);
    if (c != 0) {
      return c;
    }
    int famLen = buf[rowOff + rowLen];
    int famOff = rowOff + rowLen + 1;
    int qualOff = famOff + famLen;
    int qualLen = keyLen - KeyValue.KEY_INFRASTRUCTURE - rowLen - famLen;
    int tsOff = off + 8 + keyLen - 9;
    int typeCode = buf[tsOff + 8] & 0xFF;
    int kFam = key.getFamilyLength();
    int kQual = key.getQualifierLength();
    CellType kType = key.getType();
    // "Last on row" keys (empty column, MINIMUM type) sort after every cell of the row.
    boolean keyLast = kFam + kQual == 0 && kType == CellType.MINIMUM;
    boolean entryLast = famLen + qualLen == 0 && typeCode == 0;
    if (keyLast || entryLast) {
      return keyLast == entryLast ? 0 : (keyLast ? 1 : -1);
    }
    c = Arrays.compareUnsigned(
        key.getFamilyArray(), key.getFamilyOffset(), key.getFamilyOffset() + kFam,
        buf, famOff, famOff + famLen);
    if (c != 0) {
      return c;
    }
    c = Arrays.compareUnsigned(
        key.getQualifierArray(), key.getQualifierOffset(), key.getQualifierOffset() + kQual,
        buf, qualOff, qualOff + qualLen);
    if (c != 0) {
      return c;
    }
    c = Long.compare(Bytes.getLong(buf, tsOff), key.getTimestamp());
    if (c != 0) {
      return c;
    }
    return Integer.compare(typeCode, kType.code() & 0xFF);
  }

  /** True if the entry at off is in the given row. */
  static boolean matchesRow(byte[] buf, int off, byte[] row, int rowOffset, int rowLength) {
    int rowLen = Bytes.getShort(buf, off + 8);
    return Arrays.equals(buf, off + 10, off + 10 + rowLen, row, rowOffset, rowOffset + rowLength);
  }
}
