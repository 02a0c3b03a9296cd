package io.cellar.regionserver;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.filter.Filter;
import io.cellar.common.schema.RegionInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merges the row sources of the scanned families row by row and applies the row-level filter
 * contract: {@code filterAllRemaining} before each row, {@code reset} and {@code filterRowKey}
 * on its key, per-cell filtering inside each source, then {@code filterRowCells} and
 * {@code filterRow} when the filter has row logic. Counts returned rows against the limit and
 * cuts rows into batches. REQUIRES: sources in family order, all positioned on their first row in
 * range, all reading at the same MVCC read point.
 */
final class RegionScannerImpl implements RegionScanner {
  private final RegionInfo region;
  private final List<RowSource> sources;
  private final RowRange range;
  private final Filter filter;
  private final int limit; // rows; <= 0 unlimited
  private final int batch; // cells per call; <= 0 whole rows
  private final Runnable onClose;

  private final List<Cell> pending = new ArrayList<>(); // rest of a row cut into batches
  private final List<Cell> rowCells = new ArrayList<>(); // nextRow()'s result, reused per row
  private int pendingPos;
  private int rowsReturned;
  private boolean done;
  private boolean closed;

  RegionScannerImpl(RegionInfo region, List<RowSource> sources, RowRange range, Filter filter,
      int limit, int batch, Runnable onClose) {
    this.region = region;
    this.sources = sources;
    this.range = range;
    this.filter = filter;
    this.limit = limit;
    this.batch = batch;
    this.onClose = onClose;
  }

  @Override
  public RegionInfo getRegionInfo() {
    return region;
  }

  @Override
  public boolean next(List<Cell> out) throws IOException {
    if (closed) {
      throw new IllegalStateException("scanner of region " + region.getEncodedName()
          + " is closed");
    }
    if (pendingPos < pending.size()) {
      deliverBatch(out);
      return pendingPos < pending.size() || hasMoreRows();
    }
    List<Cell> row = nextRow();
    if (row == null) {
      return false;
    }
    rowsReturned++;
    if (batch > 0 && row.size() > batch) {
      pending.clear();
      pending.addAll(row);
      pendingPos = 0;
      deliverBatch(out);
      return true;
    }
    for (int i = 0, n = row.size(); i < n; i++) {
      out.add(row.get(i)); // not addAll: that copies the row into a fresh array first
    }
    return hasMoreRows();
  }

  private void deliverBatch(List<Cell> out) {
    int end = Math.min(pending.size(), pendingPos + batch);
    out.addAll(pending.subList(pendingPos, end));
    pendingPos = end;
    if (pendingPos == pending.size()) {
      pending.clear();
      pendingPos = 0;
    }
  }

  /**
   * The next row that passes the filter, or null when the scan is over. The list is reused by
   * the next call: copy out of it before calling again.
   */
  private List<Cell> nextRow() throws IOException {
    while (!done) {
      if (limit > 0 && rowsReturned >= limit) {
        done = true;
        break;
      }
      if (filter != null && filter.filterAllRemaining()) {
        done = true;
        break;
      }
      byte[] row = currentRow();
      if (row == null || range.pastStop(row)) {
        done = true;
        break;
      }
      if (range.beforeStart(row)) {
        skipRow(row);
        continue;
      }
      if (filter != null) {
        filter.reset();
        if (filter.filterRowKey(KeyValue.firstOnRow(row))) {
          skipRow(row);
          continue;
        }
      }
      List<Cell> cells = rowCells;
      cells.clear();
      for (RowSource s : sources) {
        byte[] r = s.peekRow();
        if (r != null && Arrays.equals(r, row)) {
          s.readRow(cells);
        }
      }
      if (filter != null && filter.hasFilterRow()) {
        filter.filterRowCells(cells);
        // an empty row is dropped before filterRow, so it does not count (e.g. for PageFilter)
        if (cells.isEmpty() || filter.filterRow()) {
          continue;
        }
      }
      if (!cells.isEmpty()) {
        return cells;
      }
    }
    return null;
  }

  /** True if another row may come: some source has a row within the range and limit. */
  private boolean hasMoreRows() throws IOException {
    if (done || (limit > 0 && rowsReturned >= limit)) {
      return false;
    }
    byte[] row = currentRow();
    return row != null && !range.pastStop(row);
  }

  /** The smallest row (in scan order) any source is positioned at. */
  private byte[] currentRow() throws IOException {
    byte[] best = null;
    for (RowSource s : sources) {
      byte[] r = s.peekRow();
      if (r != null && (best == null || range.compareInScanOrder(r, best) < 0)) {
        best = r;
      }
    }
    return best;
  }

  private void skipRow(byte[] row) throws IOException {
    for (RowSource s : sources) {
      byte[] r = s.peekRow();
      if (r != null && Arrays.equals(r, row)) {
        s.skipRow();
      }
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (RowSource s : sources) {
      s.close();
    }
    onClose.run();
  }
}
