package io.cellar.common.schema;

/** Which keys a store file's bloom filter holds: none, rows, or row+column pairs. */
public enum BloomType {
  NONE,
  ROW,
  ROWCOL
}
