package io.cellar.lsm.compaction;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.lsm.hfile.HFileWriteOptions;
import io.cellar.lsm.hfile.HFileWriter;
import io.cellar.lsm.read.FamilySettings;
import io.cellar.lsm.read.KeyValueScanner;
import io.cellar.lsm.read.StoreScanner;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Rewrites the cells of several store files into one new file, by the compaction rules of
 * {@link StoreScanner#forCompaction}: a major compaction (all files of the store) drops delete
 * markers, what they mask, expired cells past MIN_VERSIONS and versions past VERSIONS (with
 * KEEP_DELETED_CELLS it keeps markers and masked cells); a minor one keeps the markers. Cells
 * keep their sequence ids. Writes are paced by the shared {@link CompactionThrottle}.
 *
 * <p>The output is always written, even with no cells, so that it records the inputs' max
 * sequence id. It is left at {@code output}; on failure nothing is left there.
 */
public final class Compactor {
  private Compactor() {}

  /**
   * Compacts {@code inputs} (scanners over the input files; closed on return) into a new HFile
   * at {@code output}. Returns the number of cells written.
   *
   * @param maxSequenceId recorded in the output (the inputs' highest)
   * @param stop polled between rows; when true the compaction is abandoned
   */
  public static long compact(List<? extends KeyValueScanner> inputs, FamilySettings family,
      boolean major, Path output, HFileWriteOptions options, long maxSequenceId,
      CompactionThrottle throttle, BooleanSupplier stop) throws IOException {
    HFileWriter writer = HFileWriter.create(output, options.withFsyncOnClose(true));
    try (StoreScanner scanner = StoreScanner.forCompaction(family, inputs, major)) {
      writer.setMajorCompacted(major);
      writer.setMaxSequenceId(maxSequenceId);
      List<Cell> row = new ArrayList<>();
      Cell previous = null;
      while (scanner.nextRow(row)) {
        if (stop.getAsBoolean()) {
          throw new InterruptedIOException("compaction into " + output + " stopped");
        }
        for (Cell c : row) {
          // The same edit can sit in two inputs (a WAL replay re-flushed it): keep one copy.
          if (previous != null && CellComparator.INSTANCE.compare(previous, c) == 0) {
            continue;
          }
          writer.append(c);
          throttle.acquire(c.getSerializedSize());
          previous = c;
        }
        row.clear();
      }
      writer.close();
      return writer.getCellCount();
    } catch (IOException | RuntimeException e) {
      writer.abort();
      throw e;
    }
  }
}
