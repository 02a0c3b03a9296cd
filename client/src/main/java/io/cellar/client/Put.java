package io.cellar.client;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.schema.Durability;

/**
 * Puts cells into one row, as HBase's Put. Cells without a timestamp take the Put's
 * timestamp (LATEST by default: the server's clock at write time).
 */
public final class Put extends Mutation {
  public Put(byte[] row) {
    super(row);
  }

  public Put(byte[] row, long timestamp) {
    super(row);
    setTimestampField(timestamp);
  }

  public Put addColumn(byte[] family, byte[] qualifier, byte[] value) {
    return addColumn(family, qualifier, ts, value);
  }

  public Put addColumn(byte[] family, byte[] qualifier, long timestamp, byte[] value) {
    cellList(family).add(newCell(family, qualifier, timestamp, CellType.PUT, value));
    return this;
  }

  /** Adds a cell built elsewhere. REQUIRES: a Put-type cell of this row. */
  public Put add(Cell cell) {
    if (cell.getType() != CellType.PUT) {
      throw new IllegalArgumentException("A Put holds only Put cells, not " + cell.getType());
    }
    addCell(cell);
    return this;
  }

  public Put setTimestamp(long timestamp) {
    setTimestampField(timestamp);
    return this;
  }

  public Put setDurability(Durability d) {
    setDurabilityField(d);
    return this;
  }
}
