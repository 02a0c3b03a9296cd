package io.cellar.common.cell;

/**
 * A cell whose key and value sit in one array in the {@link KeyValue} encoding, starting at
 * {@link #getEncodedOffset()}. Lets a comparator read both cells in place (one pass over the
 * bytes, no getter recomputing offsets) while keeping {@link CellComparator}'s order.
 *
 * <p>REQUIRES of implementations: the bytes at the offset are exactly the KeyValue encoding of
 * this cell (its sequence id stays outside, as {@link Cell#getSequenceId()}).
 */
public interface EncodedCell extends Cell {
  /** The array holding the encoding. */
  byte[] getEncodedArray();

  /** Where the encoding (its keyLength field) starts in {@link #getEncodedArray()}. */
  int getEncodedOffset();
}
