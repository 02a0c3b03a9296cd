package io.cellar.client;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The cells of one row returned by a Get or a Scan, as HBase's Result: immutable, cells in
 * cell order (family, qualifier, newest version first). An existence-only Get yields a Result
 * with no cells and {@link #getExists()} set. A Scan with a batch size may split a row over
 * several Results; all but the last say {@link #mayHaveMoreCellsInRow()}. Lookups that find
 * nothing return null, as HBase does. A Result decoded from a scan response may hold its row as
 * a slice of the response's cell block and make its cell objects only when first asked for
 * them (a reader that only counts rows or reads the row key never pays for them).
 */
public final class Result {
  public static final Result EMPTY_RESULT = new Result(List.of(), null, false);

  // null until first needed when the Result is a slice of a cell block; once set, published
  // through the final fields of the read-only list wrappers, so racing readers see whole cells
  private List<Cell> cells;
  private final int size;
  private final byte[] block; // null unless a slice of a cell block
  private final int[] offsets; // cell i spans [offsets[from + i], offsets[from + i + 1])
  private final int from;
  private final Boolean exists;
  private final boolean mayHaveMoreCellsInRow;

  private Result(List<Cell> cells, Boolean exists, boolean mayHaveMoreCellsInRow) {
    this.cells = cells;
    this.size = cells.size();
    this.block = null;
    this.offsets = null;
    this.from = 0;
    this.exists = exists;
    this.mayHaveMoreCellsInRow = mayHaveMoreCellsInRow;
  }

  private Result(byte[] block, int[] offsets, int from, int count,
      boolean mayHaveMoreCellsInRow) {
    this.size = count;
    this.block = block;
    this.offsets = offsets;
    this.from = from;
    this.exists = null;
    this.mayHaveMoreCellsInRow = mayHaveMoreCellsInRow;
  }

  /**
   * A Result over {@code count > 0} KeyValue encodings of {@code block} that start at
   * {@code offsets[from]}, ..., {@code offsets[from + count - 1]} and end at
   * {@code offsets[from + count]}, as a server sent them; cells are made on first use.
   * REQUIRES: well-formed encodings (checked by the caller) of one row, in cell order; neither
   * array is modified afterwards.
   */
  public static Result ofEncodedRow(byte[] block, int[] offsets, int from, int count,
      boolean mayHaveMoreCellsInRow) {
    if (count <= 0 || from < 0 || from + count >= offsets.length) {
      throw new IllegalArgumentException("cells [" + from + ", +" + count + ") of "
          + (offsets.length - 1));
    }
    return new Result(block, offsets, from, count, mayHaveMoreCellsInRow);
  }

  /** The cells, made from the cell block on first use. */
  private List<Cell> cells() {
    List<Cell> c = cells;
    if (c == null) {
      Cell[] made = new Cell[size];
      for (int i = 0; i < size; i++) {
        int off = offsets[from + i];
        made[i] = new KeyValue(block, off, offsets[from + i + 1] - off);
      }
      c = Collections.unmodifiableList(Arrays.asList(made));
      cells = c;
    }
    return c;
  }

  /** REQUIRES: cells of one row. They are sorted into cell order if they are not already. */
  public static Result create(List<? extends Cell> cells) {
    return create(cells, null, false);
  }

  public static Result create(List<? extends Cell> cells, Boolean exists,
      boolean mayHaveMoreCellsInRow) {
    List<Cell> copy = new ArrayList<>(cells);
    if (!isSorted(copy)) {
      copy.sort(CellComparator.INSTANCE);
    }
    for (int i = 1; i < copy.size(); i++) {
      if (!Cells.matchingRow(copy.get(0), copy.get(i))) {
        throw new IllegalArgumentException("A Result holds one row, got "
            + Cells.toString(copy.get(0)) + " and " + Cells.toString(copy.get(i)));
      }
    }
    return new Result(Collections.unmodifiableList(copy), exists, mayHaveMoreCellsInRow);
  }

  /**
   * A Result over {@code cells} as a server sent them, without the checks and the copy of
   * {@link #create}. REQUIRES: cells of one row, in cell order; the list is kept (read only),
   * so the caller must not modify it afterwards.
   */
  public static Result ofSortedRow(List<? extends Cell> cells, Boolean exists,
      boolean mayHaveMoreCellsInRow) {
    if (cells.isEmpty() && exists == null && !mayHaveMoreCellsInRow) {
      return EMPTY_RESULT;
    }
    return new Result(Collections.unmodifiableList(cells), exists, mayHaveMoreCellsInRow);
  }

  /** The answer to an existence-only Get. */
  public static Result ofExists(boolean exists) {
    return new Result(List.of(), exists, false);
  }

  private static boolean isSorted(List<Cell> cells) {
    for (int i = 1; i < cells.size(); i++) {
      if (CellComparator.INSTANCE.compare(cells.get(i - 1), cells.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  /** The cells, in cell order (a copy). */
  public Cell[] rawCells() {
    return cells().toArray(new Cell[0]);
  }

  /** The cells, in cell order (read only). */
  public List<Cell> listCells() {
    return cells();
  }

  /** The row, or null if the Result is empty. */
  public byte[] getRow() {
    if (size == 0) {
      return null;
    }
    if (block != null) { // the row of the first encoding: 2-byte length at +8, bytes at +10
      int off = offsets[from];
      int rowLen = ((block[off + 8] & 0xff) << 8) | (block[off + 9] & 0xff);
      return Arrays.copyOfRange(block, off + 10, off + 10 + rowLen);
    }
    return Cells.cloneRow(cells.get(0));
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public int size() {
    return size;
  }

  /** For an existence-only Get: whether the row matched; null otherwise. */
  public Boolean getExists() {
    return exists;
  }

  public boolean mayHaveMoreCellsInRow() {
    return mayHaveMoreCellsInRow;
  }

  /** The value of the first cell (the first column's newest version), or null. */
  public byte[] value() {
    return size == 0 ? null : Cells.cloneValue(cells().get(0));
  }

  /** The newest version of the column, or null. */
  public Cell getColumnLatestCell(byte[] family, byte[] qualifier) {
    int i = firstIndexOfColumn(family, qualifier);
    return i < 0 ? null : cells().get(i);
  }

  /** The value of the column's newest version, or null. */
  public byte[] getValue(byte[] family, byte[] qualifier) {
    Cell c = getColumnLatestCell(family, qualifier);
    return c == null ? null : Cells.cloneValue(c);
  }

  public boolean containsColumn(byte[] family, byte[] qualifier) {
    return firstIndexOfColumn(family, qualifier) >= 0;
  }

  /** True if the column is present with a non-empty value. */
  public boolean containsNonEmptyColumn(byte[] family, byte[] qualifier) {
    Cell c = getColumnLatestCell(family, qualifier);
    return c != null && c.getValueLength() > 0;
  }

  /** Every version of the column, newest first (empty if absent). */
  public List<Cell> getColumnCells(byte[] family, byte[] qualifier) {
    byte[] q = qualifier == null ? Bytes.EMPTY : qualifier;
    int i = firstIndexOfColumn(family, q);
    if (i < 0) {
      return List.of();
    }
    List<Cell> cells = cells();
    List<Cell> out = new ArrayList<>();
    while (i < cells.size() && Cells.matchingFamily(cells.get(i), family)
        && Cells.matchingQualifier(cells.get(i), q)) {
      out.add(cells.get(i++));
    }
    return Collections.unmodifiableList(out);
  }

  /** Qualifier → newest value of each column of the family (empty if none). */
  public NavigableMap<byte[], byte[]> getFamilyMap(byte[] family) {
    NavigableMap<byte[], byte[]> out = new TreeMap<>(Bytes::compare);
    for (Cell c : cells()) {
      if (Cells.matchingFamily(c, family)) {
        out.putIfAbsent(Cells.cloneQualifier(c), Cells.cloneValue(c));
      }
    }
    return out;
  }

  /** Family → qualifier → timestamp → value, every version; timestamps newest first. */
  public NavigableMap<byte[], NavigableMap<byte[], NavigableMap<Long, byte[]>>> getMap() {
    NavigableMap<byte[], NavigableMap<byte[], NavigableMap<Long, byte[]>>> out =
        new TreeMap<>(Bytes::compare);
    for (Cell c : cells()) {
      out.computeIfAbsent(Cells.cloneFamily(c), f -> new TreeMap<>(Bytes::compare))
          .computeIfAbsent(Cells.cloneQualifier(c), q -> new TreeMap<>(Collections.reverseOrder()))
          .putIfAbsent(c.getTimestamp(), Cells.cloneValue(c));
    }
    return out;
  }

  /** Index of the newest cell of the column, or -1. Binary search: cells are sorted. */
  private int firstIndexOfColumn(byte[] family, byte[] qualifier) {
    if (size == 0) {
      return -1;
    }
    List<Cell> cells = cells();
    Cell first = cells.get(0);
    KeyValue key = KeyValue.firstOnColumn(Cells.cloneRow(first), family,
        qualifier == null ? Bytes.EMPTY : qualifier);
    int lo = 0;
    int hi = cells.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (CellComparator.INSTANCE.compare(cells.get(mid), key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    if (lo < cells.size() && Cells.matchingFamily(cells.get(lo), family)
        && Cells.matchingQualifier(cells.get(lo), qualifier == null ? Bytes.EMPTY : qualifier)) {
      return lo;
    }
    return -1;
  }

  @Override
  public String toString() {
    if (exists != null && size == 0) {
      return "Result{exists=" + exists + "}";
    }
    return "Result{cells=" + cells() + (mayHaveMoreCellsInRow ? ", partial" : "") + "}";
  }
}
