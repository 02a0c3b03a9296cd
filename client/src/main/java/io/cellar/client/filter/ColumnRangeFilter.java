package io.cellar.client.filter;

import com.google.protobuf.ByteString;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.proto.ColumnRangeFilterProto;
import io.cellar.common.proto.FilterProto;

/**
 * Keeps the cells whose qualifier lies between a min and a max column, each inclusive or not;
 * a null bound is open. Seeks to the min column, and past the family after the max.
 */
public final class ColumnRangeFilter extends FilterBase {
  private final byte[] minColumn;
  private final boolean minColumnInclusive;
  private final byte[] maxColumn;
  private final boolean maxColumnInclusive;

  public ColumnRangeFilter(byte[] minColumn, boolean minColumnInclusive, byte[] maxColumn,
      boolean maxColumnInclusive) {
    this.minColumn = minColumn == null ? null : minColumn.clone();
    this.minColumnInclusive = minColumnInclusive;
    this.maxColumn = maxColumn == null ? null : maxColumn.clone();
    this.maxColumnInclusive = maxColumnInclusive;
  }

  public byte[] getMinColumn() {
    return minColumn == null ? null : minColumn.clone();
  }

  public boolean isMinColumnInclusive() {
    return minColumnInclusive;
  }

  public byte[] getMaxColumn() {
    return maxColumn == null ? null : maxColumn.clone();
  }

  public boolean isMaxColumnInclusive() {
    return maxColumnInclusive;
  }

  private int compareQualifier(Cell cell, byte[] bound) {
    return Bytes.compare(cell.getQualifierArray(), cell.getQualifierOffset(),
        cell.getQualifierLength(), bound, 0, bound.length);
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    int cmpMin = minColumn == null ? 1 : compareQualifier(cell, minColumn);
    if (cmpMin < 0) {
      return ReturnCode.SEEK_NEXT_USING_HINT;
    }
    if (cmpMin == 0 && !minColumnInclusive) {
      return ReturnCode.NEXT_COL;
    }
    if (maxColumn == null) {
      return ReturnCode.INCLUDE;
    }
    int cmpMax = compareQualifier(cell, maxColumn);
    if (cmpMax < 0 || (cmpMax == 0 && maxColumnInclusive)) {
      return ReturnCode.INCLUDE;
    }
    return SeekKeys.canSeekPastFamily(cell) ? ReturnCode.SEEK_NEXT_USING_HINT
        : ReturnCode.NEXT_COL;
  }

  @Override
  public Cell getNextCellHint(Cell current) {
    if (minColumn != null && compareQualifier(current, minColumn) < 0) {
      return SeekKeys.firstOnColumn(current, minColumn);
    }
    return SeekKeys.firstOnNextFamily(current);
  }

  @Override
  public FilterProto toProto() {
    ColumnRangeFilterProto.Builder b = ColumnRangeFilterProto.newBuilder()
        .setMinColumnInclusive(minColumnInclusive).setMaxColumnInclusive(maxColumnInclusive);
    if (minColumn != null) {
      b.setMinColumn(ByteString.copyFrom(minColumn));
    }
    if (maxColumn != null) {
      b.setMaxColumn(ByteString.copyFrom(maxColumn));
    }
    return FilterProto.newBuilder().setColumnRange(b).build();
  }

  @Override
  public String toString() {
    return "ColumnRangeFilter(" + (minColumnInclusive ? "[" : "(")
        + (minColumn == null ? "" : Bytes.toStringBinary(minColumn)) + ", "
        + (maxColumn == null ? "" : Bytes.toStringBinary(maxColumn))
        + (maxColumnInclusive ? "]" : ")") + ")";
  }
}
