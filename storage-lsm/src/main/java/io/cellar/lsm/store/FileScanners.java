package io.cellar.lsm.store;

import io.cellar.lsm.read.KeyValueScanner;
import io.cellar.lsm.read.ReadBounds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens scanners over a store's files for a read or a compaction, each holding a reference on
 * its file so a compaction that replaces the file cannot close it underneath. REQUIRES: the
 * files are in the store's current set (its view lock held) or held by a compaction.
 */
final class FileScanners {
  private FileScanners() {}

  /** Scanners of the files of {@code fs} that pass {@code bounds} (all when null). */
  static List<KeyValueScanner> acquire(List<StoreFile> fs, ReadBounds bounds,
      boolean cacheBlocks, long readPoint) throws IOException {
    List<KeyValueScanner> out = new ArrayList<>(fs.size());
    add(out, fs, bounds, cacheBlocks, readPoint);
    return out;
  }

  /**
   * Appends scanners of the files of {@code fs} that pass {@code bounds} (all when null) to
   * {@code out}; on failure closes every scanner in {@code out}.
   */
  static void add(List<KeyValueScanner> out, List<StoreFile> fs, ReadBounds bounds,
      boolean cacheBlocks, long readPoint) throws IOException {
    for (int i = 0; i < fs.size(); i++) {
      StoreFile f = fs.get(i);
      if (bounds != null && !f.passesBounds(bounds)) {
        continue;
      }
      if (!f.tryAcquire()) {
        out.forEach(KeyValueScanner::close);
        throw new IOException("Store file " + f.getPath() + " was closed");
      }
      out.add(f.scannerOwningReference(cacheBlocks, i, readPoint));
    }
  }
}
