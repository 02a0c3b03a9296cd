package io.cellar.lsm.read;

import io.cellar.common.Bytes;
import io.cellar.common.cell.TimeRange;

/**
 * What a read can touch, for skipping whole sources: a row range, or one row (a Get, which lets
 * ROW blooms answer), optionally one column (lets ROWCOL blooms answer), and a time range.
 */
public final class ReadBounds {
  private final byte[] startRow; // inclusive, empty = unbounded
  private final byte[] stopRow; // exclusive, empty = unbounded
  private final boolean singleRow;
  private final byte[] singleFamily; // non-null only with singleQualifier
  private final byte[] singleQualifier; // non-null when exactly one column is read
  private final TimeRange timeRange;

  private ReadBounds(byte[] startRow, byte[] stopRow, boolean singleRow, byte[] singleFamily,
      byte[] singleQualifier, TimeRange timeRange) {
    this.startRow = startRow;
    this.stopRow = stopRow;
    this.singleRow = singleRow;
    this.singleFamily = singleFamily;
    this.singleQualifier = singleQualifier;
    this.timeRange = timeRange;
  }

  /** A scan of [startRow, stopRow); empty arrays mean unbounded. */
  public static ReadBounds rows(byte[] startRow, byte[] stopRow, TimeRange timeRange) {
    return new ReadBounds(startRow, stopRow, false, null, null, timeRange);
  }

  /** A read of one row. */
  public static ReadBounds row(byte[] row, TimeRange timeRange) {
    return new ReadBounds(row, row, true, null, null, timeRange);
  }

  /** A read of one column of one row. */
  public static ReadBounds column(byte[] row, byte[] family, byte[] qualifier, TimeRange tr) {
    return new ReadBounds(row, row, true, family, qualifier, tr);
  }

  public static ReadBounds all() {
    return new ReadBounds(Bytes.EMPTY, Bytes.EMPTY, false, null, null, TimeRange.ALL);
  }

  public byte[] getStartRow() {
    return startRow;
  }

  /** Exclusive; for a single-row read, the row itself. */
  public byte[] getStopRow() {
    return stopRow;
  }

  public boolean isSingleRow() {
    return singleRow;
  }

  /** The one row read, when {@link #isSingleRow}. */
  public byte[] getRow() {
    return startRow;
  }

  public byte[] getSingleFamily() {
    return singleFamily;
  }

  /** The one qualifier read, or null when the read is not of a single column. */
  public byte[] getSingleQualifier() {
    return singleQualifier;
  }

  public TimeRange getTimeRange() {
    return timeRange;
  }

  /** True if a source holding rows [firstRow, lastRow] (inclusive) may hold rows read here. */
  public boolean overlapsRows(byte[] firstRow, byte[] lastRow) {
    if (singleRow) {
      return Bytes.compare(startRow, firstRow) >= 0 && Bytes.compare(startRow, lastRow) <= 0;
    }
    boolean startOk = stopRow.length == 0 || Bytes.compare(firstRow, stopRow) < 0;
    boolean endOk = startRow.length == 0 || Bytes.compare(lastRow, startRow) >= 0;
    return startOk && endOk;
  }
}
