package io.cellar.lsm.memstore;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.cell.TimeRange;
import io.cellar.lsm.read.InPlaceCellComparator;
import io.cellar.lsm.read.KeyValueScanner;
import io.cellar.lsm.read.ReadBounds;

/**
 * A {@link KeyValueScanner} over one memstore segment that hides cells whose sequence id is
 * above the read point. Created positioned at the first visible cell, or unpositioned
 * ({@code peek() == null} until the first seek) for reads that seek at once. REQUIRES: one
 * thread at a time.
 */
final class SegmentScanner implements KeyValueScanner {
  private final Segment segment;
  private final Segment.Cursor cursor;
  private final long readPoint;
  private final long order;
  private Cell cur;

  SegmentScanner(Segment segment, long readPoint, long order) {
    this(segment, readPoint, order, true);
  }

  SegmentScanner(Segment segment, long readPoint, long order, boolean positioned) {
    this.segment = segment;
    this.cursor = segment.cursor();
    this.readPoint = readPoint;
    this.order = order;
    if (positioned) {
      cursor.seek(null);
      settle();
    }
  }

  /** Moves the cursor to the first visible cell at or after its position. */
  private void settle() {
    Cell c = cursor.current();
    while (c != null && c.getSequenceId() > readPoint) {
      cursor.advance();
      c = cursor.current();
    }
    cur = c;
  }

  @Override
  public Cell peek() {
    return cur;
  }

  @Override
  public Cell next() {
    Cell c = cur;
    if (c != null) {
      cursor.advance();
      settle();
    }
    return c;
  }

  @Override
  public boolean seek(Cell key) {
    cursor.seek(key);
    settle();
    return cur != null;
  }

  @Override
  public boolean reseek(Cell key) {
    if (cur == null) {
      return false;
    }
    if (InPlaceCellComparator.INSTANCE.compare(cur, key) >= 0) {
      return true;
    }
    return seek(key);
  }

  @Override
  public boolean seekToPreviousRow(Cell key) {
    byte[] row = Cells.cloneRow(key);
    while (true) {
      Cell before = cursor.lastBefore(KeyValue.firstOnRow(row));
      if (before == null) {
        cur = null;
        return false;
      }
      row = Cells.cloneRow(before);
      cursor.seek(KeyValue.firstOnRow(row));
      settle();
      if (cur != null && Cells.matchingRow(cur, row)) {
        return true;
      }
      // every cell of that row is above the read point: try the row before it
    }
  }

  @Override
  public boolean backwardSeek(Cell key) {
    cursor.seek(key);
    settle();
    if (cur != null && Cells.matchingRow(cur, key)) {
      return true;
    }
    return seekToPreviousRow(key);
  }

  @Override
  public boolean seekToLastRow() {
    Cell last = cursor.lastBefore(null);
    if (last == null) {
      cur = null;
      return false;
    }
    return backwardSeek(KeyValue.firstOnRow(Cells.cloneRow(last)));
  }

  @Override
  public long getScannerOrder() {
    return order;
  }

  @Override
  public boolean shouldUseScanner(ReadBounds bounds) {
    return mayHold(segment, bounds, true);
  }

  /**
   * False when {@code segment} provably holds nothing in {@code bounds}: empty, outside the time
   * range, without the row of a single-row read (row bloom), or (when {@code checkRows}) outside
   * the rows. The row check reads the first and last
   * cells in place; a skip list's last cell costs a walk as long as a seek, so a read that seeks
   * at once may leave it out.
   */
  static boolean mayHold(Segment segment, ReadBounds bounds, boolean checkRows) {
    Cell first = segment.first();
    if (first == null) {
      return false;
    }
    TimeRange tr = bounds.getTimeRange();
    // A marker newer than the range still masks older cells inside it, so the upper bound
    // only prunes segments without markers.
    if (segment.maxTimestamp() < tr.getMin()) {
      return false;
    }
    if (!segment.hasDeletes() && !tr.overlaps(segment.minTimestamp(), segment.maxTimestamp())) {
      return false;
    }
    if (bounds.isSingleRow() && !segment.mightContainRow(bounds.getRow())) {
      return false;
    }
    if (!checkRows) {
      return true;
    }
    Cell last = segment.last();
    InPlaceCellComparator cmp = InPlaceCellComparator.INSTANCE;
    if (bounds.isSingleRow()) {
      byte[] row = bounds.getRow();
      return cmp.compareRow(first, row) <= 0 && cmp.compareRow(last, row) >= 0;
    }
    byte[] start = bounds.getStartRow();
    byte[] stop = bounds.getStopRow();
    return (stop.length == 0 || cmp.compareRow(first, stop) < 0)
        && (start.length == 0 || cmp.compareRow(last, start) >= 0);
  }

  @Override
  public void close() {
    cur = null;
  }
}
