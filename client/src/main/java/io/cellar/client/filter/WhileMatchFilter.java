package io.cellar.client.filter;

import io.cellar.common.cell.Cell;
import io.cellar.common.filter.Filter;
import io.cellar.common.proto.FilterProto;
import java.util.List;

/**
 * Ends the scan at the first row or cell the wrapped filter rejects (the shell's WHILE):
 * once the inner filter drops a row key, a cell (any code but INCLUDE) or a row, every later
 * row is refused.
 */
public final class WhileMatchFilter extends FilterBase {
  private final Filter filter;
  private boolean filterAllRemaining;

  public WhileMatchFilter(Filter filter) {
    if (filter == null) {
      throw new IllegalArgumentException("WhileMatchFilter needs a filter");
    }
    this.filter = filter;
  }

  public Filter getFilter() {
    return filter;
  }

  @Override
  public void reset() {
    filter.reset();
  }

  @Override
  public boolean filterAllRemaining() {
    return filterAllRemaining || filter.filterAllRemaining();
  }

  @Override
  public boolean filterRowKey(Cell firstRowCell) {
    if (filterAllRemaining()) {
      return true;
    }
    boolean drop = filter.filterRowKey(firstRowCell);
    filterAllRemaining |= drop;
    return drop;
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    ReturnCode rc = filter.filterCell(cell);
    filterAllRemaining |= rc != ReturnCode.INCLUDE;
    return rc;
  }

  @Override
  public Cell transformCell(Cell cell) {
    return filter.transformCell(cell);
  }

  @Override
  public void filterRowCells(List<Cell> cells) {
    filter.filterRowCells(cells);
  }

  @Override
  public boolean hasFilterRow() {
    return true;
  }

  @Override
  public boolean filterRow() {
    boolean drop = filter.filterRow();
    filterAllRemaining |= drop;
    return drop;
  }

  @Override
  public Cell getNextCellHint(Cell current) {
    return filter.getNextCellHint(current);
  }

  @Override
  public boolean isFamilyEssential(byte[] family) {
    return filter.isFamilyEssential(family);
  }

  @Override
  public void setReversed(boolean reversed) {
    super.setReversed(reversed);
    if (filter instanceof FilterBase) {
      ((FilterBase) filter).setReversed(reversed);
    }
  }

  @Override
  public FilterProto toProto() {
    return FilterProto.newBuilder().setWhileMatch(Filters.toProto(filter)).build();
  }

  @Override
  public String toString() {
    return "WhileMatchFilter(" + filter + ")";
  }
}
