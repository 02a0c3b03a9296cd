package io.cellar.wal;

import com.google.common.base.Preconditions;
import io.cellar.common.conf.Configuration;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of one server's WAL. Immutable; the {@code with*} methods return changed copies.
 *
 * <p>Configuration keys (see {@link #fromConfiguration}): {@code cellar.wal.roll.size} (bytes,
 * default 128 MiB), {@code cellar.wal.max.segments} (closed segments before regions are asked to flush, default
 * 32), {@code cellar.wal.archive.dir} (default {@code <root>/archive}).
 */
public final class WalConfig {
  public static final long DEFAULT_ROLL_SIZE = 128L << 20;
  public static final int DEFAULT_MAX_SEGMENTS = 32;

  private final Path walDir;
  private final Path archiveDir;
  private final String serverName;
  private final long rollSize;
  private final int maxSegments;
  private final WalRetention retention;

  private WalConfig(Path walDir, Path archiveDir, String serverName, long rollSize,
      int maxSegments, WalRetention retention) {
    Preconditions.checkArgument(!serverName.isEmpty() && !serverName.contains("/"),
        "bad server name '%s'", serverName);
    Preconditions.checkArgument(rollSize > SegmentFile.HEADER_SIZE, "roll size %s", rollSize);
    Preconditions.checkArgument(maxSegments > 0, "max segments must be > 0");
    this.walDir = Objects.requireNonNull(walDir);
    this.archiveDir = Objects.requireNonNull(archiveDir);
    this.serverName = serverName;
    this.rollSize = rollSize;
    this.maxSegments = maxSegments;
    this.retention = Objects.requireNonNull(retention);
  }

  /** Defaults for {@code serverName} under a storage root: {@code <root>/wal/<server>/}. */
  public static WalConfig forServer(Path root, String serverName) {
    return new WalConfig(walDir(root, serverName), root.resolve("archive"), serverName,
        DEFAULT_ROLL_SIZE, DEFAULT_MAX_SEGMENTS, WalRetention.NONE);
  }

  /** {@link #forServer} with the {@code cellar.wal.*} settings of {@code conf}. */
  public static WalConfig fromConfiguration(Configuration conf, Path root, String serverName) {
    WalConfig c = forServer(root, serverName);
    String archive = conf.get("cellar.wal.archive.dir", null);
    return c.withRollSize(conf.getLong("cellar.wal.roll.size", DEFAULT_ROLL_SIZE))
        .withMaxSegments(conf.getInt("cellar.wal.max.segments", DEFAULT_MAX_SEGMENTS))
        .withArchiveDir(archive == null ? c.archiveDir : Path.of(archive));
  }

  /** The live WAL directory of a server: {@code <root>/wal/<server>}. */
  public static Path walDir(Path root, String serverName) {
    return root.resolve("wal").resolve(serverName);
  }

  public WalConfig withRollSize(long bytes) {
    return new WalConfig(walDir, archiveDir, serverName, bytes, maxSegments, retention);
  }

  public WalConfig withMaxSegments(int n) {
    return new WalConfig(walDir, archiveDir, serverName, rollSize, n, retention);
  }

  public WalConfig withArchiveDir(Path dir) {
    return new WalConfig(walDir, dir, serverName, rollSize, maxSegments, retention);
  }

  public WalConfig withRetention(WalRetention r) {
    return new WalConfig(walDir, archiveDir, serverName, rollSize, maxSegments, r);
  }

  public Path walDir() {
    return walDir;
  }

  public Path archiveDir() {
    return archiveDir;
  }

  /** Prefix of every segment file name. */
  public String serverName() {
    return serverName;
  }

  public long rollSize() {
    return rollSize;
  }

  public int maxSegments() {
    return maxSegments;
  }

  public WalRetention retention() {
    return retention;
  }
}
