package io.cellar.common.cell;

/** Timestamps in [min, max): min inclusive, max exclusive, as HBase's TimeRange. */
public final class TimeRange {
  public static final TimeRange ALL = new TimeRange(0L, Long.MAX_VALUE);

  private final long min;
  private final long max;

  private TimeRange(long min, long max) {
    this.min = min;
    this.max = max;
  }

  public static TimeRange between(long minInclusive, long maxExclusive) {
    if (minInclusive < 0 || maxExclusive < minInclusive) {
      throw new IllegalArgumentException(
          "Bad time range [" + minInclusive + ", " + maxExclusive + ")");
    }
    return minInclusive == 0 && maxExclusive == Long.MAX_VALUE
        ? ALL : new TimeRange(minInclusive, maxExclusive);
  }

  /** Exactly one timestamp. */
  public static TimeRange at(long ts) {
    return between(ts, ts == Long.MAX_VALUE ? ts : ts + 1);
  }

  public long getMin() {
    return min;
  }

  public long getMax() {
    return max;
  }

  public boolean isAllTime() {
    return min == 0 && max == Long.MAX_VALUE;
  }

  public boolean contains(long ts) {
    return ts >= min && (ts < max || (max == Long.MAX_VALUE && ts == Long.MAX_VALUE));
  }

  /** True if some ts in [otherMin, otherMax] (both inclusive) falls in this range. */
  public boolean overlaps(long otherMinInclusive, long otherMaxInclusive) {
    return otherMaxInclusive >= min && (otherMinInclusive < max || max == Long.MAX_VALUE);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeRange && ((TimeRange) o).min == min && ((TimeRange) o).max == max;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(min) * 31 + Long.hashCode(max);
  }

  @Override
  public String toString() {
    return "[" + min + ", " + max + ")";
  }
}
