package io.cellar.lsm.read;

import io.cellar.common.cell.Cell;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges sorted sources into one forward stream. The source holding the smallest cell is kept
 * out of the priority queue as {@code current}, so a run of cells from one source costs one
 * comparison each. Equal cells: the source with the larger {@link #getScannerOrder} comes first.
 *
 * <p>REQUIRES: forward use only (seek, reseek, next); see {@link ReversedKeyValueHeap}. One
 * thread at a time. Closing the heap closes every source.
 */
public class KeyValueHeap implements KeyValueScanner {
  protected final List<KeyValueScanner> all;
  protected final ScannerQueue heap;
  protected final Comparator<KeyValueScanner> order;
  protected KeyValueScanner current;

  public KeyValueHeap(List<? extends KeyValueScanner> sources) {
    this(sources, forwardOrder());
  }

  protected KeyValueHeap(List<? extends KeyValueScanner> sources,
      Comparator<KeyValueScanner> order) {
    this.all = new ArrayList<>(sources);
    this.order = order;
    this.heap = new ScannerQueue(sources.size(), order);
    rebuild();
  }

  private static Comparator<KeyValueScanner> forwardOrder() {
    InPlaceCellComparator cmp = InPlaceCellComparator.INSTANCE;
    return (a, b) -> {
      int c = cmp.compare(a.peek(), b.peek());
      return c != 0 ? c : Long.compare(b.getScannerOrder(), a.getScannerOrder());
    };
  }

  /** Re-reads every source's position. */
  protected final void rebuild() {
    heap.clear();
    for (KeyValueScanner s : all) {
      if (s.peek() != null) {
        heap.add(s);
      }
    }
    current = heap.poll();
  }

  @Override
  public Cell peek() {
    return current == null ? null : current.peek();
  }

  @Override
  public Cell next() throws IOException {
    KeyValueScanner cur = current;
    if (cur == null) {
      return null;
    }
    Cell c = cur.next();
    afterAdvance(cur, c);
    return c;
  }

  /** Restores the invariant after {@code cur} moved past {@code returned}. */
  protected void afterAdvance(KeyValueScanner cur, Cell returned) throws IOException {
    if (cur.peek() == null) {
      current = heap.poll();
      return;
    }
    KeyValueScanner top = heap.peek();
    if (top != null && order.compare(top, cur) < 0) {
      current = heap.replaceTop(cur);
    }
  }

  /**
   * The current source when it is in {@code rowCell}'s row and no other source is, else null:
   * the caller may then step it through the row with no comparison against the others, and
   * must {@link #resettle} after. The cheap case of {@link #takeRow}.
   */
  public KeyValueScanner soleSourceOfRow(Cell rowCell) {
    KeyValueScanner cur = current;
    if (cur == null) {
      return null;
    }
    InPlaceCellComparator cmp = InPlaceCellComparator.INSTANCE;
    Cell first = cur.peek();
    if (first != rowCell && !cmp.matchingRows(first, rowCell)) {
      return null;
    }
    KeyValueScanner top = heap.peek();
    return top == null || !cmp.matchingRows(top.peek(), rowCell) ? cur : null;
  }

  /** Restores the merge order after the source {@link #soleSourceOfRow} gave was stepped. */
  public void resettle() throws IOException {
    if (current != null) {
      afterAdvance(current, null);
    }
  }

  /**
   * Moves every source positioned in {@code rowCell}'s row out of the merge into {@code into},
   * the current source first; the caller may then read the row from them directly, with no
   * comparison against the sources past the row, and must {@link #putBack} them after. Most
   * rows of a store come from one source, or from a memstore segment and one file.
   * REQUIRES: {@code into} empty; the heap positioned in that row or past it.
   */
  public void takeRow(Cell rowCell, List<KeyValueScanner> into) {
    InPlaceCellComparator cmp = InPlaceCellComparator.INSTANCE;
    if (current == null) {
      return;
    }
    Cell first = current.peek();
    if (first != rowCell && !cmp.matchingRows(first, rowCell)) {
      return;
    }
    into.add(current);
    current = null;
    KeyValueScanner top;
    while ((top = heap.peek()) != null && cmp.matchingRows(top.peek(), rowCell)) {
      into.add(heap.poll());
    }
  }

  /** Returns to the merge the sources {@link #takeRow} took, wherever they have moved since. */
  public void putBack(List<KeyValueScanner> taken) throws IOException {
    KeyValueScanner last = null;
    for (KeyValueScanner s : taken) {
      if (s.peek() == null) {
        continue;
      }
      if (last != null) {
        heap.add(last);
      }
      last = s;
    }
    if (last == null) {
      current = heap.poll();
      return;
    }
    current = last; // one comparison when it is still the smallest, the common case
    afterAdvance(last, null);
  }

  /** The merge order of sources by their current cells. */
  Comparator<KeyValueScanner> order() {
    return order;
  }

  @Override
  public boolean seek(Cell key) throws IOException {
    for (KeyValueScanner s : all) {
      s.seek(key);
    }
    rebuild();
    return current != null;
  }

  @Override
  public boolean reseek(Cell key) throws IOException {
    InPlaceCellComparator cmp = InPlaceCellComparator.INSTANCE;
    if (current != null) {
      if (cmp.compare(current.peek(), key) >= 0) {
        KeyValueScanner top = heap.peek();
        if (top == null || cmp.compare(top.peek(), key) >= 0) {
          return true; // nothing is behind the key
        }
      }
      heap.add(current);
      current = null;
    }
    KeyValueScanner top;
    while ((top = heap.peek()) != null && cmp.compare(top.peek(), key) < 0) {
      heap.poll();
      if (top.reseek(key) && top.peek() != null) {
        heap.add(top);
      }
    }
    current = heap.poll();
    return current != null;
  }

  @Override
  public boolean seekToPreviousRow(Cell key) throws IOException {
    throw new IllegalStateException("forward heap: use ReversedKeyValueHeap for reversed reads");
  }

  @Override
  public boolean backwardSeek(Cell key) throws IOException {
    throw new IllegalStateException("forward heap: use ReversedKeyValueHeap for reversed reads");
  }

  @Override
  public boolean seekToLastRow() throws IOException {
    throw new IllegalStateException("forward heap: use ReversedKeyValueHeap for reversed reads");
  }

  /** The heap's own order is meaningless to a parent; it merges sources of all orders. */
  @Override
  public long getScannerOrder() {
    return 0;
  }

  @Override
  public void close() {
    for (KeyValueScanner s : all) {
      s.close();
    }
    heap.clear();
    current = null;
  }
}
