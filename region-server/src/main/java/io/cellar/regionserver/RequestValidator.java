package io.cellar.regionserver;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.exceptions.WrongRegionException;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;

/**
 * Checks the parts of a request against the region before anything is locked or written: the
 * row (not empty, at most 32,767 bytes, inside the region's key range), the families (declared
 * by the table) and the cells (at most the configured cell size). Each failure is a typed,
 * do-not-retry error whose message names the offending part.
 */
final class RequestValidator {
  /** Setting: largest cell (key + value, encoded) accepted, in bytes. Default 10 MiB. */
  static final String MAX_CELL_SIZE_KEY = "cellar.region.max.cell.size";
  static final long DEFAULT_MAX_CELL_SIZE = 10L * 1024 * 1024;

  private final RegionInfo region;
  private final TableDescriptor table;
  private final long maxCellSize;

  RequestValidator(RegionInfo region, TableDescriptor table, Configuration conf) {
    this.region = region;
    this.table = table;
    this.maxCellSize = conf.getLong(MAX_CELL_SIZE_KEY, DEFAULT_MAX_CELL_SIZE);
  }

  long maxCellSize() {
    return maxCellSize;
  }

  void checkRow(byte[] row) throws InvalidRequestException, WrongRegionException {
    if (row == null || row.length == 0) {
      throw new InvalidRequestException("Row key must not be empty");
    }
    if (row.length > KeyValue.MAX_ROW_LENGTH) {
      throw new InvalidRequestException("Row key is " + row.length
          + " bytes, over the limit of " + KeyValue.MAX_ROW_LENGTH);
    }
    if (!region.containsRow(row)) {
      throw new WrongRegionException("Row " + Bytes.toStringBinary(row)
          + " is outside region " + region);
    }
  }

  void checkFamily(byte[] family) throws NoSuchColumnFamilyException {
    if (family == null || !table.hasColumnFamily(family)) {
      throw new NoSuchColumnFamilyException("Column family '"
          + (family == null ? "null" : Bytes.toStringBinary(family))
          + "' does not exist in table " + table.getTableName().getNameAsString()
          + " (region " + region.getEncodedName() + ")");
    }
  }

  /**
   * Checks one cell of a mutation of {@code row}, filed under {@code family} (already checked
   * with {@link #checkFamily}): its row, family and size.
   */
  void checkCell(byte[] row, byte[] family, Cell c) throws InvalidRequestException {
    if (!Cells.matchingRow(c, row)) {
      throw new InvalidRequestException("Cell " + Cells.toString(c)
          + " does not belong to the mutation's row " + Bytes.toStringBinary(row));
    }
    if (!Cells.matchingFamily(c, family)) {
      throw new InvalidRequestException("Cell " + Cells.toString(c)
          + " is filed under family " + Bytes.toStringBinary(family) + " of its mutation");
    }
    long size = c.getSerializedSize();
    if (size > maxCellSize) {
      throw new InvalidRequestException("Cell in row " + Bytes.toStringBinary(row) + ", column "
          + Bytes.toStringBinary(Cells.cloneFamily(c)) + ":"
          + Bytes.toStringBinary(Cells.cloneQualifier(c)) + " is " + size
          + " bytes, over the maximum cell size of " + maxCellSize + " bytes ("
          + MAX_CELL_SIZE_KEY + ")");
    }
    if (c.getTimestamp() < 0) {
      throw new InvalidRequestException("Negative timestamp " + c.getTimestamp() + " in row "
          + Bytes.toStringBinary(row));
    }
  }
}
