package io.cellar.lsm.hfile;

/**
 * An in-memory ROW bloom filter (the HFile's cache-line-blocked filter and hash) for sources
 * other than files, e.g. immutable memstore segments: built once from their distinct rows, then
 * asked by single-row reads whether a row can be there. REQUIRES: all {@link #add} calls happen
 * before the filter is shared (publish it through a final field); queries are thread-safe.
 */
public final class RowBloom {
  private final BloomFilter bloom;
  private final long[] hash = new long[2]; // build-time scratch

  private RowBloom(BloomFilter bloom) {
    this.bloom = bloom;
  }

  /** An empty filter sized for {@code rows} rows at false-positive rate {@code fpRate}. */
  public static RowBloom create(long rows, double fpRate) {
    return new RowBloom(BloomFilter.create(rows, fpRate));
  }

  /** Adds the row {@code b[off, off+len)}. Not thread-safe: build time only. */
  public void add(byte[] b, int off, int len) {
    BloomHash.hash(b, off, len, hash);
    bloom.put(hash[0], hash[1]);
  }

  /** False only when the row was never added. */
  public boolean mightContain(byte[] row) {
    long[] h = new long[2];
    BloomHash.hash(row, 0, row.length, h);
    return bloom.mightContain(h[0], h[1]);
  }

  /** Heap taken by the bit array. */
  public long heapBytes() {
    return 16 + bloom.numBits() / 8;
  }
}
