package io.cellar.lsm.memstore;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.EncodedCell;
import io.cellar.lsm.hfile.RowBloom;
import io.cellar.lsm.read.InPlaceCellComparator;
import java.util.List;

/**
 * An immutable segment indexed by one sorted {@code long[]}: each entry packs a chunk id (high
 * 32 bits) and the cell's offset in that chunk (low 32 bits). 8 bytes per cell instead of the
 * skip list's ~56, which is what keeps the memstore near its raw data size. Cell objects are
 * made on demand when a scanner reaches them.
 */
final class FlatSegment extends Segment {
  private final long[] entries;
  private final int count;

  private final byte[][] chunks;
  private final long dataSize;
  private final long minTs;
  private final long maxTs;
  private final boolean hasDeletes;
  /**
   * Row blooms of the flattened segments this one is made of (a merge keeps its inputs'
   * filters instead of re-reading every row), so single-row reads skip the segment when the
   * row is absent; null when unknown (too many parts: checking them would cost a seek).
   */
  private final RowBloom[] rowBlooms;

  private FlatSegment(long[] entries, int count, byte[][] chunks, long dataSize, long minTs,
      long maxTs, boolean hasDeletes, RowBloom[] rowBlooms) {
    this.entries = entries;
    this.count = count;
    this.chunks = chunks;
    this.dataSize = dataSize;
    this.minTs = minTs;
    this.maxTs = maxTs;
    this.hasDeletes = hasDeletes;
    this.rowBlooms = rowBlooms;
  }

  /** At most this many row blooms per segment (one cache miss each per check). */
  private static final int MAX_ROW_BLOOMS = 8;

  /** A row bloom (1 % false positives) over the distinct rows of sorted chunk cells. */
  private static RowBloom rowBloomOf(long[] entries, int count, byte[][] chunks) {
    int[] rowStarts = new int[count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (i == 0 || !sameRow(entries[i - 1], entries[i], chunks)) {
        rowStarts[n++] = i;
      }
    }
    RowBloom bloom = RowBloom.create(n, 0.01);
    for (int r = 0; r < n; r++) {
      long e = entries[rowStarts[r]];
      byte[] chunk = chunks[(int) (e >>> 32)];
      int off = (int) e;
      bloom.add(chunk, off + 10, ChunkCell.rowLengthAt(chunk, off));
    }
    return bloom;
  }

  private static boolean sameRow(long a, long b, byte[][] chunks) {
    byte[] x = chunks[(int) (a >>> 32)];
    byte[] y = chunks[(int) (b >>> 32)];
    int xo = (int) a;
    int yo = (int) b;
    int len = ChunkCell.rowLengthAt(x, xo);
    return len == ChunkCell.rowLengthAt(y, yo)
        && InPlaceCellComparator.compareBytes(x, xo + 10, len, y, yo + 10, len) == 0;
  }

