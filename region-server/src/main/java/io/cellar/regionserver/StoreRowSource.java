package io.cellar.regionserver;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.lsm.read.StoreScanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link RowSource} over a {@link StoreScanner}. The store scanner returns the next row that
 * has visible cells, so when the row the region expected turns out empty the cells of the next
 * row arrive early; they are kept here and served as this source's next row.
 */
final class StoreRowSource implements RowSource {
  private final StoreScanner scanner;
  private final boolean reversed;
  private List<Cell> readAhead; // visible cells of the row after an empty one, or null

  StoreRowSource(StoreScanner scanner, boolean reversed) {
    this.scanner = scanner;
    this.reversed = reversed;
  }

  @Override
  public byte[] peekRow() {
    if (readAhead != null) {
      return Cells.cloneRow(readAhead.get(0));
    }
    Cell c = scanner.peek();
    return c == null ? null : Cells.cloneRow(c);
  }

  @Override
  public void readRow(List<Cell> out) throws IOException {
    if (readAhead != null) {
      out.addAll(readAhead);
      readAhead = null;
      return;
    }
    byte[] expected = peekRow();
    if (expected == null) {
      return;
    }
    List<Cell> cells = new ArrayList<>();
    if (!scanner.nextRow(cells) || cells.isEmpty()) {
      return;
    }
    if (Cells.matchingRow(cells.get(0), expected)) {
      out.addAll(cells);
    } else {
      readAhead = cells; // the expected row had nothing visible
    }
  }

  @Override
  public void skipRow() throws IOException {
    if (readAhead != null) {
      readAhead = null;
      return;
    }
    byte[] row = peekRow();
    if (row == null) {
      return;
    }
    if (!reversed) {
      scanner.seekToRow(Arrays.copyOf(row, row.length + 1)); // the smallest row after it
      return;
    }
    // going backwards there is no key just below a row: read it and drop it
    List<Cell> cells = new ArrayList<>();
    if (scanner.nextRow(cells) && !cells.isEmpty() && !Cells.matchingRow(cells.get(0), row)) {
      readAhead = cells;
    }
  }

  @Override
  public void close() {
    scanner.close();
  }
}
