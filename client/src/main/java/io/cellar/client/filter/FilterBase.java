package io.cellar.client.filter;

import io.cellar.common.filter.Filter;
import io.cellar.common.proto.FilterProto;

/**
 * Base of every client filter: adds the protobuf form the server rebuilds the filter from, and
 * the scan direction (row hints point the other way on a reversed scan). Subclasses keep
 * per-row state cleared in {@link #reset}.
 */
public abstract class FilterBase extends Filter {
  private boolean reversed;

  /** The serialized form; {@link Filters#fromProto} rebuilds an equivalent filter. */
  public abstract FilterProto toProto();

  /** Set by Scan.setReversed; wrappers pass it to their inner filters. */
  public void setReversed(boolean reversed) {
    this.reversed = reversed;
  }

  public boolean isReversed() {
    return reversed;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName();
  }
}
