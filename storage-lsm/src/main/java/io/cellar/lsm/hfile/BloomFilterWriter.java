package io.cellar.lsm.hfile;

import io.cellar.common.cell.Cell;
import io.cellar.common.schema.BloomType;
import java.util.Arrays;

/**
 * Collects bloom keys while a file is written (ROW: each distinct row; ROWCOL: each distinct
 * row+family+qualifier) as buffered hash pairs, and sizes the filter from the real count at
 * close. REQUIRES: cells arrive in sorted order, so equal keys are adjacent.
 */
final class BloomFilterWriter {
  static final double TARGET_FP_RATE = 0.01;

  private final BloomType type;
  private long[] hashes = new long[2048];
  private int keys;
  private byte[] prevKey = new byte[64];
  private int prevLen = -1;
  private byte[] scratch = new byte[64];
  private final long[] pair = new long[2];

  /** REQUIRES: type != NONE. */
  BloomFilterWriter(BloomType type) {
    this.type = type;
  }

  void add(Cell c) {
    int len;
    if (type == BloomType.ROW) {
      len = c.getRowLength();
      if (Arrays.equals(prevKey, 0, Math.max(prevLen, 0), c.getRowArray(), c.getRowOffset(),
          c.getRowOffset() + len) && prevLen == len) {
        return;
      }
      ensureScratch(len);
      System.arraycopy(c.getRowArray(), c.getRowOffset(), scratch, 0, len);
    } else {
      int need = BloomHash.rowColLength(c.getRowLength(), c.getFamilyLength(),
          c.getQualifierLength());
      ensureScratch(need);
      len = BloomHash.writeRowCol(scratch, c.getRowArray(), c.getRowOffset(), c.getRowLength(),
          c.getFamilyArray(), c.getFamilyOffset(), c.getFamilyLength(),
          c.getQualifierArray(), c.getQualifierOffset(), c.getQualifierLength());
      if (len == prevLen && Arrays.equals(prevKey, 0, len, scratch, 0, len)) {
        return;
      }
    }
    BloomHash.hash(scratch, 0, len, pair);
    if (2 * keys + 2 > hashes.length) {
      hashes = Arrays.copyOf(hashes, hashes.length * 2);
    }
    hashes[2 * keys] = pair[0];
    hashes[2 * keys + 1] = pair[1];
    keys++;
    byte[] t = prevKey;
    prevKey = scratch;
    scratch = t;
    prevLen = len;
  }

  private void ensureScratch(int len) {
    if (scratch.length < len) {
      scratch = new byte[Math.max(len, scratch.length * 2)];
    }
  }

  int keyCount() {
    return keys;
  }

  BloomFilter build() {
    BloomFilter f = BloomFilter.create(keys, TARGET_FP_RATE);
    for (int i = 0; i < keys; i++) {
      f.put(hashes[2 * i], hashes[2 * i + 1]);
    }
    return f;
  }
}
