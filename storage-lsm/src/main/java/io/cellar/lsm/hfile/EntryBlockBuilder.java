package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import java.util.Arrays;

/**
 * Builds the payload of a data or index block: entries, then int[count] entry offsets, then int
 * count (so a reader binary-searches entries). Reused across blocks.
 * REQUIRES: entries are added in ascending key order.
 */
final class EntryBlockBuilder {
  private byte[] buf;
  private int size;
  private int[] offsets = new int[256];
  private int count;

  EntryBlockBuilder(int initialCapacity) {
    this.buf = new byte[Math.max(256, initialCapacity)];
  }

  /** Appends a data entry: the cell's KeyValue encoding and its sequence id. */
  void addCell(Cell cell) {
    int len = cell.getSerializedSize();
    beginEntry(len + VarLong.MAX_SIZE);
    if (cell instanceof KeyValue kv) {
      System.arraycopy(kv.getBuffer(), kv.getOffset(), buf, size, len);
    } else {
      KeyValue.writeCell(cell, buf, size);
    }
    size += len;
    size += VarLong.write(buf, size, cell.getSequenceId());
  }

  /** Appends prebuilt entry bytes (an index entry). */
  void addEntry(byte[] entry) {
    beginEntry(entry.length);
    System.arraycopy(entry, 0, buf, size, entry.length);
    size += entry.length;
  }

  private void beginEntry(int maxLen) {
    ensure(size + maxLen);
    if (count == offsets.length) {
      offsets = Arrays.copyOf(offsets, count * 2);
    }
    offsets[count++] = size;
  }

  private void ensure(int needed) {
    if (needed > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
    }
  }

  int count() {
    return count;
  }

  /** Bytes of entries so far (without the offset array). */
  int size() {
    return size;
  }

  /** Size the finished payload would have. */
  int finishedSize() {
    return size + 4 * count + 4;
  }

  /** The entries buffer; entry i starts at {@link #lastEntryOffset} for the last one. */
  byte[] buffer() {
    return buf;
  }

  int lastEntryOffset() {
    return offsets[count - 1];
  }

  int firstEntryOffset() {
    return offsets[0];
  }

  /** Appends the offset array and count; returns the payload length (in {@link #buffer()}). */
  int finish() {
    ensure(finishedSize());
    for (int i = 0; i < count; i++) {
      Bytes.putInt(buf, size + 4 * i, offsets[i]);
    }
    Bytes.putInt(buf, size + 4 * count, count);
    return size + 4 * count + 4;
  }

  void reset() {
    size = 0;
    count = 0;
  }

  /**
   * Copies the key of the data entry at off (KeyValue with its value dropped, then the varint
   * sequence id) followed by room for {@code extra} more bytes.
   */
  static byte[] keyOfEntry(byte[] src, int off, int extra) {
    int keyLen = Bytes.getInt(src, off);
    int kvLen = KeyValue.encodedLengthAt(src, off);
    int seqLen = VarLong.sizeAt(src, off + kvLen);
    byte[] out = new byte[8 + keyLen + seqLen + extra];
    Bytes.putInt(out, 0, keyLen);
    Bytes.putInt(out, 4, 0);
    System.arraycopy(src, off + 8, out, 8, keyLen);
    System.arraycopy(src, off + kvLen, out, 8 + keyLen, seqLen);
    return out;
  }
}
