package io.cellar.lsm.hfile;

/**
 * An in-memory ROW bloom filter (the HFile's cache-line-blocked filter and hash) for sources
 * other than files, e.g. immutable memstore segments: built once from their distinct rows, then
 * asked by single-row reads whether a row can be there. A row is hashed once
 * ({@link #hash}) and the hash checked against any number of filters. REQUIRES: all
 * {@link #add} calls happen before the filter is shared (publish it through a final field);
 * queries are thread-safe.
 */
public final class RowBloom {
  private final BloomFilter bloom;
  private final long[] scratch = new long[2]; // build-time only

  private RowBloom(BloomFilter bloom) {
    this.bloom = bloom;
  }

  /** An empty filter sized for {@code rows} rows at false-positive rate {@code fpRate}. */
  public static RowBloom create(long rows, double fpRate) {
    return new RowBloom(BloomFilter.create(rows, fpRate));
  }

  /** The hash of {@code row} that {@link #mightContain} takes, in a new 2-long array. */
  public static long[] hash(byte[] row) {
    long[] h = new long[2];
    BloomHash.hash(row, 0, row.length, h);
    return h;
  }

  /** Adds the row {@code b[off, off+len)}. Not thread-safe: build time only. */
  public void add(byte[] b, int off, int len) {
    BloomHash.hash(b, off, len, scratch);
    bloom.put(scratch[0], scratch[1]);
  }

  /** False only when the row with this {@link #hash} was never added. */
  public boolean mightContain(long[] rowHash) {
    return bloom.mightContain(rowHash[0], rowHash[1]);
  }

  /** Heap taken by the bit array. */
  public long heapBytes() {
    return 16 + bloom.numBits() / 8;
  }
}
