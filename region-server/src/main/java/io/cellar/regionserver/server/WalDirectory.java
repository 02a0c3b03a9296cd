package io.cellar.regionserver.server;

import io.cellar.wal.SegmentFile;
import io.cellar.wal.WalConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a server's live WAL directory after a clean stop. REQUIRES: every region of the
 * server closed with a flush and the WAL writer is closed, so no segment holds an edit that is
 * not in a store file. Then every segment moves to the archive and {@code <root>/wal/<server>/}
 * is deleted: the master finds nothing to split for a server that stopped cleanly.
 */
final class WalDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(WalDirectory.class);

  private WalDirectory() {}

  /** Archives every segment and removes the directory; failures are logged, never thrown. */
  static void archiveAll(WalConfig config) {
    Path dir = config.walDir();
    try {
      Files.createDirectories(config.archiveDir());
      for (Path segment : SegmentFile.list(dir)) {
        Files.move(segment, config.archiveDir().resolve(segment.getFileName()),
            StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.warn("Could not archive the WAL directory {} after a clean stop: {}", dir,
          e.toString());
    }
  }
}
