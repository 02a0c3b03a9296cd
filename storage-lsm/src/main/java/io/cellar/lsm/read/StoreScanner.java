package io.cellar.lsm.read;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.filter.Filter;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads one store (one family of one region) through its sources — memstore segments and store
 * files — returning the visible cells one row at a time, forward or reversed, by the rules of
 * {@link ScanQueryMatcher}. Sources that cannot hold anything in the read's bounds are dropped
 * up front ({@link KeyValueScanner#shouldUseScanner}). Also runs compactions (all cells that a
 * compaction keeps, in order).
 *
 * <p>REQUIRES: one thread at a time; every source holds cells of this family only. Closing
 * closes the sources.
 */
public final class StoreScanner implements Closeable {
  /** next() calls tried before a seek: cheaper when the target is a few cells away. */
  private static final int NEXTS_BEFORE_SEEK = 8;
  /** The cell order, read in place; named for its most frequent use here, row checks. */
  private static final InPlaceCellComparator ROWS = InPlaceCellComparator.INSTANCE;

  private final KeyValueHeap heap;
  private final ReversedKeyValueHeap reversedHeap; // same object as heap when reversed
  private final ScanQueryMatcher matcher;
  private final byte[] startRow;
  private final byte[] stopRow;
  private final Filter rowFilter; // row-level filter calls done here, or null
  private final boolean newestOfEveryColumn; // see ScanQueryMatcher#readsNewestOfEveryColumn
  private boolean done;
  private Cell openRow; // first cell of a row returned in part (batch limit), else null
  // scratch lists of collectFromRowSources
  private final List<KeyValueScanner> rowSources = new ArrayList<>(4);
  private final List<KeyValueScanner> liveRowSources = new ArrayList<>(4);
  private boolean rowDone; // collectFromRowSources read the whole row
  private Cell rowTaken; // collectFromRowSources: the cell taken from the current column
  private int olderStepped; // collectFromRowSources: cells stepped over since rowTaken

  private StoreScanner(List<? extends KeyValueScanner> sources, ScanQueryMatcher matcher,
      byte[] startRow, byte[] stopRow, boolean reversed, Filter rowFilter) throws IOException {
    this.matcher = matcher;
    this.startRow = startRow;
    this.stopRow = stopRow;
    this.rowFilter = rowFilter;
    this.newestOfEveryColumn = matcher.readsNewestOfEveryColumn();
    if (reversed) {
      reversedHeap = new ReversedKeyValueHeap(sources);
      heap = reversedHeap;
    } else {
      reversedHeap = null;
      heap = new KeyValueHeap(sources);
    }
    position(startRow);
  }

  /** A user read of one store. */
  public static StoreScanner forRead(FamilySettings family, ScanParams scan,
      List<? extends KeyValueScanner> sources) throws IOException {
    ReadBounds bounds = scan.toReadBounds();
    List<KeyValueScanner> used = new ArrayList<>(sources.size());
    for (KeyValueScanner s : sources) {
      if (s.shouldUseScanner(bounds)) {
        used.add(s);
      } else {
        s.close();
      }
    }
    ScanQueryMatcher m = ScanQueryMatcher.forUserScan(family, scan, family.now());
    Filter rowFilter = scan.isRowFilterInStore() ? scan.getFilter() : null;
    return new StoreScanner(used, m, scan.getStartRow(), scan.getStopRow(), scan.isReversed(),
        rowFilter);
  }

  /**
   * A user read of one store whose {@code sources} were already chosen by
   * {@code scan.toReadBounds()} (the store checked each against them before making it), so
   * they are not asked again. Sources may be unpositioned; the scanner seeks every one.
   */
  public static StoreScanner forCheckedRead(FamilySettings family, ScanParams scan,
      List<? extends KeyValueScanner> sources) throws IOException {
    ScanQueryMatcher m = ScanQueryMatcher.forUserScan(family, scan, family.now());
    Filter rowFilter = scan.isRowFilterInStore() ? scan.getFilter() : null;
    return new StoreScanner(sources, m, scan.getStartRow(), scan.getStopRow(), scan.isReversed(),
        rowFilter);
  }

  /**
   * A compaction of {@code sources}: the cells it keeps, by the major or minor rules, when no
   * reader is older than the newest write.
   */
  public static StoreScanner forCompaction(FamilySettings family,
      List<? extends KeyValueScanner> sources, boolean major) throws IOException {
    return forCompaction(family, sources, major, Long.MAX_VALUE);
  }

  /**
   * A compaction that leaves untouched the cells written above {@code smallestReadPoint}, the
   * oldest read point of a reader still open (see {@link ScanQueryMatcher#forCompaction}).
   */
  public static StoreScanner forCompaction(FamilySettings family,
      List<? extends KeyValueScanner> sources, boolean major, long smallestReadPoint)
      throws IOException {
    ScanQueryMatcher m =
        ScanQueryMatcher.forCompaction(family, major, family.now(), smallestReadPoint);
    return new StoreScanner(sources, m, Bytes.EMPTY, Bytes.EMPTY, false, null);
  }

  private void position(byte[] row) throws IOException {
    if (reversedHeap != null) {
      if (row.length == 0) {
        reversedHeap.seekToLastRow();
      } else {
        reversedHeap.backwardSeekAll(KeyValue.firstOnRow(row));
      }
    } else {
      heap.seek(KeyValue.firstOnRow(row));
    }
  }

  /**
   * Moves to the first row at or after {@code row} (at or before, when reversed), never
   * outside the read's rows. Returns false when no such row is in range.
   */
  public boolean seekToRow(byte[] row) throws IOException {
    byte[] target = row;
    if (startRow.length > 0) {
      int c = Bytes.compare(row, startRow);
      if (reversedHeap == null ? c < 0 : c > 0) {
        target = startRow;
      }
    }
    position(target);
    done = false;
    openRow = null;
    return peek() != null;
  }

  /** The next cell the scanner will judge (maybe invisible), or null at the end of the read. */
  public Cell peek() {
    Cell c = heap.peek();
    if (done || c == null || !inRange(c)) {
      return null;
    }
    return c;
  }

  private boolean inRange(Cell c) {
    if (stopRow.length == 0) {
      return true;
    }
    int cmp = ROWS.compareRow(c, stopRow);
    return reversedHeap == null ? cmp < 0 : cmp > 0;
  }

  /**
   * Appends the visible cells of the next row that has any to {@code out}. Returns false (and
   * appends nothing) when the read is over.
   */
  public boolean nextRow(List<Cell> out) throws IOException {
    return nextRow(out, Integer.MAX_VALUE);
  }

  /**
   * Like {@link #nextRow(List)}, but appends at most {@code limit} cells: a wide row then comes
   * in several calls, each continuing where the last stopped (callers see the same row key).
   * REQUIRES: no row-level filter with {@link Filter#hasFilterRow} in the store when limited
   * (it needs whole rows).
   */
  public boolean nextRow(List<Cell> out, int limit) throws IOException {
    if (limit < 1) {
      throw new IllegalArgumentException("limit " + limit);
    }
    if (limit != Integer.MAX_VALUE && rowFilter != null && rowFilter.hasFilterRow()) {
      throw new IllegalStateException("a filter that judges whole rows cannot read in batches");
    }
    while (!done) {
      if (openRow == null) {
        Cell first = heap.peek();
        if (first == null || !inRange(first)) {
          done = true;
          return false;
        }
        matcher.startRow();
        if (rowFilter != null) {
          rowFilter.reset();
          if (rowFilter.filterAllRemaining()) {
            done = true;
            return false;
          }
          if (rowFilter.filterRowKey(first)) {
            skipRow(first);
            continue;
          }
        }
        openRow = first;
      }
      int start = out.size();
      RowEnd end = collectRow(openRow, out, limit);
      if (end != RowEnd.LIMIT) {
        openRow = null;
        if (rowFilter != null && rowFilter.hasFilterRow()) {
          List<Cell> rowCells = out.subList(start, out.size());
          rowFilter.filterRowCells(rowCells);
          if (rowFilter.filterRow()) {
            rowCells.clear();
          }
        }
      }
      if (end == RowEnd.SCAN) {
        done = true;
      }
      if (out.size() > start) {
        return true;
      }
    }
    return false;
  }

  /**
   * Appends the visible cells of the row the scanner is positioned at (possibly none) to
   * {@code out} and moves past that row, never into a later one. Returns false (and appends
   * nothing) when the read is over. For a region that merges several families row by row and
   * makes the row-level filter calls itself: it resets the filter between rows, so a store must
   * not go on to judge the next row's cells by itself (as {@link #nextRow} does after a row
   * with no visible cells). REQUIRES: not mixed with {@link #nextRow(List, int)} batches.
   */
  public boolean nextRowOnly(List<Cell> out) throws IOException {
    if (done) {
      return false;
    }
    Cell first = heap.peek();
    if (first == null || !inRange(first)) {
      done = true;
      return false;
    }
    matcher.startRow();
    if (collectRow(first, out, Integer.MAX_VALUE) == RowEnd.SCAN) {
      done = true;
    }
    return true;
  }

  /** Why {@link #collectRow} stopped. */
  private enum RowEnd { ROW, LIMIT, SCAN }

  /** Judges the cells of {@code rowCell}'s row, stopping after {@code limit} included. */
  private RowEnd collectRow(Cell rowCell, List<Cell> out, int limit) throws IOException {
    // Unlimited only: the shortcut keeps no state across calls, as a batch would need.
    if (newestOfEveryColumn && limit == Integer.MAX_VALUE && collectNewest(rowCell, out)) {
      return RowEnd.ROW;
    }
    int stopAt = limit == Integer.MAX_VALUE ? Integer.MAX_VALUE : out.size() + limit;
    while (true) {
      Cell c = heap.peek();
      if (c == null || !ROWS.matchingRows(c, rowCell)) {
        return RowEnd.ROW;
      }
      if (out.size() >= stopAt) {
        return RowEnd.LIMIT;
      }
      switch (matcher.match(c)) {
        case INCLUDE:
          out.add(matcher.transform(c));
          heap.next();
          break;
        case SKIP:
          heap.next();
          break;
        case INCLUDE_AND_SEEK_NEXT_COL:
          out.add(matcher.transform(c));
          seekNextColumn(c, rowCell);
          break;
        case SEEK_NEXT_COL:
          seekNextColumn(c, rowCell);
          break;
        case INCLUDE_AND_SEEK_NEXT_ROW:
          out.add(matcher.transform(c));
          skipRow(rowCell);
          return RowEnd.ROW;
        case SEEK_NEXT_ROW:
          skipRow(rowCell);
          return RowEnd.ROW;
        case SEEK_NEXT_USING_HINT:
          seekToHint(c, matcher.getNextCellHint(c));
          break;
        case DONE_SCAN:
          return RowEnd.SCAN;
        default:
          throw new IllegalStateException("unknown match code");
      }
    }
  }

  /**
   * The shortcut for reads of the newest version of every column: takes the first cell of each
   * column and skips the rest of it, with no per-cell rules. Returns true when the row is done;
   * false, positioned at the first cell of a column, when that cell is a delete marker: the
   * matcher (which has seen nothing of the row, as no earlier column held a marker) judges the
   * rest of the row.
   */
  private boolean collectNewest(Cell rowCell, List<Cell> out) throws IOException {
    Cell taken = collectFromRowSources(rowCell, out); // the cell taken from the current column
    if (rowDone) {
      return true;
    }
    while (true) {
      Cell c = heap.peek();
      if (c == null || !ROWS.matchingRows(c, rowCell)) {
        return true;
      }
      if (taken != null && ROWS.matchingColumns(c, taken)) {
        seekNextColumn(c, rowCell); // older versions, copies and markers of a finished column
        continue;
      }
      if (c.getType() != CellType.PUT) {
        return false;
      }
      out.add(c);
      taken = c;
      heap.next();
    }
  }

  /**
   * The start of {@link #collectNewest}: takes the row's sources out of the merge and reads
   * them directly, taking the first (newest) cell of each column while it is a put and
   * stepping over older versions. Most rows come from one source, or a memstore segment and
   * one file; merging them through the heap would compare every cell with the sources past
   * the row as well. Stops at the row's end, or at a cell that needs the general rules (a
   * marker, a long run of older versions), with the sources back in the heap. Returns the last
   * cell taken, or null.
   */
  private Cell collectFromRowSources(Cell rowCell, List<Cell> out) throws IOException {
    rowDone = false;
    rowTaken = null;
    olderStepped = 0;
    KeyValueScanner sole = heap.soleSourceOfRow(rowCell);
    if (sole != null) {
      try {
        readRow(sole, rowCell, out);
      } finally {
        heap.resettle();
      }
      return rowTaken;
    }
    List<KeyValueScanner> taken = rowSources;
    heap.takeRow(rowCell, taken);
    if (taken.isEmpty()) {
      return null;
    }
    List<KeyValueScanner> live = liveRowSources;
    live.addAll(taken);
    try {
      mergeRow(rowCell, live, out);
    } finally {
      live.clear();
      heap.putBack(taken);
      taken.clear();
    }
    return rowTaken;
  }

  /** {@link #collectFromRowSources} when one source holds the row: no choosing, no lists. */
  private void readRow(KeyValueScanner source, Cell rowCell, List<Cell> out)
      throws IOException {
    while (true) {
      Cell c = source.peek();
      if (c == null || (c != rowCell && !ROWS.matchingRows(c, rowCell))) {
        rowDone = true;
        return;
      }
      if (!takeOrStep(c, out)) {
        return;
      }
      source.next();
    }
  }

  /** The loop of {@link #collectFromRowSources} over the sources still in the row. */
  private void mergeRow(Cell rowCell, List<KeyValueScanner> live, List<Cell> out)
      throws IOException {
    Comparator<KeyValueScanner> order = heap.order();
    while (!live.isEmpty()) {
      KeyValueScanner from = live.get(0);
      for (int i = 1; i < live.size(); i++) {
        if (order.compare(live.get(i), from) < 0) {
          from = live.get(i);
        }
      }
      if (!takeOrStep(from.peek(), out)) {
        return;
      }
      from.next();
      Cell p = from.peek();
      if (p == null || !ROWS.matchingRows(p, rowCell)) {
        live.remove(from);
      }
    }
    rowDone = true;
  }

  /**
   * Judges the next cell of the row for {@link #collectFromRowSources}: takes a put that starts
   * a column, or lets the caller step over an older version, copy or marker of the column just
   * taken. False when the general rules must take over: a marker starting a column, or a long
   * run of versions (which the general path seeks past).
   */
  private boolean takeOrStep(Cell c, List<Cell> out) {
    if (rowTaken != null && ROWS.matchingColumns(c, rowTaken)) {
      return ++olderStepped <= NEXTS_BEFORE_SEEK;
    }
    if (c.getType() != CellType.PUT) {
      return false;
    }
    out.add(c);
    rowTaken = c;
    olderStepped = 0;
    return true;
  }

  private void seekNextColumn(Cell c, Cell rowCell) throws IOException {
    // Step once before building the seek key: when the row ends here (one column per row, the
    // common scan shape) the key, an allocation, is never needed. Cells stay valid after a move.
    heap.next();
    Cell p = heap.peek();
    if (p == null || !ROWS.matchingRows(p, rowCell)) {
      return;
    }
    if (matcher.readsEveryColumn()) {
      // The seek key would be the end of c's column, and p (after c, in its row) is at or past
      // it exactly when it is in another column: step while it is not, with no key to build.
      for (int i = 1; ; i++) {
        if (!ROWS.matchingColumns(p, c)) {
          return;
        }
        if (i == NEXTS_BEFORE_SEEK) {
          break;
        }
        heap.next();
        p = heap.peek();
        if (p == null || !ROWS.matchingRows(p, rowCell)) {
          return;
        }
      }
    }
    Cell key = matcher.getKeyForNextColumn(c);
    if (key == null) {
      skipRow(rowCell);
      return;
    }
    InPlaceCellComparator cmp = ROWS;
    for (int i = 1; ; i++) {
      if (cmp.compare(p, key) >= 0) {
        return;
      }
      if (i == NEXTS_BEFORE_SEEK) {
        break;
      }
      heap.next();
      p = heap.peek();
      if (p == null || !ROWS.matchingRows(p, rowCell)) {
        return;
      }
    }
    if (reversedHeap != null) {
      reversedHeap.backwardSeek(key);
    } else {
      heap.reseek(key);
    }
  }

  /** Moves past every cell of {@code rowCell}'s row. */
  private void skipRow(Cell rowCell) throws IOException {
    for (int i = 0; i < NEXTS_BEFORE_SEEK; i++) {
      heap.next();
      Cell p = heap.peek();
      if (p == null || !ROWS.matchingRows(p, rowCell)) {
        return;
      }
    }
    if (reversedHeap != null) {
      reversedHeap.seekToPreviousRow(rowCell);
    } else {
      heap.reseek(KeyValue.lastOnRow(Cells.cloneRow(rowCell)));
    }
  }

  private void seekToHint(Cell c, Cell hint) throws IOException {
    InPlaceCellComparator cmp = ROWS;
    if (hint == null || cmp.compare(hint, c) <= 0) {
      heap.next(); // no usable hint: do not loop on the same cell
      return;
    }
    if (reversedHeap == null) {
      heap.reseek(hint);
    } else if (Cells.matchingRow(hint, c)) {
      reversedHeap.backwardSeek(hint);
    } else {
      heap.next(); // a hint into a later row means nothing more in this row, going backwards
    }
  }

  @Override
  public void close() {
    done = true;
    heap.close();
  }
}
