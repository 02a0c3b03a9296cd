package io.cellar.client.filter;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.proto.FilterProto;
import io.cellar.common.proto.KeyOnlyFilterProto;

/**
 * Returns cells without their values (keys only); with lengthAsValue the value becomes the
 * original value's length as a 4-byte big-endian int.
 */
public final class KeyOnlyFilter extends FilterBase {
  private final boolean lengthAsValue;

  public KeyOnlyFilter() {
    this(false);
  }

  public KeyOnlyFilter(boolean lengthAsValue) {
    this.lengthAsValue = lengthAsValue;
  }

  public boolean isLengthAsValue() {
    return lengthAsValue;
  }

  @Override
  public Cell transformCell(Cell cell) {
    byte[] value = lengthAsValue ? Bytes.toBytes(cell.getValueLength()) : Bytes.EMPTY;
    KeyValue kv = KeyValue.create(Cells.cloneRow(cell), Cells.cloneFamily(cell),
        Cells.cloneQualifier(cell), cell.getTimestamp(), cell.getType(), value);
    kv.setSequenceId(cell.getSequenceId());
    return kv;
  }

  @Override
  public FilterProto toProto() {
    return FilterProto.newBuilder()
        .setKeyOnly(KeyOnlyFilterProto.newBuilder().setLengthAsValue(lengthAsValue)).build();
  }

  @Override
  public String toString() {
    return "KeyOnlyFilter(" + lengthAsValue + ")";
  }
}
