package io.cellar.lsm.memstore;

import io.cellar.common.cell.Cell;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The active, mutable segment: a concurrent skip list of {@link ChunkCell}s. A second add of the
 * same key and sequence id replaces the first (last write within one edit wins).
 * Thread-safe for concurrent adds and reads.
 */
final class SkipListSegment extends Segment {
  /** Skip-list node (24 B) + average index nodes (~8 B) + the ChunkCell (32 B). */
  static final int PER_CELL_OVERHEAD = 64;

  private final ConcurrentSkipListMap<Cell, ChunkCell> map =
      new ConcurrentSkipListMap<>(ChunkCell.ORDER);
  private final LongAdder dataSize = new LongAdder();
  private final LongAdder cells = new LongAdder();
  private final AtomicLong minTs = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong maxTs = new AtomicLong(Long.MIN_VALUE);
  private volatile boolean hasDeletes;
  private final ConcurrentRowFilter rows = new ConcurrentRowFilter();

  /** {@code size}: the cell's bytes in the arena (sequence id included). */
  void add(ChunkCell cell, int size, long timestamp, boolean isDelete) {
    rows.add(cell.chunk, cell.getRowOffset(), cell.getRowLength()); // before the cell is visible
    if (map.put(cell, cell) == null) {
      cells.increment();
    }
    dataSize.add(size);
    long v;
    while (timestamp < (v = minTs.get()) && !minTs.compareAndSet(v, timestamp)) {
      // retry
    }
    while (timestamp > (v = maxTs.get()) && !maxTs.compareAndSet(v, timestamp)) {
      // retry
    }
    if (isDelete && !hasDeletes) {
      hasDeletes = true;
    }
  }

  /** The cells in order. REQUIRES: no concurrent add (the segment was rotated out). */
  Iterable<ChunkCell> frozenCells() {
    return map.values();
  }

  @Override
  Cursor cursor() {
    return new Cursor() {
      private Iterator<ChunkCell> it;
      private Cell cur;

      @Override
      public void seek(Cell key) {
        it = (key == null ? map : map.tailMap(ChunkCell.probe(key), true)).values().iterator();
        cur = it.hasNext() ? it.next() : null;
      }

      @Override
      public Cell current() {
        return cur;
      }

      @Override
      public void advance() {
        cur = it != null && it.hasNext() ? it.next() : null;
      }

      @Override
      public Cell lastBefore(Cell key) {
        Map.Entry<Cell, ChunkCell> e =
            key == null ? map.lastEntry() : map.lowerEntry(ChunkCell.probe(key));
        return e == null ? null : e.getValue();
      }
    };
  }

  @Override
  int cellCount() {
    return cells.intValue();
  }

  @Override
  long dataSize() {
    return dataSize.sum();
  }

  @Override
  long indexHeapSize() {
    return 64 + ConcurrentRowFilter.heapBytes() + (long) cellCount() * PER_CELL_OVERHEAD;
  }

  @Override
  boolean mightContainRow(byte[] row) {
    return rows.mightContain(row);
  }

  @Override
  long minTimestamp() {
    return minTs.get();
  }

  @Override
  long maxTimestamp() {
    return maxTs.get();
  }

  @Override
  boolean hasDeletes() {
    return hasDeletes;
  }

  @Override
  Cell first() {
    Map.Entry<Cell, ChunkCell> e = map.firstEntry();
    return e == null ? null : e.getValue();
  }

  @Override
  Cell last() {
    Map.Entry<Cell, ChunkCell> e = map.lastEntry();
    return e == null ? null : e.getValue();
  }
}
