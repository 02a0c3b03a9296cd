package io.cellar.lsm.read;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The priority queue of a merge heap: a binary min-heap of sources by their current cells.
 * Unlike {@link java.util.PriorityQueue} it can {@link #replaceTop} in one sift, which is what a
 * merge does whenever the source it reads from moves past the next-smallest one (the frequent
 * case when a row's columns alternate between sources): half the comparisons of add + poll.
 *
 * <p>REQUIRES: one thread; sources do not move while queued (their order must not change).
 */
final class ScannerQueue {
  private final Comparator<KeyValueScanner> order;
  private KeyValueScanner[] queue;
  private int size;

  ScannerQueue(int capacity, Comparator<KeyValueScanner> order) {
    this.order = order;
    this.queue = new KeyValueScanner[Math.max(1, capacity)];
  }

  KeyValueScanner peek() {
    return size == 0 ? null : queue[0];
  }

  void add(KeyValueScanner s) {
    if (size == queue.length) {
      queue = Arrays.copyOf(queue, size * 2);
    }
    int i = size++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      KeyValueScanner p = queue[parent];
      if (order.compare(s, p) >= 0) {
        break;
      }
      queue[i] = p;
      i = parent;
    }
    queue[i] = s;
  }

  /** Removes and returns the smallest source, or null when empty. */
  KeyValueScanner poll() {
    if (size == 0) {
      return null;
    }
    KeyValueScanner top = queue[0];
    KeyValueScanner last = queue[--size];
    queue[size] = null;
    if (size > 0) {
      siftDown(last);
    }
    return top;
  }

  /**
   * Puts {@code s} in and takes the smallest out in one step. REQUIRES: not empty, and
   * {@code s} not smaller than the current smallest (which is what is returned).
   */
  KeyValueScanner replaceTop(KeyValueScanner s) {
    KeyValueScanner top = queue[0];
    siftDown(s);
    return top;
  }

  /** Places {@code s} at the root's slot and moves it down to where it belongs. */
  private void siftDown(KeyValueScanner s) {
    int i = 0;
    int half = size >>> 1;
    while (i < half) {
      int child = 2 * i + 1;
      KeyValueScanner c = queue[child];
      int right = child + 1;
      if (right < size && order.compare(c, queue[right]) > 0) {
        child = right;
        c = queue[right];
      }
      if (order.compare(s, c) <= 0) {
        break;
      }
      queue[i] = c;
      i = child;
    }
    queue[i] = s;
  }

  void clear() {
    Arrays.fill(queue, 0, size, null);
    size = 0;
  }
}
