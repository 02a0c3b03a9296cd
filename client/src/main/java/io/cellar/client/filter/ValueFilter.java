package io.cellar.client.filter;

import io.cellar.client.CompareOperator;
import io.cellar.common.cell.Cell;
import io.cellar.common.proto.FilterProto;

/** Keeps the cells whose value satisfies {@code value OP operand}. */
public final class ValueFilter extends CompareFilter {
  public ValueFilter(CompareOperator op, ByteArrayComparable comparator) {
    super(op, comparator);
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    return passes(cell.getValueArray(), cell.getValueOffset(), cell.getValueLength())
        ? ReturnCode.INCLUDE : ReturnCode.SKIP;
  }

  @Override
  public FilterProto toProto() {
    return FilterProto.newBuilder().setValue(compareProto()).build();
  }
}
