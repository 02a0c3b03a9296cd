package io.cellar.lsm.read;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A {@link KeyValueScanner} over a sorted in-memory list: a stand-in for a store file in tests,
 * and the model the memstore scanners are checked against.
 */
public final class ListScanner implements KeyValueScanner {
  private final List<Cell> cells;
  private final long order;
  private int pos;
  private boolean closed;

  public ListScanner(Collection<? extends Cell> cells, long order) {
    this.cells = new ArrayList<>(cells);
    this.cells.sort(CellComparator.INSTANCE);
    this.order = order;
  }

  public boolean isClosed() {
    return closed;
  }

  private int ceiling(Cell key) {
    int lo = 0;
    int hi = cells.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (CellComparator.INSTANCE.compare(cells.get(mid), key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Override
  public Cell peek() {
    return pos < cells.size() ? cells.get(pos) : null;
  }

  @Override
  public Cell next() {
    Cell c = peek();
    if (c != null) {
      pos++;
    }
    return c;
  }

  @Override
  public boolean seek(Cell key) {
    pos = ceiling(key);
    return peek() != null;
  }

  @Override
  public boolean reseek(Cell key) {
    return seek(key);
  }

  @Override
  public boolean seekToPreviousRow(Cell key) {
    int i = ceiling(KeyValue.firstOnRow(Cells.cloneRow(key))) - 1;
    if (i < 0) {
      pos = cells.size();
      return false;
    }
    pos = ceiling(KeyValue.firstOnRow(Cells.cloneRow(cells.get(i))));
    return true;
  }

  @Override
  public boolean backwardSeek(Cell key) {
    pos = ceiling(key);
    Cell c = peek();
    if (c != null && Cells.matchingRow(c, key)) {
      return true;
    }
    return seekToPreviousRow(key);
  }

  @Override
  public boolean seekToLastRow() {
    if (cells.isEmpty()) {
      return false;
    }
    return backwardSeek(KeyValue.firstOnRow(Cells.cloneRow(cells.get(cells.size() - 1))));
  }

  @Override
  public long getScannerOrder() {
    return order;
  }

  @Override
  public void close() {
    closed = true;
  }
}
