package io.cellar.client.filter;

import io.cellar.common.cell.Cell;
import io.cellar.common.proto.FilterProto;

/**
 * Passes at most pageSize rows, counted in filterRow (so rows dropped earlier do not count), and
 * then ends the scan. As in HBase the count is per region: a client-side limit is still needed
 * for an exact page across regions. Put it last in a MUST_PASS_ALL list.
 */
public final class PageFilter extends FilterBase {
  private final long pageSize;
  private long rowsAccepted;

  public PageFilter(long pageSize) {
    if (pageSize < 0) {
      throw new IllegalArgumentException("Page size cannot be negative: " + pageSize);
    }
    this.pageSize = pageSize;
  }

  public long getPageSize() {
    return pageSize;
  }

  @Override
  public boolean filterRowKey(Cell firstRowCell) {
    return filterAllRemaining();
  }

  @Override
  public boolean filterAllRemaining() {
    return rowsAccepted >= pageSize;
  }

  @Override
  public boolean hasFilterRow() {
    return true;
  }

  @Override
  public boolean filterRow() {
    rowsAccepted++;
    return rowsAccepted > pageSize;
  }

  @Override
  public FilterProto toProto() {
    return FilterProto.newBuilder().setPage(pageSize).build();
  }

  @Override
  public String toString() {
    return "PageFilter(" + pageSize + ")";
  }
}
