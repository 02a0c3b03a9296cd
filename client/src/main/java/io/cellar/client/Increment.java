package io.cellar.client;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.schema.Durability;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Adds signed 64-bit amounts to counter columns of one row, atomically, as HBase's Increment.
 * Each cell's value holds the 8-byte big-endian amount. A column absent on the server counts
 * as 0; a present value that is not 8 bytes is an error on the server.
 */
public final class Increment extends Mutation {
  private boolean returnResults = true;

  public Increment(byte[] row) {
    super(row);
  }

  public Increment addColumn(byte[] family, byte[] qualifier, long amount) {
    cellList(family).add(newCell(family, qualifier, ts, CellType.PUT, Bytes.toBytes(amount)));
    return this;
  }

  /** Adds a cell built elsewhere (decoding). REQUIRES: a Put-type cell with an 8-byte value. */
  public Increment add(Cell cell) {
    if (cell.getType() != CellType.PUT) {
      throw new IllegalArgumentException("An " + getClass().getSimpleName()
          + " holds only Put-type cells, not " + cell.getType());
    }
    if (cell.getValueLength() != Long.BYTES) {
      throw new IllegalArgumentException("An Increment amount must be 8 bytes, not "
          + cell.getValueLength());
    }
    addCell(cell);
    return this;
  }

  /** Family → (qualifier → amount), unsigned orders. */
  public NavigableMap<byte[], NavigableMap<byte[], Long>> getFamilyMapOfLongs() {
    NavigableMap<byte[], NavigableMap<byte[], Long>> out = new TreeMap<>(Bytes::compare);
    for (Map.Entry<byte[], List<Cell>> e : familyMap.entrySet()) {
      NavigableMap<byte[], Long> amounts = new TreeMap<>(Bytes::compare);
      for (Cell c : e.getValue()) {
        amounts.merge(Cells.cloneQualifier(c), Bytes.toLong(Cells.cloneValue(c)), Long::sum);
      }
      out.put(e.getKey().clone(), amounts);
    }
    return out;
  }

  /** False: the server answers with an empty Result (saves bandwidth). Default true. */
  public Increment setReturnResults(boolean returnResults) {
    this.returnResults = returnResults;
    return this;
  }

  public boolean isReturnResults() {
    return returnResults;
  }

  public Increment setTimestamp(long timestamp) {
    setTimestampField(timestamp);
    return this;
  }

  public Increment setDurability(Durability d) {
    setDurabilityField(d);
    return this;
  }
}
