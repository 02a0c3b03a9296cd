package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.lsm.cache.Cacheable;

/**
 * One decoded (checksum-verified, decompressed) block. Immutable: cells handed out are slices of
 * {@link #data()}, so the array is never written after construction.
 *
 * <p>Data and index blocks hold a sorted entry list: entries, then int[count] entry offsets, then
 * int count. A data entry is a KeyValue plus a varint sequence id; an index entry is a KeyValue
 * key (empty value) plus a varint sequence id, then long child offset and int child on-disk size.
 */
final class HFileBlock implements Cacheable {
  private final BlockType type;
  private final long offset;
  private final int onDiskSize;
  private final long prevOffset;
  private final byte[] data;
  private final int entryCount;
  private final int offsetsStart;

  /** REQUIRES: data is the whole uncompressed payload and is never written again. */
  HFileBlock(BlockType type, long offset, int onDiskSize, long prevOffset, byte[] data) {
    this.type = type;
    this.offset = offset;
    this.onDiskSize = onDiskSize;
    this.prevOffset = prevOffset;
    this.data = data;
    if (type.hasEntries()) {
      this.entryCount = Bytes.getInt(data, data.length - 4);
      this.offsetsStart = data.length - 4 - 4 * entryCount;
    } else {
      this.entryCount = 0;
      this.offsetsStart = data.length;
    }
  }

  BlockType type() {
    return type;
  }

  long offset() {
    return offset;
  }

  /** Header plus payload as stored in the file. */
  int onDiskSize() {
    return onDiskSize;
  }

  /** Offset of the previous data block, or -1 for the first. */
  long prevOffset() {
    return prevOffset;
  }

  byte[] data() {
    return data;
  }

  int entryCount() {
    return entryCount;
  }

  int entryOffset(int i) {
    return Bytes.getInt(data, offsetsStart + 4 * i);
  }

  /** Index of the first entry >= key, searching [from, count); count when there is none. */
  int search(Cell key, int from) {
    int lo = from;
    int hi = entryCount;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (EncodedCellComparator.compare(key, data, entryOffset(mid)) > 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The cell of data entry i, a slice of this block. */
  KeyValue cellAt(int i) {
    int off = entryOffset(i);
    int len = KeyValue.encodedLengthAt(data, off);
    return new KeyValue(data, off, len, VarLong.read(data, off + len));
  }

  /** Child block offset of index entry i. */
  long childOffset(int i) {
    return Bytes.getLong(data, childPointerAt(i));
  }

  /** Child block on-disk size of index entry i. */
  int childSize(int i) {
    return Bytes.getInt(data, childPointerAt(i) + 8);
  }

  private int childPointerAt(int i) {
    int off = entryOffset(i);
    int kvEnd = off + KeyValue.encodedLengthAt(data, off);
    return kvEnd + VarLong.sizeAt(data, kvEnd);
  }

  @Override
  public int heapSize() {
    return data.length + 64;
  }
}
