package io.cellar.master.fs;

import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.ServerName;
import io.cellar.wal.RecoveredEdits;
import io.cellar.wal.SplitResult;
import io.cellar.wal.WalConfig;
import io.cellar.wal.WalSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a dead region server's WAL directory ({@code wal/<server>/}) into recovered edits in
 * each region's directory ({@code data/<ns>/<table>/<encoded>/recovered.edits/}) with the
 * {@code wal} module's splitter, which then archives the segments. Edits of regions whose table
 * directory no longer exists (dropped tables) are discarded. Idempotent: a second call on the
 * same server finds no directory and does nothing. REQUIRES: the server is dead; one call per
 * server at a time.
 */
public final class DeadServerWals {
  private static final Logger LOG = LoggerFactory.getLogger(DeadServerWals.class);

  private final StorageRoot root;
  private final Configuration conf;

  public DeadServerWals(StorageRoot root, Configuration conf) {
    this.root = root;
    this.conf = conf;
  }

  /** The WAL directory of {@code server}. */
  public Path walDir(ServerName server) {
    return WalConfig.walDir(root.path(), server.toString());
  }

  /** Splits the server's WAL if it has one; returns the number of regions given edits. */
  public int split(ServerName server) throws IOException {
    Path dir = walDir(server);
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    long start = System.nanoTime();
    Path archive = WalConfig.fromConfiguration(conf, root.path(), server.toString())
        .archiveDir();
    SplitResult r = new WalSplitter(archive).split(dir, (table, encoded) -> {
      Path tableDir = root.tableDir(table);
      return Files.isDirectory(tableDir)
          ? RecoveredEdits.dirOf(root.regionDir(table, encoded)) : null;
    });
    LOG.info("Split WAL of dead server {}: {} regions got edits, {} entries skipped, {} damaged"
        + " segments, {} ms", server, r.editsFiles().size(), r.entriesSkipped(),
        r.damages().size(), (System.nanoTime() - start) / 1_000_000);
    return r.editsFiles().size();
  }
}
