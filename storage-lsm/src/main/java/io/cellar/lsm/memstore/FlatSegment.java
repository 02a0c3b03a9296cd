package io.cellar.lsm.memstore;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.EncodedCell;
import io.cellar.lsm.read.InPlaceCellComparator;
import java.util.List;

/**
 * An immutable segment indexed by one sorted {@code long[]}: each entry packs a chunk id (high
 * 32 bits) and the cell's offset in that chunk (low 32 bits). 8 bytes per cell instead of the
 * skip list's ~56, which is what keeps the memstore near its raw data size. Cell objects are
 * made on demand when a scanner reaches them.
 */
final class FlatSegment extends Segment {
  /** One sampled row prefix per this many entries. */
  private static final int SAMPLE_STRIDE = 64;

  private final long[] entries;
  private final int count;
  /**
   * Row prefix ({@link ChunkCell#rowPrefix}) of every {@value #SAMPLE_STRIDE}th entry: a small,
   * cache-resident array that narrows a search before it touches entries and chunks (each probe
   * there is a cache miss or two in a large memstore). 1/8 byte per cell.
   */
  private final long[] samples;
  private final byte[][] chunks;
  private final long dataSize;
  private final long minTs;
  private final long maxTs;
  private final boolean hasDeletes;

  private FlatSegment(long[] entries, int count, byte[][] chunks, long dataSize, long minTs,
      long maxTs, boolean hasDeletes) {
    this.entries = entries;
    this.count = count;
    this.chunks = chunks;
    this.dataSize = dataSize;
    this.minTs = minTs;
    this.maxTs = maxTs;
    this.hasDeletes = hasDeletes;
    this.samples = new long[(count + SAMPLE_STRIDE - 1) / SAMPLE_STRIDE];
    for (int j = 0; j < samples.length; j++) {
      long e = entries[j * SAMPLE_STRIDE];
      byte[] chunk = chunks[(int) (e >>> 32)];
      int off = (int) e;
      samples[j] = ChunkCell.rowPrefix(chunk, off + 10, ChunkCell.rowLengthAt(chunk, off));
    }
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
        s.hasDeletes());
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
        newer.hasDeletes || older.hasDeletes);
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

  /** First sample index whose prefix is >= (strictly > when {@code after}) {@code prefix}. */
  private int firstSampleAtLeast(long prefix, boolean after) {
    int lo = 0;
    int hi = samples.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      int c = Long.compareUnsigned(samples[mid], prefix);
      if (c < 0 || (after && c == 0)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
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
      // Prefixes order rows: a sample with a smaller prefix is before the key, a larger one
      // after it; only the entries between the two need a full comparison.
      long prefix = ChunkCell.rowPrefix(keyArray, keyOffset + 10,
          ChunkCell.rowLengthAt(keyArray, keyOffset));
      int below = firstSampleAtLeast(prefix, false); // samples [0, below) are < prefix
      int notAbove = firstSampleAtLeast(prefix, true); // samples [notAbove, ..) are > prefix
      lo = below == 0 ? 0 : (below - 1) * SAMPLE_STRIDE + 1;
      hi = (int) Math.min(count, (long) notAbove * SAMPLE_STRIDE);
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
    return 64 + 8L * entries.length + 8L * samples.length;
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
  Cell first() {
    return count == 0 ? null : cellAt(0);
  }

  @Override
  Cell last() {
    return count == 0 ? null : cellAt(count - 1);
  }
}