  private static RowBloom[] concat(RowBloom[] a, RowBloom[] b) {
    if (a == null || b == null || a.length + b.length > MAX_ROW_BLOOMS) {
      return null;
    }
    RowBloom[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** Flattens a frozen skip list. REQUIRES: {@code chunks} holds every chunk its cells use. */
  static FlatSegment flatten(SkipListSegment s, byte[][] chunks) {
    long[] entries = new long[s.cellCount()];
    int n = 0;
    for (ChunkCell c : s.frozenCells()) {
      if (n == entries.length) { // defensive: count is maintained beside the map
        entries = java.util.Arrays.copyOf(entries, n * 2 + 1);
      }
      entries[n++] = pack(c.chunkId, c.offset);
    }
    return new FlatSegment(entries, n, chunks, s.dataSize(), s.minTimestamp(), s.maxTimestamp(),
        s.hasDeletes(), new RowBloom[] {rowBloomOf(entries, n, chunks)});
  }

  /**
   * Merges flat segments, newest first, into one; an identical key and sequence id in two of
   * them keeps the newer one. REQUIRES: {@code chunks} covers all their chunks.
   */
  static FlatSegment merge(List<FlatSegment> newestFirst, byte[][] chunks) {
    FlatSegment acc = newestFirst.get(newestFirst.size() - 1);
    for (int i = newestFirst.size() - 2; i >= 0; i--) {
      acc = mergeTwo(newestFirst.get(i), acc, chunks);
    }
    return acc;
  }

  private static FlatSegment mergeTwo(FlatSegment newer, FlatSegment older, byte[][] chunks) {
    long[] out = new long[newer.count + older.count];
    int i = 0;
    int j = 0;
    int n = 0;
    long dropped = 0;
    while (i < newer.count && j < older.count) {
      int c = newer.compareEntries(i, older, j);
      if (c < 0) {
        out[n++] = newer.entries[i++];
      } else if (c > 0) {
        out[n++] = older.entries[j++];
      } else {
        dropped += older.cellAt(j).getSerializedSize() + 8;
        out[n++] = newer.entries[i++];
        j++;
      }
    }
    while (i < newer.count) {
      out[n++] = newer.entries[i++];
    }
    while (j < older.count) {
      out[n++] = older.entries[j++];
    }
    return new FlatSegment(out, n, chunks, newer.dataSize + older.dataSize - dropped,
        Math.min(newer.minTs, older.minTs), Math.max(newer.maxTs, older.maxTs),
        newer.hasDeletes || older.hasDeletes, concat(newer.rowBlooms, older.rowBlooms));
  }

  private static long pack(int chunkId, int offset) {
    return ((long) chunkId << 32) | (offset & 0xFFFFFFFFL);
  }

  /** Compares entry {@code i} here with entry {@code j} of {@code other}, without objects. */
  private int compareEntries(int i, FlatSegment other, int j) {
    long a = entries[i];
    long b = other.entries[j];
    return ChunkCell.compareEncoded(chunks[(int) (a >>> 32)], (int) a,
        other.chunks[(int) (b >>> 32)], (int) b);
  }

  ChunkCell cellAt(int i) {
    long e = entries[i];
    int id = (int) (e >>> 32);
    return new ChunkCell(chunks[id], id, (int) e);
  }

  /** Compares entry {@code i} with an encoded key in place (no cell object per probe). */
  private int compareEntry(int i, byte[] keyArray, int keyOffset, long keySeq) {
    long e = entries[i];
    byte[] chunk = chunks[(int) (e >>> 32)];
    int off = (int) e;
    int c = InPlaceCellComparator.compareKeys(chunk, off, keyArray, keyOffset);
    return c != 0 ? c : Long.compare(keySeq, ChunkCell.sequenceIdAt(chunk, off));
  }

  /** Index of the first cell >= key. */
  int ceilingIndex(Cell key) {
    int lo = 0;
    int hi = count;
    if (key instanceof EncodedCell) {
      EncodedCell k = (EncodedCell) key;
      byte[] keyArray = k.getEncodedArray();
      int keyOffset = k.getEncodedOffset();
      long keySeq = key.getSequenceId();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (compareEntry(mid, keyArray, keyOffset, keySeq) < 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ChunkCell.compare(cellAt(mid), key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  Cursor cursor() {
    return new Cursor() {
      private int pos = count;

      @Override
      public void seek(Cell key) {
        pos = key == null ? 0 : ceilingIndex(key);
      }

      @Override
      public Cell current() {
        return pos < count ? cellAt(pos) : null;
      }

      @Override
      public void advance() {
        if (pos < count) {
          pos++;
        }
      }

      @Override
      public Cell lastBefore(Cell key) {
        int i = key == null ? count - 1 : ceilingIndex(key) - 1;
        return i >= 0 ? cellAt(i) : null;
      }
    };
  }

  @Override
  int cellCount() {
    return count;
  }

  @Override
  long dataSize() {
    return dataSize;
  }

  @Override
  long indexHeapSize() {
    long blooms = 0;
    if (rowBlooms != null) {
      for (RowBloom b : rowBlooms) {
        blooms += b.heapBytes();
      }
    }
    return 64 + 8L * entries.length + blooms;
  }

  @Override
  long minTimestamp() {
    return minTs;
  }

  @Override
  long maxTimestamp() {
    return maxTs;
  }

  @Override
  boolean hasDeletes() {
    return hasDeletes;
  }

  @Override
  boolean mightContainRow(byte[] row) {
    if (rowBlooms == null) {
      return true;
    }
    long[] h = RowBloom.hash(row);
    for (RowBloom b : rowBlooms) {
      if (b.mightContain(h)) {
        return true;
      }
    }
    return false;
  }

  @Override
  Cell first() {
    return count == 0 ? null : cellAt(0);
  }

  @Override
  Cell last() {
    return count == 0 ? null : cellAt(count - 1);
  }
}
