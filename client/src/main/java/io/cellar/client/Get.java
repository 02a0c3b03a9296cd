package io.cellar.client;

import io.cellar.common.Bytes;
import io.cellar.common.cell.TimeRange;
import io.cellar.common.filter.Filter;
import java.util.NavigableMap;
import java.util.NavigableSet;

/**
 * Reads one row, as HBase's Get: all families unless some are added, the newest version of
 * each column unless more are asked for, within a time range, through an optional filter.
 * With check-existence-only the server answers only whether the row has any matching cell.
 */
public final class Get implements Row {
  private final byte[] row;
  private final ColumnSelection columns = new ColumnSelection();
  private TimeRange timeRange = TimeRange.ALL;
  private int maxVersions = 1;
  private Filter filter;
  private boolean checkExistenceOnly;
  private boolean cacheBlocks = true;

  public Get(byte[] row) {
    this.row = RowKeys.checkRow(row).clone();
  }

  /** A copy of {@code other} (sharing its filter instance). */
  public Get(Get other) {
    this.row = other.row;
    this.columns.copyFrom(other.columns);
    this.timeRange = other.timeRange;
    this.maxVersions = other.maxVersions;
    this.filter = other.filter;
    this.checkExistenceOnly = other.checkExistenceOnly;
    this.cacheBlocks = other.cacheBlocks;
  }

  public Get addFamily(byte[] family) {
    columns.addFamily(family);
    return this;
  }

  public Get addColumn(byte[] family, byte[] qualifier) {
    columns.addColumn(family, qualifier);
    return this;
  }

  /** Versions with minStamp &lt;= ts &lt; maxStamp. */
  public Get setTimeRange(long minStamp, long maxStamp) {
    this.timeRange = TimeRange.between(minStamp, maxStamp);
    return this;
  }

  public Get setTimeRange(TimeRange range) {
    this.timeRange = range;
    return this;
  }

  /** Only the version at exactly this timestamp. */
  public Get setTimestamp(long timestamp) {
    this.timeRange = TimeRange.at(timestamp);
    return this;
  }

  public Get readVersions(int versions) {
    if (versions <= 0) {
      throw new IllegalArgumentException("Versions to read must be positive: " + versions);
    }
    this.maxVersions = versions;
    return this;
  }

  public Get readAllVersions() {
    this.maxVersions = Integer.MAX_VALUE;
    return this;
  }

  /** A server-side filter; null for none. */
  public Get setFilter(Filter filter) {
    this.filter = filter;
    return this;
  }

  public Get setCheckExistenceOnly(boolean checkExistenceOnly) {
    this.checkExistenceOnly = checkExistenceOnly;
    return this;
  }

  public Get setCacheBlocks(boolean cacheBlocks) {
    this.cacheBlocks = cacheBlocks;
    return this;
  }

  public byte[] getRow() {
    return row.clone();
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

  public boolean isCheckExistenceOnly() {
    return checkExistenceOnly;
  }

  public boolean getCacheBlocks() {
    return cacheBlocks;
  }

  @Override
  public String toString() {
    return "Get{row=" + Bytes.toStringBinary(row) + ", families=" + columns.numFamilies()
        + ", timeRange=" + timeRange + ", maxVersions=" + maxVersions + ", filter=" + filter
        + ", existenceOnly=" + checkExistenceOnly + "}";
  }
}
