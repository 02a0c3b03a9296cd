package io.cellar.client.filter;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;

/**
 * Seek keys for filter hints. Within a row, columns keep their forward order on reversed scans
 * too, so these keys hold in both directions.
 */
final class SeekKeys {
  private SeekKeys() {}

  /** False when the family is too long to build its successor (fall back to NEXT_COL). */
  static boolean canSeekPastFamily(Cell cell) {
    return cell.getFamilyLength() < Byte.MAX_VALUE;
  }

  /**
   * A key after every cell of the current cell's family and before every cell of a later
   * family of the same row: family + 0x00 is the family's immediate successor.
   * REQUIRES: {@link #canSeekPastFamily}.
   */
  static Cell firstOnNextFamily(Cell cell) {
    byte[] next = Bytes.concat(Cells.cloneFamily(cell), new byte[] {0});
    return KeyValue.firstOnColumn(Cells.cloneRow(cell), next, Bytes.EMPTY);
  }

  /** A key before every version of (current row, current family, qualifier). */
  static Cell firstOnColumn(Cell cell, byte[] qualifier) {
    return KeyValue.firstOnColumn(Cells.cloneRow(cell), Cells.cloneFamily(cell), qualifier);
  }

  /** A key before the version at {@code ts} (and after newer ones) of the current column. */
  static Cell firstOnColumnAt(Cell cell, long ts) {
    return KeyValue.create(Cells.cloneRow(cell), Cells.cloneFamily(cell),
        Cells.cloneQualifier(cell), ts, CellType.MAXIMUM, Bytes.EMPTY);
  }
}
