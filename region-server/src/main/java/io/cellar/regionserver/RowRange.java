package io.cellar.regionserver;

import io.cellar.common.Bytes;

/**
 * The rows a scan covers, in its direction: from {@code start} towards {@code stop} (ascending,
 * or descending when {@code reversed}, where start is the high end). Empty keys are unbounded.
 */
record RowRange(byte[] start, boolean startInclusive, byte[] stop, boolean stopInclusive,
    boolean reversed) {

  /** True if {@code row} comes before the start bound in scan order (not yet in range). */
  boolean beforeStart(byte[] row) {
    if (start.length == 0) {
      return false;
    }
    int c = direction(Bytes.compare(row, start));
    return c < 0 || (c == 0 && !startInclusive);
  }

  /** True if {@code row} is past the stop bound in scan order (the scan is over). */
  boolean pastStop(byte[] row) {
    if (stop.length == 0) {
      return false;
    }
    int c = direction(Bytes.compare(row, stop));
    return c > 0 || (c == 0 && !stopInclusive);
  }

  /** Compares rows in scan order. */
  int compareInScanOrder(byte[] a, byte[] b) {
    return direction(Bytes.compare(a, b));
  }

  private int direction(int c) {
    return reversed ? -c : c;
  }
}
