package io.cellar.regionserver;

import io.cellar.common.cell.Cell;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * One family's rows as the region scanner merges them: positioned before a row, which it can
 * read (visible cells only: versions, deletes, TTL, time range, columns and the per-cell filter
 * already applied) or skip. Rows come in the scan's direction (descending when reversed).
 */
interface RowSource extends Closeable {
  /** The row the source is positioned at, or null when exhausted. May yield no visible cells. */
  byte[] peekRow() throws IOException;

  /** Appends the visible cells of the current row to {@code out} and moves past the row. */
  void readRow(List<Cell> out) throws IOException;

  /** Moves past the current row without reading it. */
  void skipRow() throws IOException;

  @Override
  void close();
}
