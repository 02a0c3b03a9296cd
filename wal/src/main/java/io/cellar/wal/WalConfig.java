package io.cellar.wal;

import com.google.common.base.Preconditions;
import io.cellar.common.conf.Configuration;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of one server's WAL. Immutable; the {@code with*} methods return changed copies.
 *
 * <p>Configuration keys (see {@link #fromConfiguration}): {@code cellar.wal.roll.size} (bytes,
 * default 128 MiB), {@code cellar.wal.async.flush.interval.ms} (default 100),
 * {@code cellar.wal.max.segments} (closed segments before regions are asked to flush, default
 * 32), {@code cellar.wal.archive.dir} (default {@code <root>/archive}).
 */
public final class WalConfig {
  public static final long DEFAULT_ROLL_SIZE = 128L << 20;
  public static final long DEFAULT_ASYNC_FLUSH_INTERVAL_MS = 100;
  public static final int DEFAULT_MAX_SEGMENTS = 32;
  /** Pending bytes past which an appender writes the batch itself (back-pressure). */
  public static final int DEFAULT_MAX_PENDING_BYTES = 8 << 20;

  private final Path walDir;
  private final Path archiveDir;
  private final String serverName;
  private final long rollSize;
  private final long asyncFlushIntervalMs;
  private final int maxSegments;
  private final int maxPendingBytes;
  private final WalRetention retention;

  private WalConfig(Path walDir, Path archiveDir, String serverName, long rollSize,
      long asyncFlushIntervalMs, int maxSegments, int maxPendingBytes, WalRetention retention) {
    Preconditions.checkArgument(!serverName.isEmpty() && !serverName.contains("/"),
        "bad server name '%s'", serverName);
    Preconditions.checkArgument(rollSize > SegmentFile.HEADER_SIZE, "roll size %s", rollSize);
    Preconditions.checkArgument(asyncFlushIntervalMs > 0, "async flush interval must be > 0");
    Preconditions.checkArgument(maxSegments > 0 && maxPendingBytes > 0, "limits must be > 0");
    this.walDir = Objects.requireNonNull(walDir);
    this.archiveDir = Objects.requireNonNull(archiveDir);
    this.serverName = serverName;
    this.rollSize = rollSize;
    this.asyncFlushIntervalMs = asyncFlushIntervalMs;
    this.maxSegments = maxSegments;
    this.maxPendingBytes = maxPendingBytes;
    this.retention = Objects.requireNonNull(retention);
  }

  /** Defaults for {@code serverName} under a storage root: {@code <root>/wal/<server>/}. */
  public static WalConfig forServer(Path root, String serverName) {
    return new WalConfig(walDir(root, serverName), root.resolve("archive"), serverName,
        DEFAULT_ROLL_SIZE, DEFAULT_ASYNC_FLUSH_INTERVAL_MS, DEFAULT_MAX_SEGMENTS,
        DEFAULT_MAX_PENDING_BYTES, WalRetention.NONE);
  }

  /** {@link #forServer} with the {@code cellar.wal.*} settings of {@code conf}. */
  public static WalConfig fromConfiguration(Configuration conf, Path root, String serverName) {
    WalConfig c = forServer(root, serverName);
    String archive = conf.get("cellar.wal.archive.dir", null);
    return c.withRollSize(conf.getLong("cellar.wal.roll.size", DEFAULT_ROLL_SIZE))
        .withAsyncFlushIntervalMs(
            conf.getLong("cellar.wal.async.flush.interval.ms", DEFAULT_ASYNC_FLUSH_INTERVAL_MS))
        .withMaxSegments(conf.getInt("cellar.wal.max.segments", DEFAULT_MAX_SEGMENTS))
        .withArchiveDir(archive == null ? c.archiveDir : Path.of(archive));
  }

  /** The live WAL directory of a server: {@code <root>/wal/<server>}. */
  public static Path walDir(Path root, String serverName) {
    return root.resolve("wal").resolve(serverName);
  }

  public WalConfig withRollSize(long bytes) {
    return new WalConfig(walDir, archiveDir, serverName, bytes, asyncFlushIntervalMs,
        maxSegments, maxPendingBytes, retention);
  }

  public WalConfig withAsyncFlushIntervalMs(long ms) {
    return new WalConfig(walDir, archiveDir, serverName, rollSize, ms, maxSegments,
        maxPendingBytes, retention);
  }

  public WalConfig withMaxSegments(int n) {
    return new WalConfig(walDir, archiveDir, serverName, rollSize, asyncFlushIntervalMs, n,
        maxPendingBytes, retention);
  }

  public WalConfig withMaxPendingBytes(int n) {
    return new WalConfig(walDir, archiveDir, serverName, rollSize, asyncFlushIntervalMs,
        maxSegments, n, retention);
  }

  public WalConfig withArchiveDir(Path dir) {
    return new WalConfig(walDir, dir, serverName, rollSize, asyncFlushIntervalMs, maxSegments,
        maxPendingBytes, retention);
  }

  public WalConfig withRetention(WalRetention r) {
    return new WalConfig(walDir, archiveDir, serverName, rollSize, asyncFlushIntervalMs,
        maxSegments, maxPendingBytes, r);
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

  public long asyncFlushIntervalMs() {
    return asyncFlushIntervalMs;
  }

  public int maxSegments() {
    return maxSegments;
  }

  public int maxPendingBytes() {
    return maxPendingBytes;
  }

  public WalRetention retention() {
    return retention;
  }
}
