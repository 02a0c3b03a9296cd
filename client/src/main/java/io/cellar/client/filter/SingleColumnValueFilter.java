package io.cellar.client.filter;

import com.google.protobuf.ByteString;
import io.cellar.client.CompareOperator;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.proto.FilterProto;
import io.cellar.common.proto.SingleColumnValueFilterProto;

/**
 * Keeps whole rows by the value of one column: a row passes when the column's value satisfies
 * {@code value OP operand}. Decided in filterRow, so every cell of the row is offered first.
 * A row without the column passes unless {@link #setFilterIfMissing}(true). With
 * latest-version-only (the default) only the newest version is tested; otherwise any version
 * that passes is enough.
 */
public final class SingleColumnValueFilter extends FilterBase {
  private final byte[] family;
  private final byte[] qualifier;
  private final CompareOperator op;
  private final ByteArrayComparable comparator;
  private boolean filterIfMissing;
  private boolean latestVersionOnly = true;
  private boolean foundColumn;
  private boolean matchedColumn;

  public SingleColumnValueFilter(byte[] family, byte[] qualifier, CompareOperator op,
      byte[] value) {
    this(family, qualifier, op, new BinaryComparator(value));
  }

  public SingleColumnValueFilter(byte[] family, byte[] qualifier, CompareOperator op,
      ByteArrayComparable comparator) {
    if (family == null || op == null || comparator == null) {
      throw new IllegalArgumentException(
          "SingleColumnValueFilter needs a family, an operator and a comparator");
    }
    this.family = family.clone();
    this.qualifier = qualifier == null ? Bytes.EMPTY : qualifier.clone();
    this.op = op;
    this.comparator = comparator;
  }

  public SingleColumnValueFilter setFilterIfMissing(boolean filterIfMissing) {
    this.filterIfMissing = filterIfMissing;
    return this;
  }

  public SingleColumnValueFilter setLatestVersionOnly(boolean latestVersionOnly) {
    this.latestVersionOnly = latestVersionOnly;
    return this;
  }

  public boolean getFilterIfMissing() {
    return filterIfMissing;
  }

  public boolean getLatestVersionOnly() {
    return latestVersionOnly;
  }

  public byte[] getFamily() {
    return family.clone();
  }

  public byte[] getQualifier() {
    return qualifier.clone();
  }

  public CompareOperator getCompareOperator() {
    return op;
  }

  public ByteArrayComparable getComparator() {
    return comparator;
  }

  @Override
  public void reset() {
    foundColumn = false;
    matchedColumn = false;
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    if (matchedColumn || (latestVersionOnly && foundColumn)) {
      return ReturnCode.INCLUDE;
    }
    if (!Cells.matchingFamily(cell, family) || !Cells.matchingQualifier(cell, qualifier)) {
      return ReturnCode.INCLUDE;
    }
    foundColumn = true;
    if (!CompareFilter.passes(op, comparator, cell.getValueArray(), cell.getValueOffset(),
        cell.getValueLength())) {
      // The row is lost (filterRow says so); with latest-only nothing later can save it.
      return latestVersionOnly ? ReturnCode.NEXT_ROW : ReturnCode.INCLUDE;
    }
    matchedColumn = true;
    return ReturnCode.INCLUDE;
  }

  @Override
  public boolean hasFilterRow() {
    return true;
  }

  @Override
  public boolean filterRow() {
    return foundColumn ? !matchedColumn : filterIfMissing;
  }

  @Override
  public boolean isFamilyEssential(byte[] name) {
    return !filterIfMissing || Bytes.compare(name, family) == 0;
  }

  @Override
  public FilterProto toProto() {
    return FilterProto.newBuilder().setSingleColumnValue(SingleColumnValueFilterProto.newBuilder()
        .setFamily(ByteString.copyFrom(family))
        .setQualifier(ByteString.copyFrom(qualifier))
        .setCompareOperator(Filters.toProto(op))
        .setComparator(comparator.toProto())
        .setFilterIfMissing(filterIfMissing)
        .setLatestVersionOnly(latestVersionOnly)).build();
  }

  @Override
  public String toString() {
    return "SingleColumnValueFilter(" + Bytes.toStringBinary(family) + ":"
        + Bytes.toStringBinary(qualifier) + " " + op + " " + comparator
        + (filterIfMissing ? ", filterIfMissing" : "")
        + (latestVersionOnly ? "" : ", allVersions") + ")";
  }
}
