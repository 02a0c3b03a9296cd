package io.cellar.client.filter;

import io.cellar.client.CompareOperator;
import io.cellar.common.cell.Cell;
import io.cellar.common.proto.FilterProto;

/**
 * Keeps the cells whose family satisfies {@code family OP operand}. A failing family is
 * skipped with a hint to the next family (NEXT_ROW would drop the other families of the row).
 */
public final class FamilyFilter extends CompareFilter {
  public FamilyFilter(CompareOperator op, ByteArrayComparable comparator) {
    super(op, comparator);
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    if (cell.getFamilyLength() > 0
        && !passes(cell.getFamilyArray(), cell.getFamilyOffset(), cell.getFamilyLength())) {
      return SeekKeys.canSeekPastFamily(cell) ? ReturnCode.SEEK_NEXT_USING_HINT
          : ReturnCode.NEXT_COL;
    }
    return ReturnCode.INCLUDE;
  }

  @Override
  public Cell getNextCellHint(Cell current) {
    return SeekKeys.firstOnNextFamily(current);
  }

  @Override
  public boolean isFamilyEssential(byte[] family) {
    return passes(family, 0, family.length);
  }

  @Override
  public FilterProto toProto() {
    return FilterProto.newBuilder().setFamily(compareProto()).build();
  }
}
