package io.cellar.lsm.store;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.lsm.hfile.HFileReader;
import io.cellar.lsm.hfile.HFileWriteOptions;
import io.cellar.lsm.hfile.HFileWriter;
import io.cellar.lsm.read.KeyValueScanner;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Copies a bulk-loaded HFile into a new store file of one store: checks every cell belongs to
 * the store's family, gives every cell the load's sequence id, keeps one copy of cells whose
 * keys become equal that way (the first, i.e. the one with the higher original sequence id),
 * and marks the file bulk-loaded. Reading every block also verifies the source's checksums.
 */
final class BulkLoadRewriter {
  private BulkLoadRewriter() {}

  /** Returns the committed (renamed into the store, not yet live) path of the copy. */
  static Path rewrite(Path source, ColumnFamilyDescriptor family, StoreDirectory dir,
      HFileWriteOptions options, long sequenceId) throws IOException {
    byte[] familyName = family.getName();
    Path temp = dir.newTempFile();
    HFileWriter writer = HFileWriter.create(temp, options);
    try (HFileReader reader = HFileReader.open(source, null);
        KeyValueScanner cells = reader.getScanner(false, 0)) {
      cells.seek(KeyValue.firstOnRow(Bytes.EMPTY));
      KeyValue previous = null;
      Cell c;
      while ((c = cells.next()) != null) {
        if (!Cells.matchingFamily(c, familyName)) {
          throw new InvalidRequestException("Bulk load file " + source + " holds a cell of "
              + "family '" + Bytes.toStringBinary(Cells.cloneFamily(c)) + "', not '"
              + family.getNameAsString() + "': " + Cells.toString(c));
        }
        KeyValue kv = KeyValue.copyOf(c);
        kv.setSequenceId(sequenceId);
        if (previous != null && CellComparator.INSTANCE.compare(previous, kv) == 0) {
          continue;
        }
        writer.append(kv);
        previous = kv;
      }
      writer.setMaxSequenceId(sequenceId);
      writer.setBulkLoaded(true);
      writer.close();
    } catch (IOException | RuntimeException e) {
      writer.abort();
      throw e;
    }
    return dir.commit(temp);
  }
}
