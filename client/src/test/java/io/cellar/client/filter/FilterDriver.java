package io.cellar.client.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.filter.Filter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Feeds rows through the Filter contract as the region server will: per row reset,
 * filterRowKey, filterCell per cell (honouring column/row skips and seek hints),
 * transformCell, filterRowCells, filterRow; filterAllRemaining before each row and cell.
 * Rows are given as cells in cell order; reversed runs walk rows backwards.
 */
final class FilterDriver {
  private FilterDriver() {}

  static KeyValue cell(String row, String family, String qualifier, long ts, String value) {
    return KeyValue.create(Bytes.toBytes(row), Bytes.toBytes(family), Bytes.toBytes(qualifier),
        ts, Bytes.toBytes(value));
  }

  static List<String> run(Filter filter, List<? extends Cell> cells) {
    return run(filter, cells, false);
  }

  /** The kept cells as "row fam:qual@ts=value", one string per cell, rows in scan order. */
  static List<String> run(Filter filter, List<? extends Cell> cells, boolean reversed) {
    List<String> out = new ArrayList<>();
    for (List<Cell> row : runRows(filter, cells, reversed)) {
      for (Cell c : row) {
        out.add(render(c));
      }
    }
    return out;
  }

  static String render(Cell c) {
    return Bytes.toStringBinary(Cells.cloneRow(c)) + " "
        + Bytes.toStringBinary(Cells.cloneFamily(c)) + ":"
        + Bytes.toStringBinary(Cells.cloneQualifier(c)) + "@" + c.getTimestamp() + "="
        + Bytes.toStringBinary(Cells.cloneValue(c));
  }

  static List<List<Cell>> runRows(Filter filter, List<? extends Cell> cells, boolean reversed) {
    List<Cell> sorted = new ArrayList<>(cells);
    sorted.sort(CellComparator.INSTANCE);
    List<List<Cell>> rows = new ArrayList<>();
    for (Cell c : sorted) {
      if (rows.isEmpty() || !Cells.matchingRow(rows.get(rows.size() - 1).get(0), c)) {
        rows.add(new ArrayList<>());
      }
      rows.get(rows.size() - 1).add(c);
    }
    if (reversed) {
      Collections.reverse(rows);
    }
    List<List<Cell>> out = new ArrayList<>();
    int r = 0;
    int startCell = 0;
    boolean done = false;
    while (r < rows.size() && !done) {
      if (filter.filterAllRemaining()) {
        break;
      }
      List<Cell> row = rows.get(r);
      filter.reset();
      if (filter.filterRowKey(row.get(0))) {
        r++;
        startCell = 0;
        continue;
      }
      List<Cell> kept = new ArrayList<>();
      int i = startCell;
      int nextRow = r + 1;
      int nextRowStart = 0;
      while (i < row.size()) {
        if (filter.filterAllRemaining()) {
          done = true;
          break;
        }
        Cell c = row.get(i);
        Filter.ReturnCode rc = filter.filterCell(c);
        switch (rc) {
          case INCLUDE:
            kept.add(filter.transformCell(c));
            i++;
            break;
          case INCLUDE_AND_NEXT_COL:
            kept.add(filter.transformCell(c));
            i = skipColumn(row, i);
            break;
          case INCLUDE_AND_SEEK_NEXT_ROW:
            kept.add(filter.transformCell(c));
            i = row.size();
            break;
          case SKIP:
            i++;
            break;
          case NEXT_COL:
            i = skipColumn(row, i);
            break;
          case NEXT_ROW:
            i = row.size();
            break;
          case SEEK_NEXT_USING_HINT:
            Cell hint = filter.getNextCellHint(c);
            assertNotNull(hint, "SEEK_NEXT_USING_HINT without a hint at " + c);
            assertTrue(CellComparator.INSTANCE.compare(hint, c) > 0 || reversed
                    && !Cells.matchingRow(hint, c),
                "hint " + hint + " does not move past " + c);
            if (Cells.matchingRow(hint, c)) {
              while (i < row.size() && CellComparator.INSTANCE.compare(row.get(i), hint) < 0) {
                i++;
              }
            } else {
              assertTrue(!reversed, "row seek hint on a reversed scan: " + hint);
              i = row.size();
              nextRow = r + 1;
              while (nextRow < rows.size()
                  && CellComparator.INSTANCE.compareRows(rows.get(nextRow).get(0), hint) < 0) {
                nextRow++;
              }
              if (nextRow < rows.size()) {
                List<Cell> target = rows.get(nextRow);
                while (nextRowStart < target.size()
                    && CellComparator.INSTANCE.compare(target.get(nextRowStart), hint) < 0) {
                  nextRowStart++;
                }
              }
            }
            break;
          default:
            throw new AssertionError(rc);
        }
      }
      if (!kept.isEmpty()) {
        if (filter.hasFilterRow()) {
          filter.filterRowCells(kept);
        }
        if (!kept.isEmpty() && !filter.filterRow()) {
          out.add(kept);
        }
      }
      r = nextRow;
      startCell = nextRowStart;
    }
    return out;
  }

  private static int skipColumn(List<Cell> row, int i) {
    Cell c = row.get(i);
    int j = i + 1;
    while (j < row.size() && Cells.matchingColumn(row.get(j), c)) {
      j++;
    }
    return j;
  }

  /** Asserts two fresh filters (say, one and its protobuf copy) keep exactly the same cells. */
  static void assertSameBehaviour(Filter a, Filter b, List<? extends Cell> cells) {
    assertEquals(run(a, cells), run(b, cells));
  }
}
