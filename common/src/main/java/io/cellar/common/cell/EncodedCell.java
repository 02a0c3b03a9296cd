package io.cellar.common.cell;

/**
 * A cell whose key and value sit in one array in the {@link KeyValue} encoding, starting at
 * {@link #getEncodedOffset()}. Lets a comparator read both cells in place (one pass over the
 * bytes, no getter recomputing offsets) while keeping {@link CellComparator}'s order.
 *
 * <p>REQUIRES of implementations: the bytes at the offset are exactly the KeyValue encoding of
 * this cell (its sequence id stays outside, as {@link Cell#getSequenceId()}).
 *
 * <p>An abstract class, not an interface, on purpose: hot paths ask {@code instanceof
 * EncodedCell} once per cell, while generic code casts the same objects to {@link Cell}. On
 * JDK 17 a type check against an interface goes through the class's one-entry secondary-super
 * cache, so alternating checks against two interfaces rewrite that cache on every cell, and
 * with threads on several cores the rewrites bounce its cache line between them (JDK-8180450,
 * fixed only from JDK 23 and 21u). A check against a class reads a fixed slot and writes
 * nothing. In a scan profile this bouncing cost more than a third of the server's CPU.
 */
public abstract class EncodedCell implements Cell {
  /** The array holding the encoding. */
  public abstract byte[] getEncodedArray();

  /** Where the encoding (its keyLength field) starts in {@link #getEncodedArray()}. */
  public abstract int getEncodedOffset();
}
