package io.cellar.tools.pe;

/**
 * A log-linear histogram of latencies in nanoseconds: exact below 64 ns, then 64 linear
 * sub-buckets per power of two, so every recorded value is kept within 1/64 (about 1.6%) of its
 * true value, from 1 ns to 2^62 ns, in a fixed 30 KiB. Percentiles report the upper edge of
 * the bucket that holds them (never under-reporting).
 *
 * <p>Not thread-safe: each client thread records into its own and {@link #add}s them at the end.
 */
public final class LatencyHistogram {
  private static final int SUB_BITS = 6;
  private static final int SUB_BUCKETS = 1 << SUB_BITS; // 64
  private static final int BUCKETS = (63 - SUB_BITS + 1) * SUB_BUCKETS;

  private final long[] counts = new long[BUCKETS];
  private long total;
  private long sum;
  private long max;
  private long min = Long.MAX_VALUE;

  /** Records one latency; negative values count as 0. */
  public void record(long nanos) {
    long v = Math.max(0, nanos);
    counts[indexOf(v)]++;
    total++;
    sum += v;
    max = Math.max(max, v);
    min = Math.min(min, v);
  }

  static int indexOf(long v) {
    if (v < SUB_BUCKETS) {
      return (int) v;
    }
    int exp = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS
    int sub = (int) (v >>> (exp - SUB_BITS)) & (SUB_BUCKETS - 1);
    return (exp - SUB_BITS + 1) * SUB_BUCKETS + sub;
  }

  /** The largest value that falls into bucket {@code index}. */
  static long upperEdge(int index) {
    if (index < SUB_BUCKETS) {
      return index;
    }
    int exp = index / SUB_BUCKETS + SUB_BITS - 1;
    long sub = index % SUB_BUCKETS;
    long lower = (SUB_BUCKETS + sub) << (exp - SUB_BITS);
    return lower + (1L << (exp - SUB_BITS)) - 1;
  }

  /** Adds every count of {@code other} to this one. */
  public void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
    sum += other.sum;
    max = Math.max(max, other.max);
    min = Math.min(min, other.min);
  }

  public long count() {
    return total;
  }

  /** Mean in nanoseconds (exact), 0 when empty. */
  public double mean() {
    return total == 0 ? 0 : (double) sum / total;
  }

  public long max() {
    return max;
  }

  public long min() {
    return total == 0 ? 0 : min;
  }

  /**
   * The smallest bucket edge at or below which {@code percentile}% of the values lie (capped by
   * the exact maximum), in nanoseconds; 0 when empty. REQUIRES: 0 < percentile <= 100.
   */
  public long percentile(double percentile) {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + percentile);
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(percentile / 100.0 * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(upperEdge(i), max);
      }
    }
    return max;
  }
}
