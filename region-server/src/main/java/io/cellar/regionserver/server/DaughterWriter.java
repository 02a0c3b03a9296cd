package io.cellar.regionserver.server;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.Cells;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.hfile.HFileWriteOptions;
import io.cellar.lsm.hfile.HFileWriter;
import io.cellar.lsm.read.FamilySettings;
import io.cellar.lsm.read.ScanParams;
import io.cellar.lsm.read.StoreScanner;
import io.cellar.lsm.store.Store;
import io.cellar.lsm.store.StoreDirectory;
import io.cellar.lsm.store.StoreManifest;
import io.cellar.regionserver.RegionServices;
import io.cellar.regionserver.ServerClock;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the two daughters of a split by rewriting the parent's store files: for each family,
 * one pass over the parent store with the minor-compaction rules (every version and delete
 * marker a read could still need is kept; exact duplicates are dropped) sends rows below the
 * split point to the bottom daughter's new file and the others to the top's. Each daughter store
 * gets one file (or none) and a MANIFEST listing it; the file keeps the parent store's max
 * sequence id. REQUIRES: the parent region is closed (its stores hold everything, nothing else
 * writes them); the staging directories are fresh.
 */
final class DaughterWriter {
  private final RegionServices services;
  private final TableDescriptor table;
  private final Path parentDir;
  private final byte[] point;
  private final Path bottomDir;
  private final Path topDir;

  DaughterWriter(RegionServices services, TableDescriptor table, Path parentDir, byte[] point,
      Path bottomDir, Path topDir) {
    this.services = services;
    this.table = table;
    this.parentDir = parentDir;
    this.point = point;
    this.bottomDir = bottomDir;
    this.topDir = topDir;
  }

  void write() throws IOException {
    for (ColumnFamilyDescriptor family : table.getColumnFamilies()) {
      writeFamily(family);
    }
  }

  private void writeFamily(ColumnFamilyDescriptor family) throws IOException {
    String name = family.getNameAsString();
    ServerClock clock = services.getClock();
    Store parent = Store.open(parentDir.resolve(name), family, BlockCache.disabled(),
        services.getConfiguration(), null, clock::currentTimeMillis);
    try {
      long maxSeqId = parent.getMaxFlushedSequenceId();
      HFileWriteOptions options = HFileWriteOptions.DEFAULTS
          .withBlockSize(family.getBlocksize())
          .withCompression(family.getCompression())
          .withBloomType(family.getBloomFilterType());
      Half bottom = new Half(StoreDirectory.create(bottomDir, name), options, maxSeqId);
      Half top = new Half(StoreDirectory.create(topDir, name), options, maxSeqId);
      try (StoreScanner scanner = StoreScanner.forCompaction(
          FamilySettings.of(family, clock::currentTimeMillis),
          parent.getScanners(ScanParams.all()), false)) {
        List<Cell> row = new ArrayList<>();
        Cell previous = null;
        while (scanner.nextRow(row)) {
          if (!row.isEmpty()) {
            Half half = Bytes.compare(Cells.cloneRow(row.get(0)), point) < 0 ? bottom : top;
            for (Cell c : row) {
              if (previous == null || CellComparator.INSTANCE.compare(previous, c) != 0) {
                half.append(c);
                previous = c;
              }
            }
          }
          row.clear();
        }
        bottom.finish();
        top.finish();
      } catch (IOException | RuntimeException e) {
        bottom.abort();
        top.abort();
        throw e;
      }
    } finally {
      parent.close();
    }
  }

  /** The new store of one daughter for one family: a file opened on its first cell. */
  private static final class Half {
    private final StoreDirectory dir;
    private final HFileWriteOptions options;
    private final long maxSeqId;
    private HFileWriter writer;
    private Path temp;

    Half(StoreDirectory dir, HFileWriteOptions options, long maxSeqId) {
      this.dir = dir;
      this.options = options;
      this.maxSeqId = maxSeqId;
    }

    void append(Cell c) throws IOException {
      if (writer == null) {
        temp = dir.newTempFile();
        writer = HFileWriter.create(temp, options);
      }
      writer.append(c);
    }

    /** Closes and commits the file (if any cell came) and writes the store's MANIFEST. */
    void finish() throws IOException {
      List<String> files = new ArrayList<>(1);
      if (writer != null) {
        writer.setMaxSequenceId(maxSeqId);
        writer.close();
        files.add(dir.commit(temp).getFileName().toString());
        writer = null;
      }
      StoreManifest.empty().withFiles(files).writeTo(dir.path());
    }

    void abort() {
      if (writer != null) {
        writer.abort();
        writer = null;
      }
    }
  }
}
