package io.cellar.client;

import io.cellar.common.cell.KeyValue;

/** Checks on row keys shared by every operation. */
final class RowKeys {
  private RowKeys() {}

  /** REQUIRES nothing; throws IllegalArgumentException unless 1..32767 bytes. */
  static byte[] checkRow(byte[] row) {
    if (row == null || row.length == 0) {
      throw new IllegalArgumentException("Row key is empty: a row key must have 1 to "
          + KeyValue.MAX_ROW_LENGTH + " bytes");
    }
    return checkRowLength(row);
  }

  /** Like {@link #checkRow} but allows the empty key (open scan bounds). */
  static byte[] checkRowLength(byte[] row) {
    if (row == null) {
      throw new IllegalArgumentException("Row key is null");
    }
    if (row.length > KeyValue.MAX_ROW_LENGTH) {
      throw new IllegalArgumentException("Row key is " + row.length + " bytes, longer than the "
          + KeyValue.MAX_ROW_LENGTH + "-byte maximum");
    }
    return row;
  }

  static byte[] checkFamily(byte[] family) {
    if (family == null || family.length == 0) {
      throw new IllegalArgumentException("Column family is empty");
    }
    if (family.length > Byte.MAX_VALUE) {
      throw new IllegalArgumentException("Column family is " + family.length
          + " bytes, longer than the " + Byte.MAX_VALUE + "-byte maximum");
    }
    return family;
  }

  static void checkTimestamp(long ts) {
    if (ts < 0) {
      throw new IllegalArgumentException("Timestamp cannot be negative: " + ts);
    }
  }
}
