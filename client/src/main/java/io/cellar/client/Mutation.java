package io.cellar.client;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.schema.Durability;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A change to one row: cells (KeyValue) grouped by family in unsigned family order, each
 * family's cells in the order they were added. The row is checked on construction (1..32767
 * bytes). Cells added without a timestamp take the mutation's timestamp, which defaults to
 * {@link KeyValue#LATEST_TIMESTAMP}: the server replaces it with its clock.
 * Not thread safe; build it on one thread, then hand it over.
 */
public abstract class Mutation implements Row {
  protected final byte[] row;
  protected long ts = KeyValue.LATEST_TIMESTAMP;
  protected Durability durability = Durability.USE_DEFAULT;
  protected final NavigableMap<byte[], List<Cell>> familyMap = new TreeMap<>(Bytes::compare);

  protected Mutation(byte[] row) {
    this.row = RowKeys.checkRow(row).clone();
  }

  public byte[] getRow() {
    return row.clone();
  }

  public long getTimestamp() {
    return ts;
  }

  public Durability getDurability() {
    return durability;
  }

  /** Family → cells, unsigned family order. Read only. */
  public NavigableMap<byte[], List<Cell>> getFamilyCellMap() {
    NavigableMap<byte[], List<Cell>> view = new TreeMap<>(Bytes::compare);
    for (Map.Entry<byte[], List<Cell>> e : familyMap.entrySet()) {
      view.put(e.getKey(), Collections.unmodifiableList(e.getValue()));
    }
    return Collections.unmodifiableNavigableMap(view);
  }

  /** All cells, family by family. */
  public List<Cell> getCells() {
    List<Cell> out = new ArrayList<>(size());
    for (List<Cell> cells : familyMap.values()) {
      out.addAll(cells);
    }
    return out;
  }

  /** Number of cells. */
  public int size() {
    int n = 0;
    for (List<Cell> cells : familyMap.values()) {
      n += cells.size();
    }
    return n;
  }

  public boolean isEmpty() {
    return familyMap.isEmpty();
  }

  /** True if some cell of this mutation is in the column. */
  public boolean has(byte[] family, byte[] qualifier) {
    for (Cell c : familyMap.getOrDefault(family, List.of())) {
      if (Cells.matchingQualifier(c, qualifier)) {
        return true;
      }
    }
    return false;
  }

  /** Bytes of the cells in the KeyValue encoding, for size checks and batching. */
  public long heapSize() {
    long n = row.length;
    for (List<Cell> cells : familyMap.values()) {
      for (Cell c : cells) {
        n += c.getSerializedSize();
      }
    }
    return n;
  }

  /**
   * Adds an already built cell (used when decoding); its row must be this mutation's row. A
   * KeyValue is kept as is (the caller must not reuse its buffer); other cells are copied.
   */
  protected void addCell(Cell cell) {
    if (!Cells.matchingRow(cell, row)) {
      throw new IllegalArgumentException("Cell row " + Cells.toString(cell)
          + " is not the mutation's row " + Bytes.toStringBinary(row));
    }
    RowKeys.checkTimestamp(cell.getTimestamp());
    byte[] family = RowKeys.checkFamily(Cells.cloneFamily(cell));
    Cell kept = cell instanceof KeyValue ? cell : KeyValue.copyOf(cell);
    familyMap.computeIfAbsent(family, f -> new ArrayList<>()).add(kept);
  }

  protected List<Cell> cellList(byte[] family) {
    return familyMap.computeIfAbsent(RowKeys.checkFamily(family).clone(), f -> new ArrayList<>());
  }

  protected KeyValue newCell(byte[] family, byte[] qualifier, long timestamp, CellType type,
      byte[] value) {
    RowKeys.checkTimestamp(timestamp);
    return KeyValue.create(row, family, qualifier == null ? Bytes.EMPTY : qualifier, timestamp,
        type, value == null ? Bytes.EMPTY : value);
  }

  protected void setTimestampField(long timestamp) {
    RowKeys.checkTimestamp(timestamp);
    this.ts = timestamp;
  }

  protected void setDurabilityField(Durability d) {
    if (d == null) {
      throw new IllegalArgumentException("Durability is null");
    }
    this.durability = d;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{row=" + Bytes.toStringBinary(row) + ", ts=" + ts
        + ", durability=" + durability + ", cells=" + getCells() + "}";
  }
}
