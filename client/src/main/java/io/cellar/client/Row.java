package io.cellar.client;

/**
 * An operation addressed to one row (Get, Put, Delete, Increment, Append, RowMutations): what
 * {@link Table#batch} groups by region.
 */
public interface Row {
  /** The row key (a copy). */
  byte[] getRow();
}
