package io.cellar.lsm.read;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;

/**
 * Column selection and version counting within one row of one family: either every column or a
 * sorted list of wanted qualifiers (then it tells the scanner where the next wanted column
 * starts, so it seeks instead of iterating). Counts versions of the current column among the
 * cells that survived deletes, time range and filter.
 *
 * <p>REQUIRES: cells of one family in cell order; {@link #reset} at each row.
 */
final class ColumnTracker {
  private final byte[][] wanted; // sorted; null = every column
  private final int maxVersions;
  private final int minVersions;
  private int wantedIndex;
  private Cell column; // first cell seen of the current column
  private int count;
  private long lastTs;
  private boolean hasLastTs;

  ColumnTracker(byte[][] wanted, int maxVersions, int minVersions) {
    this.wanted = wanted;
    this.maxVersions = maxVersions;
    this.minVersions = minVersions;
  }

  /** True without explicit qualifiers. */
  boolean readsEveryColumn() {
    return wanted == null;
  }

  int getMaxVersions() {
    return maxVersions;
  }

  void reset() {
    wantedIndex = 0;
    column = null;
  }

  /**
   * INCLUDE when the cell's column is selected (starting a new count if the column changed);
   * SEEK_NEXT_COL when a later column is wanted; SEEK_NEXT_ROW when none is.
   */
  MatchCode checkColumn(Cell cell) {
    if (column != null && InPlaceCellComparator.INSTANCE.matchingQualifiers(column, cell)) {
      return MatchCode.INCLUDE;
    }
    if (wanted != null) {
      while (true) {
        if (wantedIndex == wanted.length) {
          return MatchCode.SEEK_NEXT_ROW;
        }
        byte[] w = wanted[wantedIndex];
        int c = Bytes.compare(cell.getQualifierArray(), cell.getQualifierOffset(),
            cell.getQualifierLength(), w, 0, w.length);
        if (c < 0) {
          return MatchCode.SEEK_NEXT_COL;
        }
        if (c == 0) {
          break;
        }
        wantedIndex++;
      }
    }
    column = cell;
    count = 0;
    hasLastTs = false;
    return MatchCode.INCLUDE;
  }

  /** True if the current column already had a cell at {@code ts} (an older copy): drop it. */
  boolean isDuplicate(long ts) {
    if (hasLastTs && lastTs == ts) {
      return true;
    }
    lastTs = ts;
    hasLastTs = true;
    return false;
  }

  /** Counts one more version: INCLUDE, or SEEK_NEXT_COL when over VERSIONS (or expired). */
  MatchCode checkVersions(boolean expired) {
    count++;
    if (count > maxVersions || (expired && count > minVersions)) {
      return MatchCode.SEEK_NEXT_COL;
    }
    return MatchCode.INCLUDE;
  }

  /**
   * Where the column after {@code cell}'s starts: the end of this column for a wildcard, the
   * next wanted column otherwise; null when no wanted column remains in the row.
   */
  Cell nextColumnKey(Cell cell) {
    if (wanted == null) {
      return KeyValue.lastOnColumn(Cells.cloneRow(cell), Cells.cloneFamily(cell),
          Cells.cloneQualifier(cell));
    }
    for (int i = wantedIndex; i < wanted.length; i++) {
      byte[] w = wanted[i];
      if (Bytes.compare(w, 0, w.length, cell.getQualifierArray(), cell.getQualifierOffset(),
          cell.getQualifierLength()) > 0) {
        return KeyValue.firstOnColumn(Cells.cloneRow(cell), Cells.cloneFamily(cell), w);
      }
    }
    return null;
  }
}
