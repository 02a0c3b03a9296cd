package io.cellar.client;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.schema.Durability;

/**
 * Appends bytes to the newest value of columns of one row, atomically, as HBase's Append.
 * A column absent on the server is created with the appended bytes.
 */
public final class Append extends Mutation {
  private boolean returnResults = true;

  public Append(byte[] row) {
    super(row);
  }

  public Append addColumn(byte[] family, byte[] qualifier, byte[] value) {
    cellList(family).add(newCell(family, qualifier, ts, CellType.PUT, value));
    return this;
  }

  /** Adds a cell built elsewhere (decoding). REQUIRES: a Put-type cell of this row. */
  public Append add(Cell cell) {
    if (cell.getType() != CellType.PUT) {
      throw new IllegalArgumentException("An " + getClass().getSimpleName()
          + " holds only Put-type cells, not " + cell.getType());
    }
    addCell(cell);
    return this;
  }

  /** False: the server answers with an empty Result. Default true. */
  public Append setReturnResults(boolean returnResults) {
    this.returnResults = returnResults;
    return this;
  }

  public boolean isReturnResults() {
    return returnResults;
  }

  public Append setTimestamp(long timestamp) {
    setTimestampField(timestamp);
    return this;
  }

  public Append setDurability(Durability d) {
    setDurabilityField(d);
    return this;
  }
}
