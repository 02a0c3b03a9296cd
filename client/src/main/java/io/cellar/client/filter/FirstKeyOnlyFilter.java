package io.cellar.client.filter;

import io.cellar.common.cell.Cell;
import io.cellar.common.proto.FilterProto;
import io.cellar.common.proto.FirstKeyOnlyFilterProto;

/** Keeps only the first cell of each row (row counting, key listing). */
public final class FirstKeyOnlyFilter extends FilterBase {
  private boolean foundCell;

  @Override
  public void reset() {
    foundCell = false;
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    if (foundCell) {
      return ReturnCode.NEXT_ROW;
    }
    foundCell = true;
    return ReturnCode.INCLUDE;
  }

  @Override
  public FilterProto toProto() {
    return FilterProto.newBuilder().setFirstKeyOnly(FirstKeyOnlyFilterProto.getDefaultInstance())
        .build();
  }
}
