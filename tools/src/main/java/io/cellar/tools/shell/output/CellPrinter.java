package io.cellar.tools.shell.output;

import io.cellar.client.Result;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import java.io.PrintWriter;

/**
 * Prints rows the way the HBase shell does: a scan as {@code ROW  COLUMN+CELL} with one line
 * per cell ({@code  r1   column=cf:a, timestamp=1700000000000, value=v1}), a get as
 * {@code COLUMN  CELL}. Bytes that are not printable ASCII (and backslash) appear as
 * {@code \xNN}, so any key can be copied back into a double-quoted string.
 */
public final class CellPrinter {
  /** Width of the first column, as HBase's shell (longer keys push the cell right). */
  static final int KEY_WIDTH = 34;

  private final PrintWriter out;

  public CellPrinter(PrintWriter out) {
    this.out = out;
  }

  public void scanHeader() {
    out.println(pad("ROW") + " COLUMN+CELL");
  }

  public void getHeader() {
    out.println(pad("COLUMN") + " CELL");
  }

  /** Every cell of a scanned row. */
  public void scanRow(Result r) {
    for (Cell c : r.listCells()) {
      out.println(pad(" " + Bytes.toStringBinary(r.getRow())) + " column=" + column(c) + ", "
          + cell(c));
    }
  }

  /** Every cell of a row read by get. */
  public void getRow(Result r) {
    for (Cell c : r.listCells()) {
      out.println(pad(" " + column(c)) + " " + cell(c));
    }
  }

  /** {@code cf:qualifier}, binary-safe. */
  public static String column(Cell c) {
    return Bytes.toStringBinary(c.getFamilyArray(), c.getFamilyOffset(), c.getFamilyLength())
        + ":" + Bytes.toStringBinary(c.getQualifierArray(), c.getQualifierOffset(),
            c.getQualifierLength());
  }

  private static String cell(Cell c) {
    return "timestamp=" + c.getTimestamp() + ", value="
        + Bytes.toStringBinary(c.getValueArray(), c.getValueOffset(), c.getValueLength());
  }

  static String pad(String s) {
    if (s.length() >= KEY_WIDTH) {
      return s;
    }
    return s + " ".repeat(KEY_WIDTH - s.length());
  }
}
