package io.cellar.regionserver;

import io.cellar.common.conf.Configuration;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.compaction.CompactionConfig;
import io.cellar.lsm.compaction.CompactionRunner;
import io.cellar.wal.RecoveredEdits;
import io.cellar.wal.SplitResult;
import io.cellar.wal.WalConfig;
import io.cellar.wal.WalSplitter;
import io.cellar.wal.WalWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts every region of one process shares: the storage root, the server's WAL, the block
 * cache, the compaction threads, the flush requester, the configuration and the clock. A region
 * server builds one with {@link #RegionServices}; embedded users and tests get a private one from
 * {@link #local}, which owns (and closes) its WAL, cache, compaction and flush threads.
 * REQUIRES: one process at a time uses a storage root through {@link #local}.
 */
public final class RegionServices implements Closeable {
  /** Setting: block cache bytes of a {@link #local} services (default 64 MiB). */
  public static final String LOCAL_BLOCK_CACHE_KEY = "cellar.region.local.blockcache.bytes";
  /** Server name prefix of the WAL of a {@link #local} services: {@code <root>/wal/local-*}. */
  public static final String LOCAL_SERVER_NAME = "local";
  private static final Logger LOG = LoggerFactory.getLogger(RegionServices.class);

  private final Path rootDir;
  private final WalWriter wal;
  private final BlockCache blockCache;
  private final CompactionRunner compactionRunner;
  private final FlushRequester flushRequester;
  private final Configuration conf;
  private final ServerClock clock;
  private final List<Closeable> owned;
  /** Highest sequence id each region closed here handed out (see {@link #lastSequenceId}). */
  private final ConcurrentHashMap<String, Long> lastSequenceIds = new ConcurrentHashMap<>();

  /** Services built from a server's parts; closing it closes none of them. */
  public RegionServices(Path rootDir, WalWriter wal, BlockCache blockCache,
      CompactionRunner compactionRunner, FlushRequester flushRequester, Configuration conf,
      ServerClock clock) {
    this(rootDir, wal, blockCache, compactionRunner, flushRequester, conf, clock, List.of());
  }

  private RegionServices(Path rootDir, WalWriter wal, BlockCache blockCache,
      CompactionRunner compactionRunner, FlushRequester flushRequester, Configuration conf,
      ServerClock clock, List<Closeable> owned) {
    this.rootDir = Objects.requireNonNull(rootDir, "rootDir");
    this.wal = Objects.requireNonNull(wal, "wal");
    this.blockCache = Objects.requireNonNull(blockCache, "blockCache");
    this.compactionRunner = Objects.requireNonNull(compactionRunner, "compactionRunner");
    this.flushRequester = Objects.requireNonNull(flushRequester, "flushRequester");
    this.conf = Objects.requireNonNull(conf, "conf");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.owned = owned;
  }

  /** Private services under {@code root} with the system clock; WAL in {@code <root>/wal/local}. */
  public static RegionServices local(Path root, Configuration conf) throws IOException {
    return local(root, conf, ServerClock.system());
  }

  /**
   * As {@link #local(Path, Configuration)} with an injected clock (tests of TTL). The WAL of
   * this process goes to {@code <root>/wal/local-<start millis>}; the WALs that earlier
   * processes left there are first split into their regions' recovered edits (as a master
   * does for a dead server), which the regions replay when they open.
   */
  public static RegionServices local(Path root, Configuration conf, ServerClock clock)
      throws IOException {
    splitDeadLocalWals(root, conf);
    long startCode = System.currentTimeMillis();
    while (Files.exists(WalConfig.walDir(root, LOCAL_SERVER_NAME + "-" + startCode))) {
      startCode++;
    }
    String server = LOCAL_SERVER_NAME + "-" + startCode;
    WalWriter wal = new WalWriter(WalConfig.fromConfiguration(conf, root, server));
    BlockCache cache = new BlockCache(conf.getLong(LOCAL_BLOCK_CACHE_KEY, 64L << 20));
    CompactionRunner compactions = new CompactionRunner(CompactionConfig.from(conf));
    BackgroundFlusher flusher = new BackgroundFlusher("flusher-" + root.getFileName());
    List<Closeable> owned = new ArrayList<>();
    owned.add(flusher); // stop flushing before the WAL closes
    owned.add(compactions);
    owned.add(wal);
    return new RegionServices(root, wal, cache, compactions, flusher, conf, clock, owned);
  }

  /** Splits every {@code <root>/wal/local*} directory into recovered-edits files. */
  private static void splitDeadLocalWals(Path root, Configuration conf) throws IOException {
    Path walRoot = root.resolve("wal");
    if (!Files.isDirectory(walRoot)) {
      return;
    }
    List<Path> dead = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(walRoot, LOCAL_SERVER_NAME + "*")) {
      dirs.forEach(dead::add);
    }
    for (Path dir : dead) {
      WalConfig cfg = WalConfig.fromConfiguration(conf, root, dir.getFileName().toString());
      SplitResult r = new WalSplitter(cfg.archiveDir()).split(dir, (table, region) -> {
        Path regionDir = RegionDirectory.tableDir(root, table).resolve(region);
        // no directory: the region was dropped since, and its edits with it
        return Files.isDirectory(regionDir) ? RecoveredEdits.dirOf(regionDir) : null;
      });
      LOG.info("Split the WAL {} of an earlier process into recovered edits of {} regions",
          dir, r.editsFiles().size());
    }
  }

  public Path getRootDir() {
    return rootDir;
  }

  public WalWriter getWal() {
    return wal;
  }

  public BlockCache getBlockCache() {
    return blockCache;
  }

  public CompactionRunner getCompactionRunner() {
    return compactionRunner;
  }

  public FlushRequester getFlushRequester() {
    return flushRequester;
  }

  public Configuration getConfiguration() {
    return conf;
  }

  public ServerClock getClock() {
    return clock;
  }

  /**
   * The highest sequence id a region had handed out when it last closed or aborted in this
   * process, or -1. A region reopened here starts above it, so edits of its earlier incarnation
   * still pending in the shared WAL (ASYNC_WAL) never share a sequence id with new ones.
   */
  long lastSequenceId(String regionEncodedName) {
    return lastSequenceIds.getOrDefault(regionEncodedName, -1L);
  }

  void recordLastSequenceId(String regionEncodedName, long seqId) {
    lastSequenceIds.merge(regionEncodedName, seqId, Math::max);
  }

  /** Closes what {@link #local} created; the parts of a server are left to the server. */
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Closeable c : owned) {
      try {
        c.close();
      } catch (IOException e) {
        LOG.warn("Closing {} failed", c, e);
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
