package io.cellar.client;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.TimeRange;
import java.util.Arrays;

/**
 * An atomic compare-and-set on one row, as HBase 2's CheckAndMutate: if the condition on one
 * column holds, apply a Put, a Delete or a RowMutations. Built with
 * {@code CheckAndMutate.newBuilder(row).ifEquals(f, q, v).build(put)}.
 *
 * <p>The condition follows HBase exactly: {@code ifMatches(f, q, op, value)} holds when
 * {@code value OP currentValue} (the given value on the left), judged on the column's newest
 * version within the time range. A null or empty value means "the column is absent or empty"
 * (true for every operator except NOT_EQUAL, which then means "present and non-empty").
 * The server evaluates it with {@link #isConditionMet(Cell)}.
 */
public final class CheckAndMutate {
  private final byte[] row;
  private final byte[] family;
  private final byte[] qualifier;
  private final CompareOperator op;
  private final byte[] value;
  private final TimeRange timeRange;
  private final Object action;

  private CheckAndMutate(Builder b, Object action) {
    this.row = b.row;
    this.family = b.family;
    this.qualifier = b.qualifier;
    this.op = b.op;
    this.value = b.value;
    this.timeRange = b.timeRange;
    this.action = action;
  }

  public static Builder newBuilder(byte[] row) {
    return new Builder(row);
  }

  /** Collects the condition, then builds with the action. */
  public static final class Builder {
    private final byte[] row;
    private byte[] family;
    private byte[] qualifier;
    private CompareOperator op;
    private byte[] value;
    private TimeRange timeRange = TimeRange.ALL;

    private Builder(byte[] row) {
      this.row = RowKeys.checkRow(row).clone();
    }

    /** The column must not exist. */
    public Builder ifNotExists(byte[] family, byte[] qualifier) {
      return ifMatches(family, qualifier, CompareOperator.EQUAL, null);
    }

    public Builder ifEquals(byte[] family, byte[] qualifier, byte[] value) {
      return ifMatches(family, qualifier, CompareOperator.EQUAL, value);
    }

    /** Holds when {@code value OP currentValue}, as HBase. */
    public Builder ifMatches(byte[] family, byte[] qualifier, CompareOperator op, byte[] value) {
      if (op == null || op == CompareOperator.NO_OP) {
        throw new IllegalArgumentException("checkAndMutate needs a comparison, not " + op);
      }
      this.family = RowKeys.checkFamily(family).clone();
      this.qualifier = qualifier == null ? Bytes.EMPTY : qualifier.clone();
      this.op = op;
      this.value = value == null ? null : value.clone();
      return this;
    }

    public Builder timeRange(TimeRange range) {
      this.timeRange = range;
      return this;
    }

    public CheckAndMutate build(Put put) {
      return build((Object) put, put.row);
    }

    public CheckAndMutate build(Delete delete) {
      return build((Object) delete, delete.row);
    }

    public CheckAndMutate build(RowMutations mutations) {
      return build(mutations, mutations.getRow());
    }

    private CheckAndMutate build(Object action, byte[] actionRow) {
      if (op == null) {
        throw new IllegalStateException("No condition: call ifEquals, ifNotExists or ifMatches");
      }
      if (!Arrays.equals(actionRow, row)) {
        throw new IllegalArgumentException("The action's row " + Bytes.toStringBinary(actionRow)
            + " differs from the checked row " + Bytes.toStringBinary(row));
      }
      return new CheckAndMutate(this, action);
    }
  }

  /**
   * Whether the condition holds, given the column's newest cell in the time range (null when
   * there is none).
   */
  public boolean isConditionMet(Cell current) {
    boolean valueIsNull = value == null || value.length == 0;
    if (valueIsNull) {
      boolean currentIsEmpty = current == null || current.getValueLength() == 0;
      return currentIsEmpty == (op != CompareOperator.NOT_EQUAL);
    }
    if (current == null) {
      return false;
    }
    int cmp = Bytes.compare(value, 0, value.length,
        current.getValueArray(), current.getValueOffset(), current.getValueLength());
    return op.holdsFor(cmp);
  }

  public byte[] getRow() {
    return row.clone();
  }

  public byte[] getFamily() {
    return family.clone();
  }

  public byte[] getQualifier() {
    return qualifier.clone();
  }

  public CompareOperator getCompareOp() {
    return op;
  }

  /** The value compared with, or null for ifNotExists. */
  public byte[] getValue() {
    return value == null ? null : value.clone();
  }

  public TimeRange getTimeRange() {
    return timeRange;
  }

  /** The Put, Delete or RowMutations to apply. */
  public Object getAction() {
    return action;
  }

  /** The Put or Delete to apply, or null if the action is a RowMutations. */
  public Mutation getMutation() {
    return action instanceof Mutation ? (Mutation) action : null;
  }

  /** The RowMutations to apply, or null if the action is a single Put or Delete. */
  public RowMutations getRowMutations() {
    return action instanceof RowMutations ? (RowMutations) action : null;
  }

  @Override
  public String toString() {
    return "CheckAndMutate{row=" + Bytes.toStringBinary(row) + ", column="
        + Bytes.toStringBinary(family) + ":" + Bytes.toStringBinary(qualifier) + ", " + op + " "
        + (value == null ? "<absent>" : Bytes.toStringBinary(value)) + ", action=" + action
        + "}";
  }
}
