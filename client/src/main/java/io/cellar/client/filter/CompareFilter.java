package io.cellar.client.filter;

import io.cellar.client.CompareOperator;
import io.cellar.common.proto.CompareFilterProto;

/**
 * Base of the filters that compare one part of a cell (row, family, qualifier, value) with a
 * comparator: a cell part passes when {@code part OP operand}. NO_OP never passes.
 */
public abstract class CompareFilter extends FilterBase {
  protected final CompareOperator op;
  protected final ByteArrayComparable comparator;

  protected CompareFilter(CompareOperator op, ByteArrayComparable comparator) {
    if (op == null || comparator == null) {
      throw new IllegalArgumentException("A compare filter needs an operator and a comparator");
    }
    this.op = op;
    this.comparator = comparator;
  }

  public CompareOperator getCompareOperator() {
    return op;
  }

  public ByteArrayComparable getComparator() {
    return comparator;
  }

  /** True if {@code data[offset, offset + length) OP operand} holds. */
  protected boolean passes(byte[] data, int offset, int length) {
    return passes(op, comparator, data, offset, length);
  }

  static boolean passes(CompareOperator op, ByteArrayComparable comparator, byte[] data,
      int offset, int length) {
    if (op == CompareOperator.NO_OP) {
      return false;
    }
    // comparator.compareTo is compare(operand, part); the part is the left side.
    return op.holdsFor(-Integer.signum(comparator.compareTo(data, offset, length)));
  }

  protected CompareFilterProto compareProto() {
    return CompareFilterProto.newBuilder().setCompareOperator(Filters.toProto(op))
        .setComparator(comparator.toProto()).build();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + op + ", " + comparator + ")";
  }
}
