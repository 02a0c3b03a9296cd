package io.cellar.common.filter;

import io.cellar.common.cell.Cell;
import java.util.List;

/**
 * The contract of a server-side scan filter, as HBase defines it. The engine calls, per row:
 * {@link #filterRowKey} once, {@link #filterCell} for each cell that survives versions, deletes,
 * TTL, time range and column selection, then {@link #filterRowCells} and {@link #filterRow} when
 * {@link #hasFilterRow}; {@link #reset} between rows. Concrete filters live in the client module.
 * A filter instance is used by one scanner at a time and may keep state.
 */
public abstract class Filter {
  /** What to do with the cell just offered to {@link #filterCell}. */
  public enum ReturnCode {
    /** Keep the cell. */
    INCLUDE,
    /** Keep the cell, skip the other versions of its column. */
    INCLUDE_AND_NEXT_COL,
    /** Keep the cell, skip the rest of the row. */
    INCLUDE_AND_SEEK_NEXT_ROW,
    /** Drop the cell, look at the next one. */
    SKIP,
    /** Drop the cell and the other versions of its column. */
    NEXT_COL,
    /** Drop the cell and the rest of the row. */
    NEXT_ROW,
    /** Drop the cell and seek to {@link #getNextCellHint}. */
    SEEK_NEXT_USING_HINT
  }

  /** Called before each new row. */
  public void reset() {}

  /** True to drop the whole row, judged from its first cell. */
  public boolean filterRowKey(Cell firstRowCell) {
    return false;
  }

  public ReturnCode filterCell(Cell cell) {
    return ReturnCode.INCLUDE;
  }

  /** May replace an included cell (KeyOnlyFilter drops values). */
  public Cell transformCell(Cell cell) {
    return cell;
  }

  /** True if {@link #filterRowCells} or {@link #filterRow} must be called for each row. */
  public boolean hasFilterRow() {
    return false;
  }

  /** May edit the cells the row kept. */
  public void filterRowCells(List<Cell> cells) {}

  /** True to drop the row after all its cells were seen. */
  public boolean filterRow() {
    return false;
  }

  /** True when no later row can pass: the scan ends. */
  public boolean filterAllRemaining() {
    return false;
  }

  /** The key to seek to after {@link ReturnCode#SEEK_NEXT_USING_HINT}. */
  public Cell getNextCellHint(Cell current) {
    return null;
  }

  /** False when the family's cells cannot affect whether a row passes (lazy loading hint). */
  public boolean isFamilyEssential(byte[] family) {
    return true;
  }
}
