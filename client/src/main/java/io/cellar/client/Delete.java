package io.cellar.client;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.schema.Durability;
import java.util.List;

/**
 * Deletes from one row, as HBase's Delete. With no family added it deletes the whole row:
 * every family, all versions with timestamp &lt;= the Delete's timestamp. Markers:
 * addFamily → DeleteFamily, addFamilyVersion → DeleteFamilyVersion, addColumns →
 * DeleteColumn (all versions &lt;= ts), addColumn → Delete (one version; without a timestamp it
 * is a LATEST marker that the server resolves to the newest version's timestamp).
 */
public final class Delete extends Mutation {
  public Delete(byte[] row) {
    super(row);
  }

  public Delete(byte[] row, long timestamp) {
    super(row);
    setTimestampField(timestamp);
  }

  /** Every column of the family, all versions &lt;= the Delete's timestamp. */
  public Delete addFamily(byte[] family) {
    return addFamily(family, ts);
  }

  /** Every column of the family, all versions &lt;= timestamp; replaces earlier markers of it. */
  public Delete addFamily(byte[] family, long timestamp) {
    List<Cell> cells = cellList(family);
    cells.clear();
    cells.add(newCell(family, null, timestamp, CellType.DELETE_FAMILY, null));
    return this;
  }

  /** Every column of the family, the version at exactly timestamp. */
  public Delete addFamilyVersion(byte[] family, long timestamp) {
    cellList(family).add(newCell(family, null, timestamp, CellType.DELETE_FAMILY_VERSION, null));
    return this;
  }

  /** All versions of the column with timestamp &lt;= the Delete's timestamp. */
  public Delete addColumns(byte[] family, byte[] qualifier) {
    return addColumns(family, qualifier, ts);
  }

  public Delete addColumns(byte[] family, byte[] qualifier, long timestamp) {
    cellList(family).add(newCell(family, qualifier, timestamp, CellType.DELETE_COLUMN, null));
    return this;
  }

  /**
   * The newest version of the column (a Delete marker at the Delete's timestamp, LATEST by
   * default, which the server resolves to the newest version's timestamp).
   */
  public Delete addColumn(byte[] family, byte[] qualifier) {
    return addColumn(family, qualifier, ts);
  }

  /** The version of the column at exactly timestamp. */
  public Delete addColumn(byte[] family, byte[] qualifier, long timestamp) {
    cellList(family).add(newCell(family, qualifier, timestamp, CellType.DELETE, null));
    return this;
  }

  /** Adds a delete marker built elsewhere. REQUIRES: a delete-type cell of this row. */
  public Delete add(Cell cell) {
    if (!cell.getType().isDelete()) {
      throw new IllegalArgumentException("A Delete holds only delete markers, not "
          + cell.getType());
    }
    addCell(cell);
    return this;
  }

  /** True if this Delete has no family: it removes the whole row. */
  public boolean isWholeRow() {
    return familyMap.isEmpty();
  }

  public Delete setTimestamp(long timestamp) {
    setTimestampField(timestamp);
    return this;
  }

  public Delete setDurability(Durability d) {
    setDurabilityField(d);
    return this;
  }
}
