package io.cellar.client.filter;

import com.google.protobuf.ByteString;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.proto.FilterProto;

/**
 * Keeps the cells whose qualifier starts with a prefix. Qualifiers before the prefix are skipped
 * with a hint to it; qualifiers after it end the family (hint to the next family).
 */
public final class ColumnPrefixFilter extends FilterBase {
  private final byte[] prefix;

  public ColumnPrefixFilter(byte[] prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("Prefix is null");
    }
    this.prefix = prefix.clone();
  }

  public byte[] getPrefix() {
    return prefix.clone();
  }

  /** Negative: qualifier sorts before every prefixed one; 0: it has the prefix; positive: after. */
  private int position(Cell cell) {
    int qlen = cell.getQualifierLength();
    int len = Math.min(qlen, prefix.length);
    int cmp = Bytes.compare(cell.getQualifierArray(), cell.getQualifierOffset(), len,
        prefix, 0, len);
    if (cmp == 0) {
      return qlen >= prefix.length ? 0 : -1;
    }
    return cmp;
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    int pos = position(cell);
    if (pos == 0) {
      return ReturnCode.INCLUDE;
    }
    if (pos > 0 && !SeekKeys.canSeekPastFamily(cell)) {
      return ReturnCode.NEXT_COL;
    }
    return ReturnCode.SEEK_NEXT_USING_HINT;
  }

  @Override
  public Cell getNextCellHint(Cell current) {
    return position(current) > 0 ? SeekKeys.firstOnNextFamily(current)
        : SeekKeys.firstOnColumn(current, prefix);
  }

  @Override
  public FilterProto toProto() {
    return FilterProto.newBuilder().setColumnPrefix(ByteString.copyFrom(prefix)).build();
  }

  @Override
  public String toString() {
    return "ColumnPrefixFilter(" + Bytes.toStringBinary(prefix) + ")";
  }
}
