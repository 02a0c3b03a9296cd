package io.cellar.tools.shell.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints a small table with a header row and columns padded to their widest cell, separated
 * by " | " (as HBase's list_regions).
 */
public final class TablePrinter {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();

  public TablePrinter(String... header) {
    this.header = List.of(header);
  }

  /** REQUIRES: as many cells as header columns. */
  public TablePrinter add(String... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("Row of " + cells.length + " cells, header of "
          + header.size());
    }
    rows.add(List.of(cells));
    return this;
  }

  public void print(PrintWriter out) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> r : rows) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    line(out, header, widths);
    StringBuilder sep = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      sep.append(i == 0 ? "" : "-|-").append("-".repeat(widths[i]));
    }
    out.println(sep.toString().stripTrailing());
    for (List<String> r : rows) {
      line(out, r, widths);
    }
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      if (i > 0) {
        sb.append(" | ");
      }
      String c = cells.get(i);
      sb.append(c).append(" ".repeat(widths[i] - c.length()));
    }
    out.println(sb.toString().stripTrailing());
  }
}
