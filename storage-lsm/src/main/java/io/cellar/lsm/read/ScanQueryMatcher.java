package io.cellar.lsm.read;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.TimeRange;
import io.cellar.common.filter.Filter;

/**
 * The read rules, in one place, judged cell by cell within a row (HBase's order): TTL, delete
 * markers (tracked, never returned to users), masking by markers, time range, column selection,
 * duplicate timestamps, the filter's {@code filterCell}, then version counting.
 *
 * <p>User scans: markers apply when newer than the range's start (with KEEP_DELETED_CELLS only
 * when inside the range, so a read ending at or before a delete still sees what it deleted).
 * Expired cells are hidden, except the newest MIN_VERSIONS of a column.
 *
 * <p>Compaction: major drops markers, masked cells, expired cells (past MIN_VERSIONS) and
 * versions past VERSIONS; with KEEP_DELETED_CELLS it keeps markers and masked cells. Minor keeps
 * markers (they may mask cells in files not compacted) and drops what they mask here, expired
 * cells and excess versions.
 *
 * <p>REQUIRES: cells of one family in cell order; {@link #startRow} before each row.
 */
public final class ScanQueryMatcher {
  /** Which rules apply. */
  public enum Mode { USER_SCAN, MINOR_COMPACTION, MAJOR_COMPACTION }

  private final Mode mode;
  private final long trMin;
  private final long trMax;
  private final boolean allTime;
  private final TimeRange timeRange;
  private final Filter filter;
  private final boolean keepDeleted;
  private final long oldestUnexpired;
  private final int minVersions;
  private final long smallestReadPoint; // compaction: writes above it may still be unseen
  private final DeleteTracker deletes = new DeleteTracker();
  private final ColumnTracker columns;

  private ScanQueryMatcher(Mode mode, TimeRange tr, Filter filter, boolean keepDeleted,
      long oldestUnexpired, int minVersions, byte[][] wanted, int maxVersions,
      long smallestReadPoint) {
    this.mode = mode;
    this.timeRange = tr;
    this.trMin = tr.getMin();
    this.trMax = tr.getMax();
    this.allTime = tr.isAllTime();
    this.filter = filter;
    this.keepDeleted = keepDeleted;
    this.oldestUnexpired = oldestUnexpired;
    this.minVersions = minVersions;
    this.smallestReadPoint = smallestReadPoint;
    this.columns = new ColumnTracker(wanted, maxVersions, minVersions);
  }

  /** Rules for a Get/Scan at time {@code now} (ms). */
  public static ScanQueryMatcher forUserScan(FamilySettings family, ScanParams scan, long now) {
    return new ScanQueryMatcher(Mode.USER_SCAN, scan.getTimeRange(), scan.getFilter(),
        family.isKeepDeletedCells(), family.oldestUnexpiredTimestamp(now),
        family.getMinVersions(), scan.getColumns(),
        Math.min(scan.getMaxVersions(), family.getMaxVersions()), Long.MAX_VALUE);
  }

  /**
   * Rules for a compaction at time {@code now} (ms). Cells written above
   * {@code smallestReadPoint} (the oldest read point of an open reader) are kept as they are:
   * such a marker masks nothing here and such a put is not counted as a version, since some
   * reader may not see the newer writes that would make them redundant.
   */
  public static ScanQueryMatcher forCompaction(FamilySettings family, boolean major, long now,
      long smallestReadPoint) {
    return new ScanQueryMatcher(major ? Mode.MAJOR_COMPACTION : Mode.MINOR_COMPACTION,
        TimeRange.ALL, null, family.isKeepDeletedCells(), family.oldestUnexpiredTimestamp(now),
        family.getMinVersions(), null, family.getMaxVersions(), smallestReadPoint);
  }

  public Mode getMode() {
    return mode;
  }

  public TimeRange getTimeRange() {
    return timeRange;
  }

  /** Forgets the previous row's markers and columns. */
  public void startRow() {
    deletes.reset();
    columns.reset();
  }

