package io.cellar.client.filter;

import io.cellar.client.CompareOperator;
import io.cellar.common.cell.Cell;
import io.cellar.common.proto.FilterProto;

/** Keeps the cells whose qualifier satisfies {@code qualifier OP operand}. */
public final class QualifierFilter extends CompareFilter {
  public QualifierFilter(CompareOperator op, ByteArrayComparable comparator) {
    super(op, comparator);
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    return passes(cell.getQualifierArray(), cell.getQualifierOffset(),
        cell.getQualifierLength()) ? ReturnCode.INCLUDE : ReturnCode.SKIP;
  }

  @Override
  public FilterProto toProto() {
    return FilterProto.newBuilder().setQualifier(compareProto()).build();
  }
}
