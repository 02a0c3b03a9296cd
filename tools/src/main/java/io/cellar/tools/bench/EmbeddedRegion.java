package io.cellar.tools.bench;

import io.cellar.client.Scan;
import io.cellar.common.cell.Cell;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.regionserver.Region;
import io.cellar.regionserver.RegionScanner;
import io.cellar.regionserver.RegionServices;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One region of the benchmark table (one family, {@link BenchData#family()} unless given),
 * covering all keys, opened embedded on {@code root} with {@link RegionServices#local}: its own
 * WAL, block cache, flusher and compaction threads, as a region server would give it.
 */
final class EmbeddedRegion implements Closeable {
  static final TableName TABLE = TableName.valueOf("bench");

  private final RegionServices services;
  private final Region region;

  private EmbeddedRegion(RegionServices services, Region region) {
    this.services = services;
    this.region = region;
  }

  /**
   * Opens (creating if absent) the region under {@code root}.
   *
   * @param blockCacheBytes size of the block cache
   * @param flushSizeBytes the table's MEMSTORE_FLUSHSIZE
   */
  static EmbeddedRegion open(Path root, long blockCacheBytes, long flushSizeBytes)
      throws IOException {
    return open(root, BenchData.family(), blockCacheBytes, flushSizeBytes);
  }

  /** {@link #open(Path, long, long)} with the one family {@code family}. */
  static EmbeddedRegion open(Path root, ColumnFamilyDescriptor family, long blockCacheBytes,
      long flushSizeBytes) throws IOException {
    Configuration conf = new Configuration();
    conf.setLong(RegionServices.LOCAL_BLOCK_CACHE_KEY, blockCacheBytes);
    TableDescriptor td = TableDescriptor.newBuilder(TABLE).setColumnFamily(family)
        .setMemStoreFlushSize(flushSizeBytes).build();
    RegionServices services = RegionServices.local(root, conf);
    try {
      Region region = Region.open(new RegionInfo(TABLE, null, null, 1L), td, services);
      return new EmbeddedRegion(services, region);
    } catch (IOException | RuntimeException e) {
      services.close();
      throw e;
    }
  }

  Region region() {
    return region;
  }

  /** Reads every cell once through a scanner (which caches blocks); returns how many. */
  long scanAllCells() throws IOException {
    long n = 0;
    try (RegionScanner s = region.getScanner(new Scan())) {
      List<Cell> row = new ArrayList<>();
      boolean more = true;
      while (more) {
        row.clear();
        more = s.next(row);
        n += row.size();
      }
    }
    return n;
  }

  RegionServices services() {
    return services;
  }

  /** Closes the region (flushing it), then the WAL and the background threads. */
  @Override
  public void close() throws IOException {
    try {
      region.close();
    } finally {
      services.close();
    }
  }
}
