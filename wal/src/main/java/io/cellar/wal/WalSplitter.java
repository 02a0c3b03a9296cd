package io.cellar.wal;

import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a dead server's WAL into per-region recovered-edits files ({@link RecoveredEdits}) so
 * its regions can open elsewhere and replay only their own edits.
 *
 * <p>Steps: read every segment in order (damage tolerated as in replay); write each region's
 * entries to {@code <dir>/<server>.split.temp} in the directory the locator gives; fsync and
 * rename each to its max sequence id; only then move the segments to the archive and remove the
 * empty WAL directory. Re-running after a crash at any step is safe: temps are rewritten, and a
 * finished file that already exists is kept (it came from a run that read at least the same
 * segments, since segments are archived only after every file is renamed).
 *
 * <p>REQUIRES: the server is dead (nothing appends to the directory any more), and one split
 * per directory at a time.
 */
public final class WalSplitter {
  private static final Logger LOG = LoggerFactory.getLogger(WalSplitter.class);

  /** Where a region's recovered edits go: normally {@code <region dir>/recovered.edits}. */
  @FunctionalInterface
  public interface EditsDirLocator {
    /** The directory for the region's recovered edits, or null to drop its edits. */
    Path dirFor(TableName table, String regionEncodedName) throws IOException;
  }

  private final Path archiveDir;

  /** A splitter that moves split segments to {@code archiveDir}. */
  public WalSplitter(Path archiveDir) {
    this.archiveDir = archiveDir;
  }

  /** Splits every entry of {@code deadServerWalDir}. */
  public SplitResult split(Path deadServerWalDir, EditsDirLocator locator) throws IOException {
    return split(deadServerWalDir, locator, region -> -1L);
  }

  /**
   * Splits, dropping entries at or below {@code flushedSeqIds.applyAsLong(region)} (the
   * region's last flushed sequence id as the master knows it; -1 when unknown).
   */
  public SplitResult split(Path deadServerWalDir, EditsDirLocator locator,
      ToLongFunction<String> flushedSeqIds) throws IOException {
    List<Path> segments = SegmentFile.list(deadServerWalDir);
    String tempName = deadServerWalDir.getFileName() + ".split" + RecoveredEdits.TEMP_SUFFIX;
    Map<String, EditsFileWriter> writers = new LinkedHashMap<>();
    Set<String> noTarget = new HashSet<>();
    List<SegmentDamage> damages = new ArrayList<>();
    long skipped = 0;
    try {
      for (Path segment : segments) {
        try (SegmentReader reader = SegmentReader.open(segment)) {
          WalEntry e;
          while ((e = reader.next()) != null) {
            String region = e.getRegion();
            if (e.getSequenceId() <= flushedSeqIds.applyAsLong(region)
                || noTarget.contains(region)) {
              skipped++;
              continue;
            }
            EditsFileWriter w = writers.get(region);
            if (w == null) {
              Path dir = locator.dirFor(e.getTable(), region);
              if (dir == null) {
                noTarget.add(region);
                skipped++;
                continue;
              }
              Files.createDirectories(dir);
              w = new EditsFileWriter(dir.resolve(tempName));
              writers.put(region, w);
            }
            w.append(e);
          }
          if (reader.damage() != null) {
            damages.add(reader.damage());
            LOG.warn("Split of {} skipped the rest of a segment: {}", deadServerWalDir,
                reader.damage());
          }
        }
      }
      Map<String, Path> files = new LinkedHashMap<>();
      Map<String, Long> counts = new LinkedHashMap<>();
      for (Map.Entry<String, EditsFileWriter> we : writers.entrySet()) {
        files.put(we.getKey(), publish(we.getValue()));
        counts.put(we.getKey(), we.getValue().entries());
      }
      List<Path> archived = archive(segments);
      try {
        Files.deleteIfExists(deadServerWalDir);
      } catch (DirectoryNotEmptyException e) {
        LOG.warn("WAL directory {} still holds other files after its split", deadServerWalDir);
      }
      LOG.info("Split {} segments of {} into {} regions ({} entries skipped)", segments.size(),
          deadServerWalDir, files.size(), skipped);
      return new SplitResult(files, counts, skipped, damages, archived);
    } finally {
      for (EditsFileWriter w : writers.values()) {
        w.close();
      }
    }
  }

  /** Fsyncs the temp file and renames it to its max seq id (keeping an earlier run's file). */
  private static Path publish(EditsFileWriter w) throws IOException {
    w.finish();
    Path target = w.file().resolveSibling(RecoveredEdits.fileName(w.maxSeqId()));
    if (Files.exists(target)) {
      Files.delete(w.file()); // an earlier run finished this file from a superset of segments
      return target;
    }
    Files.move(w.file(), target, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }

  private List<Path> archive(List<Path> segments) throws IOException {
    Files.createDirectories(archiveDir);
    List<Path> out = new ArrayList<>();
    for (Path s : segments) {
      Path target = archiveDir.resolve(s.getFileName());
      Files.move(s, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      out.add(target);
    }
    return out;
  }
}
