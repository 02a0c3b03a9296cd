package io.cellar.client.filter;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.filter.Filter;
import io.cellar.common.proto.FilterListProto;
import io.cellar.common.proto.FilterProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Combines filters, as HBase's FilterList. MUST_PASS_ALL (AND): a row or cell passes when every
 * member passes it; MUST_PASS_ONE (OR): when any member does. Return codes merge as
 * {@link ReturnCodes} says; seek hints merge to the farthest (AND) or the nearest (OR).
 * Under OR, a member that asked to skip a column, a row or up to a hint is not asked again
 * about the cells it skipped; its earlier answer stands for them. Only the members that
 * included a cell transform it. An empty list passes everything.
 */
public final class FilterList extends FilterBase {
  /** How members combine. */
  public enum Operator {
    MUST_PASS_ALL,
    MUST_PASS_ONE
  }

  private final Operator operator;
  private final List<Filter> filters = new ArrayList<>();
  /** Per member, for the current cell: did it include the cell? */
  private final List<Boolean> included = new ArrayList<>();
  /** Per member: the seek key it gave with its last SEEK_NEXT_USING_HINT. */
  private final List<Cell> hints = new ArrayList<>();
  /** OR only, per member: its last real answer and the cell it answered about. */
  private final List<Filter.ReturnCode> prevCodes = new ArrayList<>();
  private final List<Cell> prevCells = new ArrayList<>();

  public FilterList(Operator operator, List<? extends Filter> filters) {
    if (operator == null) {
      throw new IllegalArgumentException("FilterList needs an operator");
    }
    this.operator = operator;
    for (Filter f : filters) {
      addFilter(f);
    }
  }

  public FilterList(Operator operator, Filter... filters) {
    this(operator, Arrays.asList(filters));
  }

  /** MUST_PASS_ALL. */
  public FilterList(List<? extends Filter> filters) {
    this(Operator.MUST_PASS_ALL, filters);
  }

  /** MUST_PASS_ALL. */
  public FilterList(Filter... filters) {
    this(Operator.MUST_PASS_ALL, Arrays.asList(filters));
  }

  public FilterList addFilter(Filter filter) {
    if (filter == null) {
      throw new IllegalArgumentException("FilterList member is null");
    }
    if (filter instanceof FilterBase) {
      ((FilterBase) filter).setReversed(isReversed());
    }
    filters.add(filter);
    included.add(false);
    hints.add(null);
    prevCodes.add(null);
    prevCells.add(null);
    return this;
  }

  public Operator getOperator() {
    return operator;
  }

  public List<Filter> getFilters() {
    return Collections.unmodifiableList(filters);
  }

  private boolean isAnd() {
    return operator == Operator.MUST_PASS_ALL;
  }

  @Override
  public void reset() {
    for (int i = 0; i < filters.size(); i++) {
      filters.get(i).reset();
      hints.set(i, null);
      prevCodes.set(i, null);
      prevCells.set(i, null);
    }
  }

  @Override
  public boolean filterRowKey(Cell firstRowCell) {
    if (filters.isEmpty()) {
      return false;
    }
    // Every member sees the row key, even once the answer is known: some keep row state.
    boolean drop = !isAnd();
    for (Filter f : filters) {
      boolean memberDrops = f.filterAllRemaining() || f.filterRowKey(firstRowCell);
      drop = isAnd() ? drop || memberDrops : drop && memberDrops;
    }
    return drop;
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    if (filters.isEmpty()) {
      return ReturnCode.INCLUDE;
    }
    return isAnd() ? filterCellAll(cell) : filterCellOne(cell);
  }

  private ReturnCode filterCellAll(Cell cell) {
    ReturnCode rc = ReturnCode.INCLUDE;
    boolean anyHint = false;
    for (int i = 0; i < filters.size(); i++) {
      Filter f = filters.get(i);
      included.set(i, false);
      hints.set(i, null);
      if (f.filterAllRemaining()) {
        return ReturnCode.NEXT_ROW;
      }
      ReturnCode local = askForHint(i, cell, f.filterCell(cell));
      if (local == ReturnCode.SEEK_NEXT_USING_HINT) {
        anyHint = true;
      } else {
        rc = ReturnCodes.mergeAll(rc, local);
      }
      included.set(i, ReturnCodes.isInclude(local));
      if (rc == ReturnCode.NEXT_ROW) {
        return rc;
      }
    }
    return anyHint ? ReturnCode.SEEK_NEXT_USING_HINT : rc;
  }

