package io.cellar.client;

/**
 * How a filter or a checkAndMutate condition compares two byte strings, as HBase's
 * CompareOperator. For filters the cell's part is on the left ({@code cellValue OP operand});
 * NO_OP never matches.
 */
public enum CompareOperator {
  LESS,
  LESS_OR_EQUAL,
  EQUAL,
  NOT_EQUAL,
  GREATER_OR_EQUAL,
  GREATER,
  NO_OP;

  /** True if {@code left OP right} holds, given {@code cmp = compare(left, right)}. */
  public boolean holdsFor(int cmp) {
    switch (this) {
      case LESS:
        return cmp < 0;
      case LESS_OR_EQUAL:
        return cmp <= 0;
      case EQUAL:
        return cmp == 0;
      case NOT_EQUAL:
        return cmp != 0;
      case GREATER_OR_EQUAL:
        return cmp >= 0;
      case GREATER:
        return cmp > 0;
      default:
        return false;
    }
  }
}
