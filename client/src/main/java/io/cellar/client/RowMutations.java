package io.cellar.client;

import io.cellar.common.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Puts and Deletes of one row applied atomically, in order, as HBase's RowMutations.
 * REQUIRES: every mutation is a Put or a Delete of this row.
 */
public final class RowMutations implements Row {
  private final byte[] row;
  private final List<Mutation> mutations = new ArrayList<>();

  public RowMutations(byte[] row) {
    this.row = RowKeys.checkRow(row).clone();
  }

  /** A RowMutations holding these mutations; the row is the first one's. */
  public static RowMutations of(List<? extends Mutation> mutations) {
    if (mutations.isEmpty()) {
      throw new IllegalArgumentException("RowMutations needs at least one mutation");
    }
    RowMutations rm = new RowMutations(mutations.get(0).getRow());
    rm.add(mutations);
    return rm;
  }

  public RowMutations add(Mutation m) {
    if (!(m instanceof Put) && !(m instanceof Delete)) {
      throw new IllegalArgumentException("RowMutations takes Put and Delete only, not "
          + m.getClass().getSimpleName());
    }
    if (!Arrays.equals(m.row, row)) {
      throw new IllegalArgumentException("Mutation row " + Bytes.toStringBinary(m.row)
          + " differs from the RowMutations row " + Bytes.toStringBinary(row));
    }
    mutations.add(m);
    return this;
  }

  public RowMutations add(List<? extends Mutation> ms) {
    for (Mutation m : ms) {
      add(m);
    }
    return this;
  }

  public byte[] getRow() {
    return row.clone();
  }

  public List<Mutation> getMutations() {
    return Collections.unmodifiableList(mutations);
  }

  @Override
  public String toString() {
    return "RowMutations{row=" + Bytes.toStringBinary(row) + ", " + mutations + "}";
  }
}
