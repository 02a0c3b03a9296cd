package io.cellar.lsm.store;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.lsm.read.KeyValueScanner;
import java.io.IOException;

/**
 * Finds the row at the middle of a store file, where a region split divides the data in two
 * halves. Walks the file to its middle cell (a file's block index does not expose a middle key
 * yet), so it costs a read of half the file; splits are rare.
 */
final class SplitPointFinder {
  private SplitPointFinder() {}

  /**
   * The row of the middle cell of {@code file}, or null when it equals the file's first or last
   * row. REQUIRES: the caller acquired a reference on {@code file}; it is released here.
   */
  static byte[] middleRow(StoreFile file) throws IOException {
    long half = file.getCellCount() / 2;
    try (KeyValueScanner s = file.scannerOwningReference(false, 0, Long.MAX_VALUE)) {
      if (file.getCellCount() == 0 || !s.seek(KeyValue.firstOnRow(Bytes.EMPTY))) {
        return null;
      }
      Cell first = s.peek();
      Cell c = first;
      for (long i = 0; i < half && c != null; i++) {
        s.next();
        c = s.peek();
      }
      if (c == null || Cells.matchingRow(c, first)) {
        return null;
      }
      Cell last = file.getInfo().getLastKey();
      if (last != null && CellComparator.INSTANCE.compareRows(c, last) == 0) {
        return null;
      }
      return Cells.cloneRow(c);
    }
  }
}
