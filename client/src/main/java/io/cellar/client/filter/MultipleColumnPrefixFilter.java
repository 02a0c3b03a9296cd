package io.cellar.client.filter;

import com.google.protobuf.ByteString;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.proto.FilterProto;
import io.cellar.common.proto.MultipleColumnPrefixFilterProto;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Keeps the cells whose qualifier starts with any of several prefixes; between prefixes it
 * seeks to the next prefix, after the last one to the next family.
 */
public final class MultipleColumnPrefixFilter extends FilterBase {
  private final NavigableSet<byte[]> prefixes = new TreeSet<>(Bytes::compare);

  public MultipleColumnPrefixFilter(byte[][] prefixes) {
    for (byte[] p : prefixes) {
      this.prefixes.add(p.clone());
    }
  }

  public byte[][] getPrefixes() {
    return prefixes.stream().map(byte[]::clone).toArray(byte[][]::new);
  }

  private boolean hasPrefix(byte[] qualifier) {
    for (byte[] p : prefixes.headSet(qualifier, true).descendingSet()) {
      if (Bytes.startsWith(qualifier, p)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    byte[] qualifier = Cells.cloneQualifier(cell);
    if (hasPrefix(qualifier)) {
      return ReturnCode.INCLUDE;
    }
    // A later qualifier can only match a prefix sorting after this one.
    if (prefixes.higher(qualifier) == null && !SeekKeys.canSeekPastFamily(cell)) {
      return ReturnCode.NEXT_COL;
    }
    return ReturnCode.SEEK_NEXT_USING_HINT;
  }

  @Override
  public Cell getNextCellHint(Cell current) {
    byte[] next = prefixes.higher(Cells.cloneQualifier(current));
    return next == null ? SeekKeys.firstOnNextFamily(current)
        : SeekKeys.firstOnColumn(current, next);
  }

  @Override
  public FilterProto toProto() {
    MultipleColumnPrefixFilterProto.Builder b = MultipleColumnPrefixFilterProto.newBuilder();
    for (byte[] p : prefixes) {
      b.addPrefixes(ByteString.copyFrom(p));
    }
    return FilterProto.newBuilder().setMultipleColumnPrefix(b).build();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("MultipleColumnPrefixFilter(");
    for (byte[] p : prefixes) {
      sb.append(Bytes.toStringBinary(p)).append(' ');
    }
    return sb.toString().trim() + ")";
  }
}
