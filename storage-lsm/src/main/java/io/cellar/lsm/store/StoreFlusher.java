package io.cellar.lsm.store;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.lsm.hfile.HFileWriteOptions;
import io.cellar.lsm.hfile.HFileWriter;
import io.cellar.lsm.memstore.MemStoreSnapshot;
import io.cellar.lsm.read.KeyValueScanner;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a memstore snapshot to a new store file: every cell, in order, with its sequence id
 * (versions and delete markers are pruned later, by compactions, so a flush never changes what
 * a read sees). The file is written under the store's {@code .tmp} directory and then renamed
 * into the store directory; it is not live until the caller lists it in the manifest.
 */
final class StoreFlusher {
  private StoreFlusher() {}

  /**
   * Writes {@code snapshot} and returns the committed (renamed, fsync'd) path.
   *
   * @param flushSequenceId recorded as the file's max sequence id if larger than any cell's
   */
  static Path flush(MemStoreSnapshot snapshot, StoreDirectory dir, HFileWriteOptions options,
      long flushSequenceId, StoreFaultPoints faults) throws IOException {
    Path temp = dir.newTempFile();
    HFileWriter writer = HFileWriter.create(temp, options);
    try (KeyValueScanner cells = snapshot.newScanner()) {
      Cell c;
      Cell previous = null;
      while ((c = cells.next()) != null) {
        // The same edit twice (same key and sequence id, e.g. replayed twice): keep one copy.
        if (previous == null || CellComparator.INSTANCE.compare(previous, c) != 0) {
          writer.append(c);
          previous = c;
        }
      }
      writer.setMaxSequenceId(flushSequenceId);
      writer.close();
    } catch (IOException | RuntimeException e) {
      writer.abort();
      throw e;
    }
    faults.reach(StoreFaultPoints.Point.FLUSH_FILE_WRITTEN);
    return dir.commit(temp);
  }
}
