package io.cellar.lsm.compaction;

import io.cellar.common.conf.Configuration;

/**
 * Compaction and store-file-count settings, read once from a {@link Configuration}. Keys and
 * defaults follow HBase's names under {@code cellar.}:
 *
 * <pre>
 *   cellar.hstore.compaction.min                   3     fewest files a minor compaction takes
 *   cellar.hstore.compaction.max                   10    most files a minor compaction takes
 *   cellar.hstore.compaction.ratio                 1.2   a file joins if size <= ratio x sum(newer)
 *   cellar.hstore.compaction.min.size              128 MiB  files smaller always qualify
 *   cellar.hstore.compaction.max.size              unlimited  larger files never join a minor
 *   cellar.hregion.majorcompaction                 7 days (ms); 0 = no periodic major compaction
 *   cellar.hstore.blockingStoreFiles               16    writes wait while a store has more files
 *   cellar.hstore.blockingWaitTime                 90000 ms a write waits at most, then proceeds
 *   cellar.hstore.compaction.throughput.bytes.per.second   0 = unlimited
 *   cellar.regionserver.compaction.threads         1     background compaction threads (1-2)
 * </pre>
 */
public final class CompactionConfig {
  public static final String MIN_FILES = "cellar.hstore.compaction.min";
  public static final String MAX_FILES = "cellar.hstore.compaction.max";
  public static final String RATIO = "cellar.hstore.compaction.ratio";
  public static final String MIN_SIZE = "cellar.hstore.compaction.min.size";
  public static final String MAX_SIZE = "cellar.hstore.compaction.max.size";
  public static final String MAJOR_PERIOD_MS = "cellar.hregion.majorcompaction";
  public static final String BLOCKING_FILES = "cellar.hstore.blockingStoreFiles";
  public static final String BLOCKING_WAIT_MS = "cellar.hstore.blockingWaitTime";
  public static final String THROUGHPUT = "cellar.hstore.compaction.throughput.bytes.per.second";
  public static final String THREADS = "cellar.regionserver.compaction.threads";

  private final int minFiles;
  private final int maxFiles;
  private final double ratio;
  private final long minCompactSize;
  private final long maxCompactSize;
  private final long majorPeriodMillis;
  private final int blockingFiles;
  private final long blockingWaitMillis;
  private final long throughputBytesPerSecond;
  private final int threads;

  private CompactionConfig(Configuration c) {
    this.minFiles = Math.max(2, c.getInt(MIN_FILES, 3));
    this.maxFiles = Math.max(minFiles, c.getInt(MAX_FILES, 10));
    this.ratio = c.getDouble(RATIO, 1.2);
    this.minCompactSize = c.getLong(MIN_SIZE, 128L * 1024 * 1024);
    this.maxCompactSize = c.getLong(MAX_SIZE, Long.MAX_VALUE);
    this.majorPeriodMillis = c.getLong(MAJOR_PERIOD_MS, 7L * 24 * 3600 * 1000);
    this.blockingFiles = c.getInt(BLOCKING_FILES, 16);
    this.blockingWaitMillis = c.getLong(BLOCKING_WAIT_MS, 90_000L);
    this.throughputBytesPerSecond = c.getLong(THROUGHPUT, 0L);
    this.threads = Math.max(1, Math.min(2, c.getInt(THREADS, 1)));
    if (ratio <= 0) {
      throw new IllegalArgumentException(RATIO + " must be positive, got " + ratio);
    }
  }

  public static CompactionConfig from(Configuration c) {
    return new CompactionConfig(c);
  }

  public static CompactionConfig defaults() {
    return new CompactionConfig(new Configuration());
  }

  public int getMinFiles() {
    return minFiles;
  }

  public int getMaxFiles() {
    return maxFiles;
  }

  public double getRatio() {
    return ratio;
  }

  public long getMinCompactSize() {
    return minCompactSize;
  }

  public long getMaxCompactSize() {
    return maxCompactSize;
  }

  /** 0 disables periodic major compaction. */
  public long getMajorPeriodMillis() {
    return majorPeriodMillis;
  }

  public int getBlockingFiles() {
    return blockingFiles;
  }

  public long getBlockingWaitMillis() {
    return blockingWaitMillis;
  }

  /** 0 means unlimited. */
  public long getThroughputBytesPerSecond() {
    return throughputBytesPerSecond;
  }

  public int getThreads() {
    return threads;
  }
}
