package io.cellar.regionserver;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.lsm.read.StoreScanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link RowSource} over a {@link StoreScanner}, reading exactly one row per call
 * ({@link StoreScanner#nextRowOnly}) so the region, which resets the filter between rows, stays
 * in step with every family.
 */
final class StoreRowSource implements RowSource {
  private final StoreScanner scanner;
  private final boolean reversed;
  private byte[] currentRow; // cached peekRow(); the scanner only moves when we move it

  StoreRowSource(StoreScanner scanner, boolean reversed) {
    this.scanner = scanner;
    this.reversed = reversed;
  }

  @Override
  public byte[] peekRow() {
    if (currentRow == null) {
      Cell c = scanner.peek();
      currentRow = c == null ? null : Cells.cloneRow(c);
    }
    return currentRow;
  }

  @Override
  public void readRow(List<Cell> out) throws IOException {
    currentRow = null;
    scanner.nextRowOnly(out);
  }

  @Override
  public void skipRow() throws IOException {
    byte[] row = peekRow();
    if (row == null) {
      return;
    }
    currentRow = null;
    if (!reversed) {
      scanner.seekToRow(Arrays.copyOf(row, row.length + 1)); // the smallest row after it
      return;
    }
    // going backwards there is no key just below a row: read it and drop it
    scanner.nextRowOnly(new ArrayList<>());
  }

  @Override
  public void close() {
    scanner.close();
  }
}
