package io.cellar.regionserver;

import io.cellar.common.cell.Cell;
import io.cellar.common.schema.RegionInfo;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Rows of one region in scan order, at the MVCC read point fixed when it opened: it never sees a
 * write that was not acknowledged then, nor half of a row mutation. Not thread-safe.
 */
public interface RegionScanner extends Closeable {
  /**
   * Fills {@code out} with the next row's cells (at most the scan's batch size when batching, so
   * one row may take several calls); returns true if more cells may follow, false when the scan
   * is done (then {@code out} may still hold the last row).
   */
  boolean next(List<Cell> out) throws IOException;

  RegionInfo getRegionInfo();

  @Override
  void close();
}
