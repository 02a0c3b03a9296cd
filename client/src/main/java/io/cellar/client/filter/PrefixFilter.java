package io.cellar.client.filter;

import com.google.protobuf.ByteString;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.proto.FilterProto;

/**
 * Keeps the rows whose key starts with a prefix. On a forward scan rows before the prefix are
 * skipped with a hint to it; once past the prefix (in scan order) the scan ends
 * (filterAllRemaining).
 */
public final class PrefixFilter extends FilterBase {
  private final byte[] prefix;
  private boolean filterOutRow = true;
  private boolean passedPrefix;
  private boolean provideHint;

  public PrefixFilter(byte[] prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("Prefix is null");
    }
    this.prefix = prefix.clone();
  }

  public byte[] getPrefix() {
    return prefix.clone();
  }

  @Override
  public void reset() {
    filterOutRow = true;
  }

  @Override
  public boolean filterRowKey(Cell firstRowCell) {
    if (filterAllRemaining()) {
      return true;
    }
    int len = Math.min(firstRowCell.getRowLength(), prefix.length);
    int cmp = Bytes.compare(firstRowCell.getRowArray(), firstRowCell.getRowOffset(), len,
        prefix, 0, prefix.length);
    if (isReversed()) {
      cmp = -cmp;
    }
    if (cmp > 0) {
      passedPrefix = true;
    }
    filterOutRow = cmp != 0;
    // A reversed scan has no simple seek key before the prefix rows: it walks row by row.
    provideHint = cmp < 0 && !isReversed();
    return filterOutRow;
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    if (filterOutRow) {
      return provideHint ? ReturnCode.SEEK_NEXT_USING_HINT : ReturnCode.NEXT_ROW;
    }
    return ReturnCode.INCLUDE;
  }

  @Override
  public boolean filterRow() {
    return filterOutRow;
  }

  @Override
  public boolean filterAllRemaining() {
    return passedPrefix;
  }

  @Override
  public Cell getNextCellHint(Cell current) {
    // Only given on forward scans: the first row that can carry the prefix.
    return KeyValue.firstOnRow(prefix);
  }

  @Override
  public FilterProto toProto() {
    return FilterProto.newBuilder().setPrefix(ByteString.copyFrom(prefix)).build();
  }

  @Override
  public String toString() {
    return "PrefixFilter(" + Bytes.toStringBinary(prefix) + ")";
  }
}
