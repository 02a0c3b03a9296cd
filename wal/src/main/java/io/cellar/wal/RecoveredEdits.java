package io.cellar.wal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Recovered-edits files of one region: WAL entries split out of dead servers' logs, in the
 * segment layout ({@link SegmentFile}), each named by the highest sequence id it holds (19
 * digits, so names sort by it). Files still being written end in {@code .temp} and are never
 * replayed. The region server keeps them in {@code <region dir>/recovered.edits/}.
 */
public final class RecoveredEdits {
  public static final String DIR_NAME = "recovered.edits";
  static final String TEMP_SUFFIX = ".temp";

  private RecoveredEdits() {}

  /** {@code <regionDir>/recovered.edits}. */
  public static Path dirOf(Path regionDir) {
    return regionDir.resolve(DIR_NAME);
  }

  public static String fileName(long maxSeqId) {
    return String.format("%019d", maxSeqId);
  }

  /** The max sequence id a file name stands for, or empty for other files (temps). */
  public static OptionalLong maxSeqIdOf(Path file) {
    String n = file.getFileName().toString();
    if (n.length() != 19 || !n.chars().allMatch(Character::isDigit)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(n));
  }

  /** Finished recovered-edits files in {@code dir}, by ascending max sequence id. */
  public static List<Path> list(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (maxSeqIdOf(p).isPresent() && Files.isRegularFile(p)) {
          out.add(p);
        }
      }
    } catch (NoSuchFileException e) {
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    out.sort(Comparator.comparingLong(p -> maxSeqIdOf(p).getAsLong()));
    return out;
  }

  /**
   * Replays the region's recovered edits with sequence id above {@code flushedSeqId}; files
   * whose name (max seq id) is not above it are skipped unread. Tolerates damage as
   * {@link WalReplayer} does. The caller deletes the files once the edits are flushed.
   */
  public static ReplayResult replay(Path dir, String regionEncodedName, long flushedSeqId,
      WalEntryConsumer consumer) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : list(dir)) {
      if (maxSeqIdOf(p).getAsLong() > flushedSeqId) {
        files.add(p);
      }
    }
    return WalReplayer.replayFiles(files,
        e -> e.getSequenceId() > flushedSeqId && e.getRegion().equals(regionEncodedName),
        consumer);
  }

  /** Deletes every recovered-edits file (and leftover temp) in {@code dir}, then the dir. */
  public static void deleteAll(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }
}
