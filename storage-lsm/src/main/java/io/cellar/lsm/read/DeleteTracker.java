package io.cellar.lsm.read;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import java.util.Arrays;

/**
 * Remembers the delete markers seen so far in one row of one family and answers whether a put
 * is masked. A marker masks puts with timestamp <= its own whatever their sequence ids (so a put
 * written after a marker, with an older timestamp, stays hidden).
 *
 * <p>REQUIRES: cells offered in cell order (markers sort before the puts they mask); {@link
 * #reset} at each row.
 */
final class DeleteTracker {
  enum Result { NOT_DELETED, FAMILY_DELETED, FAMILY_VERSION_DELETED, COLUMN_DELETED,
    VERSION_DELETED }

  private static final long[] NONE = new long[0]; // most reads never see a version marker

  private long familyTs = Long.MIN_VALUE;
  private long[] familyVersionTs = NONE;
  private int familyVersionCount;
  private Cell columnMarker; // a marker of the column whose deletes are tracked, or null
  private long columnTs = Long.MIN_VALUE;
  private long[] versionTs = NONE;
  private int versionCount;
  private boolean any;

  void reset() {
    familyTs = Long.MIN_VALUE;
    familyVersionCount = 0;
    columnMarker = null;
    columnTs = Long.MIN_VALUE;
    versionCount = 0;
    any = false;
  }

  void add(Cell marker, CellType type, long ts) {
    any = true;
    switch (type) {
      case DELETE_FAMILY:
        familyTs = Math.max(familyTs, ts);
        return;
      case DELETE_FAMILY_VERSION:
        familyVersionTs = append(familyVersionTs, familyVersionCount++, ts);
        return;
      default:
        break;
    }
    if (columnMarker == null || !InPlaceCellComparator.INSTANCE.matchingQualifiers(columnMarker, marker)) {
      columnMarker = marker;
      columnTs = Long.MIN_VALUE;
      versionCount = 0;
    }
    if (type == CellType.DELETE_COLUMN) {
      columnTs = Math.max(columnTs, ts);
    } else {
      versionTs = append(versionTs, versionCount++, ts);
    }
  }

  private static long[] append(long[] a, int at, long v) {
    long[] out = at == a.length ? Arrays.copyOf(a, Math.max(4, a.length * 2)) : a;
    out[at] = v;
    return out;
  }

  Result check(Cell put, long ts) {
    if (!any) {
      return Result.NOT_DELETED;
    }
    if (ts <= familyTs) {
      return Result.FAMILY_DELETED;
    }
    for (int i = 0; i < familyVersionCount; i++) {
      if (familyVersionTs[i] == ts) {
        return Result.FAMILY_VERSION_DELETED;
      }
    }
    if (columnMarker != null && InPlaceCellComparator.INSTANCE.matchingQualifiers(columnMarker, put)) {
      if (ts <= columnTs) {
        return Result.COLUMN_DELETED;
      }
      for (int i = 0; i < versionCount; i++) {
        if (versionTs[i] == ts) {
          return Result.VERSION_DELETED;
        }
      }
    }
    return Result.NOT_DELETED;
  }
}
