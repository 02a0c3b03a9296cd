package io.cellar.lsm.memstore;

import io.cellar.common.cell.Cell;

/**
 * A sorted run of memstore cells: the mutable skip list or an immutable flat array. Tracks what
 * a read needs to skip it (time range, rows, whether it holds delete markers) and its sizes.
 */
abstract class Segment {
  /** A position in the segment; each scanner owns one. */
  interface Cursor {
    /** Positions at the first cell >= key; key null means the first cell. */
    void seek(Cell key);

    /** The cell at the position, or null past the end. */
    Cell current();

    void advance();

    /** The greatest cell < key (key null: the last cell), without moving; null if none. */
    Cell lastBefore(Cell key);
  }

  abstract Cursor cursor();

  abstract int cellCount();

  /** Encoded bytes of the cells, with their sequence ids. */
  abstract long dataSize();

  /** Heap used by the index (not the chunk bytes, which the arena accounts for). */
  abstract long indexHeapSize();

  abstract long minTimestamp();

  abstract long maxTimestamp();

  abstract boolean hasDeletes();

  /** False only when the segment provably holds no cell of {@code row}. */
  boolean mightContainRow(byte[] row) {
    return true;
  }

  /** First and last cells, or null when empty. */
  abstract Cell first();

  abstract Cell last();
}
