package io.cellar.lsm.read;

import io.cellar.common.Bytes;
import io.cellar.common.cell.TimeRange;
import io.cellar.common.filter.Filter;
import java.util.Arrays;
import java.util.Collection;

/**
 * One read's parameters as the store scanner needs them: rows [start, stop) (for a reversed scan
 * start is the highest row, inclusive, and stop the lower bound, exclusive; empty = unbounded),
 * explicit qualifiers (null = all), time range, versions wanted, filter, MVCC read point, and
 * whether the store scanner runs the row-level filter calls itself (true when it is the only
 * store read; a region merging several families does them instead). Immutable; "with" methods
 * return copies.
 */
public final class ScanParams {
  private final byte[] startRow;
  private final byte[] stopRow;
  private final boolean reversed;
  private final byte[][] columns; // sorted, distinct; null = every column
  private final TimeRange timeRange;
  private final int maxVersions;
  private final Filter filter;
  private final long readPoint;
  private final boolean rowFilterInStore;

  private ScanParams(byte[] startRow, byte[] stopRow, boolean reversed, byte[][] columns,
      TimeRange timeRange, int maxVersions, Filter filter, long readPoint,
      boolean rowFilterInStore) {
    this.startRow = startRow;
    this.stopRow = stopRow;
    this.reversed = reversed;
    this.columns = columns;
    this.timeRange = timeRange;
    this.maxVersions = maxVersions;
    this.filter = filter;
    this.readPoint = readPoint;
    this.rowFilterInStore = rowFilterInStore;
  }

  /** Every row, every column, newest version only, no filter, reading everything committed. */
  public static ScanParams all() {
    return new ScanParams(Bytes.EMPTY, Bytes.EMPTY, false, null, TimeRange.ALL, 1, null,
        Long.MAX_VALUE, true);
  }

  /** One row, as a Get. */
  public static ScanParams row(byte[] row) {
    byte[] stop = Arrays.copyOf(row, row.length + 1); // the smallest row after it
    return all().withRows(row, stop);
  }

  public ScanParams withRows(byte[] start, byte[] stop) {
    return new ScanParams(start, stop, reversed, columns, timeRange, maxVersions, filter,
        readPoint, rowFilterInStore);
  }

  public ScanParams withReversed(boolean r) {
    return new ScanParams(startRow, stopRow, r, columns, timeRange, maxVersions, filter,
        readPoint, rowFilterInStore);
  }

  /** Explicit qualifiers; null or empty for all. */
  public ScanParams withColumns(Collection<byte[]> qualifiers) {
    byte[][] cols = null;
    if (qualifiers != null && !qualifiers.isEmpty()) {
      cols = qualifiers.stream().sorted(Bytes::compare).distinct().toArray(byte[][]::new);
      int n = 0;
      for (int i = 0; i < cols.length; i++) {
        if (n == 0 || !Arrays.equals(cols[n - 1], cols[i])) {
          cols[n++] = cols[i];
        }
      }
      cols = Arrays.copyOf(cols, n);
    }
    return new ScanParams(startRow, stopRow, reversed, cols, timeRange, maxVersions, filter,
        readPoint, rowFilterInStore);
  }

  public ScanParams withTimeRange(TimeRange tr) {
    return new ScanParams(startRow, stopRow, reversed, columns, tr, maxVersions, filter,
        readPoint, rowFilterInStore);
  }

  /** Versions to return per column (capped by the family's VERSIONS). */
  public ScanParams withMaxVersions(int v) {
    if (v < 1) {
      throw new IllegalArgumentException("max versions " + v);
    }
    return new ScanParams(startRow, stopRow, reversed, columns, timeRange, v, filter,
        readPoint, rowFilterInStore);
  }

  public ScanParams withFilter(Filter f) {
    return new ScanParams(startRow, stopRow, reversed, columns, timeRange, maxVersions, f,
        readPoint, rowFilterInStore);
  }

  public ScanParams withReadPoint(long rp) {
    return new ScanParams(startRow, stopRow, reversed, columns, timeRange, maxVersions, filter,
        rp, rowFilterInStore);
  }

  public ScanParams withRowFilterInStore(boolean inStore) {
    return new ScanParams(startRow, stopRow, reversed, columns, timeRange, maxVersions, filter,
        readPoint, inStore);
  }

  public byte[] getStartRow() {
    return startRow;
  }

  public byte[] getStopRow() {
    return stopRow;
  }

  public boolean isReversed() {
    return reversed;
  }

  /** Sorted distinct qualifiers, or null for all. Do not modify. */
  public byte[][] getColumns() {
    return columns;
  }

  public TimeRange getTimeRange() {
    return timeRange;
  }

  public int getMaxVersions() {
    return maxVersions;
  }

  public Filter getFilter() {
    return filter;
  }

  public long getReadPoint() {
    return readPoint;
  }

  public boolean isRowFilterInStore() {
    return rowFilterInStore;
  }

  /** Bounds for {@link KeyValueScanner#shouldUseScanner}. */
  public ReadBounds toReadBounds() {
    byte[] lo = reversed ? stopRow : startRow;
    byte[] hi = reversed ? startRow : stopRow;
    if (reversed && hi.length > 0) {
      hi = Arrays.copyOf(hi, hi.length + 1); // start is inclusive in a reversed scan
    }
    if (!reversed && isSingleRow()) {
      // Not ReadBounds.column: a ROWCOL bloom would miss a file holding only a family marker.
      return ReadBounds.row(startRow, timeRange);
    }
    return ReadBounds.rows(lo, hi, timeRange);
  }

  /** True when [start, stop) holds exactly the row {@code start}. */
  public boolean isSingleRow() {
    return stopRow.length == startRow.length + 1 && stopRow[startRow.length] == 0
        && Arrays.equals(stopRow, 0, startRow.length, startRow, 0, startRow.length);
  }
}
