package io.cellar.client;

import io.cellar.client.meta.RegionLocation;
import io.cellar.common.schema.TableName;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** Where a table's regions are, read from {@code cellar:meta} (through the location cache). */
public interface RegionLocator extends Closeable {
  TableName getName();

  /** The region holding {@code row}, from the cache when known. */
  RegionLocation getRegionLocation(byte[] row) throws IOException;

  /** The region holding {@code row}; {@code reload} bypasses (and refreshes) the cache. */
  RegionLocation getRegionLocation(byte[] row, boolean reload) throws IOException;

  /** Every region of the table in key order, read from meta now. */
  List<RegionLocation> getAllRegionLocations() throws IOException;

  /** Start keys of the regions, in order (the first is empty). */
  byte[][] getStartKeys() throws IOException;

  /** End keys of the regions, in order (the last is empty). */
  byte[][] getEndKeys() throws IOException;

  @Override
  void close();
}