  /** Judges {@code cell}, the next cell of the current row. */
  public MatchCode match(Cell cell) {
    if (mode != Mode.USER_SCAN) {
      return matchForCompaction(cell);
    }
    if (filter != null && filter.filterAllRemaining()) {
      return MatchCode.DONE_SCAN;
    }
    long ts = cell.getTimestamp();
    boolean expired = ts < oldestUnexpired;
    if (expired && minVersions == 0) {
      return MatchCode.SEEK_NEXT_COL; // older versions of the column are expired too
    }
    CellType type = cell.getType();
    if (type != CellType.PUT) {
      if (keepDeleted ? timeRange.contains(ts) : ts >= trMin) {
        deletes.add(cell, type, ts);
      }
      return MatchCode.SKIP;
    }
    switch (deletes.check(cell, ts)) {
      case FAMILY_DELETED:
      case COLUMN_DELETED:
        return MatchCode.SEEK_NEXT_COL;
      case VERSION_DELETED:
      case FAMILY_VERSION_DELETED:
        return MatchCode.SKIP;
      default:
        break;
    }
    if (!allTime) {
      if (ts >= trMax && !(trMax == Long.MAX_VALUE && ts == Long.MAX_VALUE)) {
        return MatchCode.SKIP;
      }
      if (ts < trMin) {
        return MatchCode.SEEK_NEXT_COL;
      }
    }
    MatchCode col = columns.checkColumn(cell);
    if (col != MatchCode.INCLUDE) {
      return col;
    }
    if (columns.isDuplicate(ts)) {
      return MatchCode.SKIP;
    }
    MatchCode include = MatchCode.INCLUDE;
    if (filter != null) {
      switch (filter.filterCell(cell)) {
        case INCLUDE:
          break;
        case INCLUDE_AND_NEXT_COL:
          include = MatchCode.INCLUDE_AND_SEEK_NEXT_COL;
          break;
        case INCLUDE_AND_SEEK_NEXT_ROW:
          include = MatchCode.INCLUDE_AND_SEEK_NEXT_ROW;
          break;
        case SKIP:
          return MatchCode.SKIP;
        case NEXT_COL:
          return MatchCode.SEEK_NEXT_COL;
        case NEXT_ROW:
          return MatchCode.SEEK_NEXT_ROW;
        case SEEK_NEXT_USING_HINT:
          return MatchCode.SEEK_NEXT_USING_HINT;
        default:
          throw new IllegalStateException("unknown filter return code");
      }
    }
    if (columns.checkVersions(expired) != MatchCode.INCLUDE) {
      return include == MatchCode.INCLUDE_AND_SEEK_NEXT_ROW
          ? MatchCode.SEEK_NEXT_ROW : MatchCode.SEEK_NEXT_COL;
    }
    return include;
  }

  private MatchCode matchForCompaction(Cell cell) {
    long ts = cell.getTimestamp();
    boolean expired = ts < oldestUnexpired;
    if (expired && minVersions == 0) {
      return MatchCode.SEEK_NEXT_COL;
    }
    CellType type = cell.getType();
    boolean unseen = cell.getSequenceId() > smallestReadPoint;
    if (type != CellType.PUT) {
      if (keepDeleted || unseen) {
        return MatchCode.INCLUDE;
      }
      deletes.add(cell, type, ts);
      return mode == Mode.MAJOR_COMPACTION ? MatchCode.SKIP : MatchCode.INCLUDE;
    }
    if (!keepDeleted) {
      switch (deletes.check(cell, ts)) {
        case FAMILY_DELETED:
        case COLUMN_DELETED:
          return MatchCode.SEEK_NEXT_COL;
        case VERSION_DELETED:
        case FAMILY_VERSION_DELETED:
          return MatchCode.SKIP;
        default:
          break;
      }
    }
    if (unseen) {
      return MatchCode.INCLUDE;
    }
    columns.checkColumn(cell);
    if (columns.isDuplicate(ts)) {
      return MatchCode.SKIP;
    }
    return columns.checkVersions(expired);
  }

  /**
   * True for the most common user read: newest version of every column, no filter, no time
   * range, no TTL. Until a row shows a delete marker, its visible cells are then exactly the
   * first cell of each column, so a scanner may take them without {@link #match} (see
   * {@code StoreScanner}) and hand the row over to {@link #match} at the first marker, which
   * always starts a column (markers sort before the puts they mask, and once a column's newest
   * put is taken the rest of the column is skipped whatever it holds).
   */
  public boolean readsNewestOfEveryColumn() {
    return mode == Mode.USER_SCAN && filter == null && allTime && columns.readsEveryColumn()
        && columns.getMaxVersions() == 1 && oldestUnexpired == Long.MIN_VALUE;
  }

  /**
   * True when every column is read (no explicit qualifiers): the column after a cell's is then
   * simply the next one in the row, and {@link #getKeyForNextColumn} is the end of the cell's.
   */
  public boolean readsEveryColumn() {
    return columns.readsEveryColumn();
  }

  /** Seek key for SEEK_NEXT_COL after {@code cell}; null means go to the next row. */
  public Cell getKeyForNextColumn(Cell cell) {
    return columns.nextColumnKey(cell);
  }

  /** The filter's seek hint after SEEK_NEXT_USING_HINT, or null. */
  public Cell getNextCellHint(Cell cell) {
    return filter == null ? null : filter.getNextCellHint(cell);
  }

  /** The cell to return for an included one (the filter may rewrite it). */
  public Cell transform(Cell cell) {
    return filter == null ? cell : filter.transformCell(cell);
  }
}
