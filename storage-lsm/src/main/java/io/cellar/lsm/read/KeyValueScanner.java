package io.cellar.lsm.read;

import io.cellar.common.cell.Cell;
import java.io.Closeable;
import java.io.IOException;

/**
 * A sorted source of cells (one memstore segment, one store file) that the read path merges.
 * Positioned on a current cell ({@link #peek}); null when exhausted. Cells returned stay valid
 * after the scanner moves on (their buffers are never reused), so callers may keep them.
 *
 * <p>Forward reads use seek/reseek/next. Reversed scans walk rows backwards with
 * {@link #seekToLastRow}, {@link #seekToPreviousRow} and {@link #backwardSeek}, and still read
 * the cells within one row forwards with {@link #next}.
 */
public interface KeyValueScanner extends Closeable {
  /** The current cell, or null when exhausted. */
  Cell peek();

  /** Returns the current cell and advances; null when exhausted. */
  Cell next() throws IOException;

  /** Positions at the first cell >= key (anywhere). Returns false when there is none. */
  boolean seek(Cell key) throws IOException;

  /**
   * Like seek, but the caller promises {@code key} is not before the current position, so an
   * implementation may search forward from where it is.
   */
  boolean reseek(Cell key) throws IOException;

  /**
   * Positions at the first cell of the last row strictly before {@code key}'s row. Returns false
   * when there is no such row.
   */
  boolean seekToPreviousRow(Cell key) throws IOException;

  /**
   * Positions at the first cell >= key within key's row; if key's row has none, at the first
   * cell of the nearest earlier row. Returns false when neither exists.
   */
  boolean backwardSeek(Cell key) throws IOException;

  /** Positions at the first cell of the last row. Returns false when empty. */
  boolean seekToLastRow() throws IOException;

  /**
   * Ordering of sources for equal keys: a larger value is newer data and wins ties (memstore
   * over files, newer files over older).
   */
  long getScannerOrder();

  /** False when this source provably holds nothing in the read's bounds (key, time, bloom). */
  default boolean shouldUseScanner(ReadBounds bounds) {
    return true;
  }

  @Override
  void close();
}
