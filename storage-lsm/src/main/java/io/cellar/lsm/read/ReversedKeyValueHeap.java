package io.cellar.lsm.read;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges sources for a reversed scan: rows descending, the cells within one row ascending (as
 * sources return them). When a source's {@link #next} runs off the end of the current row into
 * a later one, the heap moves it to its previous row.
 *
 * <p>REQUIRES: position first with {@link #seekToLastRow} or {@link #backwardSeekAll}; then
 * use next, {@link #backwardSeek} (within the current row) and {@link #seekToPreviousRow}.
 */
public final class ReversedKeyValueHeap extends KeyValueHeap {
  public ReversedKeyValueHeap(List<? extends KeyValueScanner> sources) {
    super(sources, reversedOrder());
  }

  private static Comparator<KeyValueScanner> reversedOrder() {
    CellComparator cmp = CellComparator.INSTANCE;
    return (a, b) -> {
      Cell x = a.peek();
      Cell y = b.peek();
      int c = cmp.compareRows(y, x);
      if (c != 0) {
        return c;
      }
      c = cmp.compareWithinRow(x, y);
      if (c != 0) {
        return c;
      }
      c = Long.compare(y.getSequenceId(), x.getSequenceId());
      return c != 0 ? c : Long.compare(b.getScannerOrder(), a.getScannerOrder());
    };
  }

  @Override
  protected void afterAdvance(KeyValueScanner cur, Cell returned) throws IOException {
    Cell n = cur.peek();
    // ran off the row (into a later row, or off the end): go to the previous row
    if (n == null || CellComparator.INSTANCE.compareRows(n, returned) > 0) {
      cur.seekToPreviousRow(returned);
    }
    super.afterAdvance(cur, returned);
  }

  /** None: stepping off a row backwards needs the heap's own row handling. */
  @Override
  public KeyValueScanner soleSourceOfRow(Cell rowCell) {
    return null;
  }

  /** Takes none: stepping off a row backwards needs the heap's own row handling. */
  @Override
  public void takeRow(Cell rowCell, List<KeyValueScanner> into) {
  }

  @Override
  public boolean seek(Cell key) {
    throw new IllegalStateException("reversed heap: use backwardSeek or seekToPreviousRow");
  }

  @Override
  public boolean reseek(Cell key) {
    throw new IllegalStateException("reversed heap: use backwardSeek or seekToPreviousRow");
  }

  /**
   * Within the current row: moves sources that are in {@code key}'s row and before it to the
   * first cell >= key of the row, or to their previous row.
   */
  @Override
  public boolean backwardSeek(Cell key) throws IOException {
    CellComparator cmp = CellComparator.INSTANCE;
    List<KeyValueScanner> moved = new ArrayList<>(2);
    if (current != null) {
      heap.add(current);
      current = null;
    }
    KeyValueScanner top;
    while ((top = heap.peek()) != null) {
      Cell p = top.peek();
      int rowCmp = cmp.compareRows(p, key);
      if (rowCmp < 0 || (rowCmp == 0 && cmp.compare(p, key) >= 0)) {
        break; // top is at key or in an earlier row: so is everything behind it
      }
      heap.poll();
      if (top.backwardSeek(key)) {
        moved.add(top);
      }
    }
    for (KeyValueScanner s : moved) {
      if (s.peek() != null) {
        heap.add(s);
      }
    }
    current = heap.poll();
    return current != null;
  }

  /** Moves every source with cells in {@code key}'s row or later to its previous row. */
  @Override
  public boolean seekToPreviousRow(Cell key) throws IOException {
    CellComparator cmp = CellComparator.INSTANCE;
    List<KeyValueScanner> moved = new ArrayList<>(2);
    if (current != null) {
      heap.add(current);
      current = null;
    }
    KeyValueScanner top;
    while ((top = heap.peek()) != null && cmp.compareRows(top.peek(), key) >= 0) {
      heap.poll();
      if (top.seekToPreviousRow(key)) {
        moved.add(top);
      }
    }
    for (KeyValueScanner s : moved) {
      if (s.peek() != null) {
        heap.add(s);
      }
    }
    current = heap.poll();
    return current != null;
  }

  @Override
  public boolean seekToLastRow() throws IOException {
    for (KeyValueScanner s : all) {
      s.seekToLastRow();
    }
    rebuild();
    return current != null;
  }

  /** Repositions every source (wherever it is) with {@link KeyValueScanner#backwardSeek}. */
  public boolean backwardSeekAll(Cell key) throws IOException {
    for (KeyValueScanner s : all) {
      s.backwardSeek(key);
    }
    rebuild();
    return current != null;
  }
}