  private ReturnCode filterCellOne(Cell cell) {
    ReturnCode rc = null;
    for (int i = 0; i < filters.size(); i++) {
      Filter f = filters.get(i);
      included.set(i, false);
      if (f.filterAllRemaining()) {
        continue;
      }
      ReturnCode local = answerFromPrevious(i, cell);
      if (local == null) {
        local = askForHint(i, cell, f.filterCell(cell));
        prevCodes.set(i, local);
        prevCells.set(i, needsPrevCell(local) ? KeyValue.copyOf(cell) : null);
      }
      rc = rc == null ? local : ReturnCodes.mergeOne(rc, local);
      included.set(i, ReturnCodes.isInclude(local));
    }
    return rc == null ? ReturnCode.SKIP : rc;
  }

  /** Fetches the member's hint right away (it may depend on the cell); no hint means SKIP. */
  private ReturnCode askForHint(int i, Cell cell, ReturnCode local) {
    if (local != ReturnCode.SEEK_NEXT_USING_HINT) {
      return local;
    }
    Cell hint = filters.get(i).getNextCellHint(cell);
    hints.set(i, hint);
    return hint == null ? ReturnCode.SKIP : local;
  }

  private static boolean needsPrevCell(ReturnCode rc) {
    return rc == ReturnCode.NEXT_COL || rc == ReturnCode.INCLUDE_AND_NEXT_COL
        || rc == ReturnCode.NEXT_ROW || rc == ReturnCode.INCLUDE_AND_SEEK_NEXT_ROW;
  }

  /** The member's standing answer for a cell its last answer skipped; null to ask it. */
  private ReturnCode answerFromPrevious(int i, Cell cell) {
    ReturnCode prev = prevCodes.get(i);
    if (prev == null) {
      return null;
    }
    Cell prevCell = prevCells.get(i);
    switch (prev) {
      case SEEK_NEXT_USING_HINT:
        return CellComparator.INSTANCE.compare(cell, hints.get(i)) < 0 ? prev : null;
      case NEXT_COL:
      case INCLUDE_AND_NEXT_COL:
        return Cells.matchingRow(prevCell, cell) && Cells.matchingColumn(prevCell, cell)
            ? ReturnCode.NEXT_COL : null;
      case NEXT_ROW:
      case INCLUDE_AND_SEEK_NEXT_ROW:
        return Cells.matchingRow(prevCell, cell) ? ReturnCode.NEXT_ROW : null;
      default:
        return null;
    }
  }

  @Override
  public Cell transformCell(Cell cell) {
    Cell out = cell;
    for (int i = 0; i < filters.size(); i++) {
      if (included.get(i)) {
        out = filters.get(i).transformCell(out);
      }
    }
    return out;
  }

  @Override
  public Cell getNextCellHint(Cell current) {
    Cell best = null;
    for (int i = 0; i < filters.size(); i++) {
      Cell h = hints.get(i);
      if (h == null || (!isAnd() && prevCodes.get(i) != ReturnCode.SEEK_NEXT_USING_HINT)) {
        continue;
      }
      int cmp = best == null ? 0 : CellComparator.INSTANCE.compare(h, best);
      if (best == null || (isAnd() ? cmp > 0 : cmp < 0)) {
        best = h;
      }
    }
    return best;
  }

  @Override
  public boolean hasFilterRow() {
    for (Filter f : filters) {
      if (f.hasFilterRow()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void filterRowCells(List<Cell> cells) {
    for (Filter f : filters) {
      f.filterRowCells(cells);
    }
  }

  @Override
  public boolean filterRow() {
    if (filters.isEmpty()) {
      return false;
    }
    for (Filter f : filters) {
      boolean drop = f.filterRow();
      if (isAnd() && drop) {
        return true;
      }
      if (!isAnd() && !drop) {
        return false;
      }
    }
    return !isAnd();
  }

  @Override
  public boolean filterAllRemaining() {
    if (filters.isEmpty()) {
      return false;
    }
    for (Filter f : filters) {
      boolean done = f.filterAllRemaining();
      if (isAnd() && done) {
        return true;
      }
      if (!isAnd() && !done) {
        return false;
      }
    }
    return !isAnd();
  }

  @Override
  public boolean isFamilyEssential(byte[] family) {
    if (filters.isEmpty()) {
      return true;
    }
    for (Filter f : filters) {
      if (f.isFamilyEssential(family)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void setReversed(boolean reversed) {
    super.setReversed(reversed);
    for (Filter f : filters) {
      if (f instanceof FilterBase) {
        ((FilterBase) f).setReversed(reversed);
      }
    }
  }

  @Override
  public FilterProto toProto() {
    FilterListProto.Builder b = FilterListProto.newBuilder().setMustPassAll(isAnd());
    for (Filter f : filters) {
      b.addFilters(Filters.toProto(f));
    }
    return FilterProto.newBuilder().setList(b).build();
  }

  @Override
  public String toString() {
    return "FilterList(" + operator + ", " + filters + ")";
  }
}
