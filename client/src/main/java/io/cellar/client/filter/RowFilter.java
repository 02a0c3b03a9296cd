package io.cellar.client.filter;

import io.cellar.client.CompareOperator;
import io.cellar.common.cell.Cell;
import io.cellar.common.proto.FilterProto;

/** Keeps the rows whose key satisfies {@code row OP operand}. */
public final class RowFilter extends CompareFilter {
  private boolean filterOutRow;

  public RowFilter(CompareOperator op, ByteArrayComparable comparator) {
    super(op, comparator);
  }

  @Override
  public void reset() {
    filterOutRow = false;
  }

  @Override
  public boolean filterRowKey(Cell firstRowCell) {
    if (!passes(firstRowCell.getRowArray(), firstRowCell.getRowOffset(),
        firstRowCell.getRowLength())) {
      filterOutRow = true;
    }
    return filterOutRow;
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    return filterOutRow ? ReturnCode.NEXT_ROW : ReturnCode.INCLUDE;
  }

  @Override
  public boolean filterRow() {
    return filterOutRow;
  }

  @Override
  public FilterProto toProto() {
    return FilterProto.newBuilder().setRow(compareProto()).build();
  }
}
