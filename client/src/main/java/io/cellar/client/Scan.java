package io.cellar.client;

import io.cellar.client.filter.FilterBase;
import io.cellar.common.Bytes;
import io.cellar.common.cell.TimeRange;
import io.cellar.common.filter.Filter;
import java.util.NavigableMap;
import java.util.NavigableSet;

/**
 * Reads a range of rows, as HBase's Scan. Start row inclusive and stop row exclusive by
 * default; an empty start or stop row is open. A reversed scan walks rows from the start row
 * downwards (so its start row is the larger key). Caching is rows per RPC, batch is cells per
 * Result (a row may then come back in several partial Results), limit is rows in total
 * (0: none), max result size is bytes per RPC. Setting reversed also tells a
 * {@link FilterBase} filter, whose hints depend on the direction.
 */
public final class Scan {
  public static final long DEFAULT_MAX_RESULT_SIZE = 2L * 1024 * 1024;

  private byte[] startRow = Bytes.EMPTY;
  private boolean includeStartRow = true;
  private byte[] stopRow = Bytes.EMPTY;
  private boolean includeStopRow;
  private final ColumnSelection columns = new ColumnSelection();
  private TimeRange timeRange = TimeRange.ALL;
  private int maxVersions = 1;
  private Filter filter;
  private boolean reversed;
  private int caching = -1;
  private int batch = -1;
  private int limit;
  private long maxResultSize = DEFAULT_MAX_RESULT_SIZE;
  private boolean cacheBlocks = true;

  public Scan() {}

  /** A copy of {@code other} (sharing its filter instance). */
  public Scan(Scan other) {
    startRow = other.startRow;
    includeStartRow = other.includeStartRow;
    stopRow = other.stopRow;
    includeStopRow = other.includeStopRow;
    columns.copyFrom(other.columns);
    timeRange = other.timeRange;
    maxVersions = other.maxVersions;
    filter = other.filter;
    reversed = other.reversed;
    caching = other.caching;
    batch = other.batch;
    limit = other.limit;
    maxResultSize = other.maxResultSize;
    cacheBlocks = other.cacheBlocks;
  }

  public Scan withStartRow(byte[] row) {
    return withStartRow(row, true);
  }

  public Scan withStartRow(byte[] row, boolean inclusive) {
    this.startRow = RowKeys.checkRowLength(row).clone();
    this.includeStartRow = inclusive;
    return this;
  }

  public Scan withStopRow(byte[] row) {
    return withStopRow(row, false);
  }

  public Scan withStopRow(byte[] row, boolean inclusive) {
    this.stopRow = RowKeys.checkRowLength(row).clone();
    this.includeStopRow = inclusive;
    return this;
  }

  /**
   * Rows starting with {@code prefix}: start row = prefix (inclusive), stop row = the prefix's
   * successor (exclusive). For a forward scan; an empty prefix means every row.
   */
  public Scan setRowPrefixFilter(byte[] prefix) {
    if (prefix == null || prefix.length == 0) {
      return withStartRow(Bytes.EMPTY).withStopRow(Bytes.EMPTY);
    }
    return withStartRow(prefix, true).withStopRow(Bytes.prefixSuccessor(prefix), false);
  }

  public Scan addFamily(byte[] family) {
    columns.addFamily(family);
    return this;
  }

  public Scan addColumn(byte[] family, byte[] qualifier) {
    columns.addColumn(family, qualifier);
    return this;
  }

  public Scan setTimeRange(long minStamp, long maxStamp) {
    this.timeRange = TimeRange.between(minStamp, maxStamp);
    return this;
  }

  public Scan setTimeRange(TimeRange range) {
    this.timeRange = range;
    return this;
  }

  public Scan setTimestamp(long timestamp) {
    this.timeRange = TimeRange.at(timestamp);
    return this;
  }

  public Scan readVersions(int versions) {
    if (versions <= 0) {
      throw new IllegalArgumentException("Versions to read must be positive: " + versions);
    }
    this.maxVersions = versions;
    return this;
  }

  public Scan readAllVersions() {
    this.maxVersions = Integer.MAX_VALUE;
    return this;
  }

  /** A server-side filter; null for none. */
  public Scan setFilter(Filter filter) {
    this.filter = filter;
    tellFilterDirection();
    return this;
  }

  public Scan setReversed(boolean reversed) {
    this.reversed = reversed;
    tellFilterDirection();
    return this;
  }

  /** Rows per RPC; -1 leaves it to the server's default. */
  public Scan setCaching(int caching) {
    this.caching = caching;
    return this;
  }

  /** At most this many cells per Result; -1 for whole rows. */
  public Scan setBatch(int batch) {
    if (batch == 0 || batch < -1) {
      throw new IllegalArgumentException("Batch must be positive or -1: " + batch);
    }
    this.batch = batch;
    return this;
  }

  /** At most this many rows in total; 0 for no limit. */
  public Scan setLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("Limit cannot be negative: " + limit);
    }
    this.limit = limit;
    return this;
  }

  public Scan setMaxResultSize(long maxResultSize) {
    if (maxResultSize <= 0) {
      throw new IllegalArgumentException("Max result size must be positive: " + maxResultSize);
    }
    this.maxResultSize = maxResultSize;
    return this;
  }

  public Scan setCacheBlocks(boolean cacheBlocks) {
    this.cacheBlocks = cacheBlocks;
    return this;
  }

  private void tellFilterDirection() {
    if (filter instanceof FilterBase) {
      ((FilterBase) filter).setReversed(reversed);
    }
  }

  public byte[] getStartRow() {
    return startRow.clone();
  }

  public boolean includeStartRow() {
    return includeStartRow;
  }

  public byte[] getStopRow() {
    return stopRow.clone();
  }

  public boolean includeStopRow() {
    return includeStopRow;
  }

  /** Family → qualifiers; an empty set means the whole family; empty map: all families. */
  public NavigableMap<byte[], NavigableSet<byte[]>> getFamilyMap() {
    return columns.asMap();
  }

  public boolean hasFamilies() {
    return !columns.isEmpty();
  }

  public int numFamilies() {
    return columns.numFamilies();
  }

  public TimeRange getTimeRange() {
    return timeRange;
  }

  public int getMaxVersions() {
    return maxVersions;
  }

  /** The filter, or null when there is none. */
  public Filter getFilter() {
    return filter;
  }

  public boolean isReversed() {
    return reversed;
  }

  public int getCaching() {
    return caching;
  }

  public int getBatch() {
    return batch;
  }

  public int getLimit() {
    return limit;
  }

  public long getMaxResultSize() {
    return maxResultSize;
  }

  public boolean getCacheBlocks() {
    return cacheBlocks;
  }

  @Override
  public String toString() {
    return "Scan{start=" + Bytes.toStringBinary(startRow) + (includeStartRow ? "[" : "(")
        + ", stop=" + Bytes.toStringBinary(stopRow) + (includeStopRow ? "]" : ")")
        + ", families=" + columns.numFamilies() + ", timeRange=" + timeRange
        + ", maxVersions=" + maxVersions + ", filter=" + filter + ", reversed=" + reversed
        + ", caching=" + caching + ", batch=" + batch + ", limit=" + limit + "}";
  }
}
