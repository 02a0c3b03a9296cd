package io.cellar.client.filter;

import io.cellar.common.cell.Cell;
import io.cellar.common.filter.Filter;
import io.cellar.common.proto.FilterProto;
import java.util.List;

/**
 * Drops a whole row when the wrapped filter rejects any of its cells (any code but INCLUDE):
 * the shell's SKIP, e.g. SKIP ValueFilter(!=, 'binary:0') drops rows with a zero value.
 */
public final class SkipFilter extends FilterBase {
  private final Filter filter;
  private boolean filterRow;

  public SkipFilter(Filter filter) {
    if (filter == null) {
      throw new IllegalArgumentException("SkipFilter needs a filter");
    }
    this.filter = filter;
  }

  public Filter getFilter() {
    return filter;
  }

  @Override
  public void reset() {
    filter.reset();
    filterRow = false;
  }

  @Override
  public boolean filterRowKey(Cell firstRowCell) {
    return filter.filterRowKey(firstRowCell);
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    ReturnCode rc = filter.filterCell(cell);
    filterRow |= rc != ReturnCode.INCLUDE;
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
    return filterRow;
  }

  @Override
  public boolean filterAllRemaining() {
    return filter.filterAllRemaining();
  }

  @Override
  public Cell getNextCellHint(Cell current) {
    return filter.getNextCellHint(current);
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
    return FilterProto.newBuilder().setSkip(Filters.toProto(filter)).build();
  }

  @Override
  public String toString() {
    return "SkipFilter(" + filter + ")";
  }
}
