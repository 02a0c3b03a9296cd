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

  StoreRowSource(StoreScanner scanner, boolean reversed) {
    this.scanner = scanner;
    this.reversed = reversed;
  }

  @Override
  public byte[] peekRow() {
    Cell c = scanner.peek();
    return c == null ? null : Cells.cloneRow(c);
  }

  @Override
  public void readRow(List<Cell> out) throws IOException {
    scanner.nextRowOnly(out);
  }

  @Override
  public void skipRow() throws IOException {
    byte[] row = peekRow();
    if (row == null) {
      return;
    }
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
