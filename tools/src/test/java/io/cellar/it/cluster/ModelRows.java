package io.cellar.it.cluster;

import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the end-to-end test. Row {@code i}'s key and cells follow from {@code i} alone, so
 * any read can be checked against what it must return. Row i ({@code r%06d}) holds, in cell
 * order: {@code f:a = "a-<i>"}, {@code f:b = "b-<i%100, 2 digits>"}, {@code f:c} = a colour
 * ({@code i % 5}), {@code g:x = "x<i%3>"} only when {@code i % 4 != 0}, {@code g:y = "y<i%7>"};
 * every cell at timestamp {@code 1000 + i % 10}.
 */
final class ModelRows {
  static final String[] COLORS = {"red", "green", "blue", "cyan", "magenta"};
  static final byte[] F = Bytes.toBytes("f");
  static final byte[] G = Bytes.toBytes("g");

  private ModelRows() {}

  /** One expected cell. */
  record ModelCell(String family, String qualifier, long ts, String value) {
    String render() {
      return family + ":" + qualifier + "@" + ts + "=" + value;
    }

    ModelCell withValue(String v) {
      return new ModelCell(family, qualifier, ts, v);
    }
  }

  static String rowKey(int i) {
    return String.format("r%06d", i);
  }

  static long timestamp(int i) {
    return 1000 + i % 10;
  }

  /** Row i's cells in the store's order (family, then qualifier). */
  static List<ModelCell> cells(int i) {
    long ts = timestamp(i);
    List<ModelCell> cells = new ArrayList<>(5);
    cells.add(new ModelCell("f", "a", ts, "a-" + i));
    cells.add(new ModelCell("f", "b", ts, String.format("b-%02d", i % 100)));
    cells.add(new ModelCell("f", "c", ts, COLORS[i % COLORS.length]));
    if (i % 4 != 0) {
      cells.add(new ModelCell("g", "x", ts, "x" + (i % 3)));
    }
    cells.add(new ModelCell("g", "y", ts, "y" + (i % 7)));
    return cells;
  }

  static Put put(int i) {
    Put p = new Put(Bytes.toBytes(rowKey(i)));
    for (ModelCell c : cells(i)) {
      p.addColumn(Bytes.toBytes(c.family()), Bytes.toBytes(c.qualifier()), c.ts(),
          Bytes.toBytes(c.value()));
    }
    return p;
  }

  /** {@code count} rows split evenly into {@code regions} regions: the split keys. */
  static byte[][] splitKeys(int count, int regions) {
    byte[][] keys = new byte[regions - 1][];
    for (int r = 1; r < regions; r++) {
      keys[r - 1] = Bytes.toBytes(rowKey((int) ((long) count * r / regions)));
    }
    return keys;
  }

  /** "row cell cell ...", the form both expectations and results are compared in. */
  static String render(String row, List<ModelCell> cells) {
    StringBuilder sb = new StringBuilder(row);
    for (ModelCell c : cells) {
      sb.append(' ').append(c.render());
    }
    return sb.toString();
  }

  /** A Result in the form of {@link #render(String, List)}. */
  static String render(Result r) {
    List<ModelCell> cells = new ArrayList<>(r.size());
    for (Cell c : r.rawCells()) {
      cells.add(new ModelCell(Bytes.toString(Cells.cloneFamily(c)),
          Bytes.toString(Cells.cloneQualifier(c)), c.getTimestamp(),
          Bytes.toString(Cells.cloneValue(c))));
    }
    return render(Bytes.toString(r.getRow()), cells);
  }
}
