package io.cellar.lsm.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The block cache shared by every store file of a process: decompressed blocks keyed by
 * (file id, block offset), weighed by bytes, with W-TinyLFU admission (Caffeine).
 *
 * <p>Priority for index blocks: the cache has two areas, a data area and a smaller meta area
 * ({@link #META_FRACTION} of the capacity) that only holds index blocks, so a large scan can never
 * push index blocks out. Root index blocks and bloom filters are not cached here at all: each
 * reader pins them for its whole life.
 *
 * <p>Thread-safe. A cache of capacity 0 ({@link #disabled()}) caches nothing.
 */
public final class BlockCache {
  /** Share of the capacity reserved for non-root index blocks. */
  public static final double META_FRACTION = 0.1;

  private static final AtomicLong NEXT_FILE_ID = new AtomicLong(1);
  private static final Logger LOG = LoggerFactory.getLogger(BlockCache.class);
  /** Hit/miss statistics are logged at most this often (HBase logs its cache stats too). */
  private static final long STATS_INTERVAL_NANOS =
      Long.getLong("cellar.blockcache.stats.seconds", 60) * 1_000_000_000L;

  private final long capacityBytes;
  private final Cache<BlockCacheKey, Cacheable> data;
  private final Cache<BlockCacheKey, Cacheable> meta;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder inserts = new LongAdder();
  private final AtomicLong nextStatsNanos =
      new AtomicLong(System.nanoTime() + STATS_INTERVAL_NANOS);

  /** REQUIRES: capacityBytes >= 0 (callers size it as a fraction of the heap). */
  public BlockCache(long capacityBytes) {
    if (capacityBytes < 0) {
      throw new IllegalArgumentException("negative cache capacity " + capacityBytes);
    }
    this.capacityBytes = capacityBytes;
    long metaBytes = (long) (capacityBytes * META_FRACTION);
    this.meta = capacityBytes == 0 ? null : build(metaBytes);
    this.data = capacityBytes == 0 ? null : build(capacityBytes - metaBytes);
  }

  /** A cache that holds nothing; readers work as with no cache. */
  public static BlockCache disabled() {
    return new BlockCache(0);
  }

  private static Cache<BlockCacheKey, Cacheable> build(long maxWeight) {
    return Caffeine.newBuilder()
        .maximumWeight(maxWeight)
        .weigher((BlockCacheKey k, Cacheable v) -> v.heapSize() + 64)
        .executor(Runnable::run) // maintenance inline: no surprise thread hops
        .build();
  }

  /** A fresh id for an opened file; ids are never reused, so a reopen never sees stale blocks. */
  public static long newFileId() {
    return NEXT_FILE_ID.getAndIncrement();
  }

  public boolean isEnabled() {
    return data != null;
  }

  /** The cached block, or null; counts a hit or a miss. */
  public Cacheable get(BlockCacheKey key, boolean metaBlock) {
    if (data == null) {
      misses.increment();
      return null;
    }
    Cacheable c = (metaBlock ? meta : data).getIfPresent(key);
    if (c == null) {
      misses.increment();
      maybeLogStats();
    } else {
      hits.increment();
    }
    return c;
  }

  /** REQUIRES: block is immutable. */
  public void put(BlockCacheKey key, Cacheable block, boolean metaBlock) {
    if (data != null) {
      inserts.increment();
      (metaBlock ? meta : data).put(key, block);
    }
  }

  /** Logs the counters when the interval has passed; checked on misses only (hits stay cheap). */
  private void maybeLogStats() {
    long due = nextStatsNanos.get();
    long now = System.nanoTime();
    if (now - due < 0 || !nextStatsNanos.compareAndSet(due, now + STATS_INTERVAL_NANOS)) {
      return;
    }
    long h = getHitCount();
    long m = getMissCount();
    LOG.info("Block cache: {} hits, {} misses ({} % hits), {} inserts, {} blocks, {} of {} bytes",
        h, m, h + m == 0 ? 0 : h * 100 / (h + m), inserts.sum(), getBlockCount(),
        getSizeBytes(), capacityBytes);
  }

  /** Blocks put into the cache so far (each may have evicted others). */
  public long getInsertCount() {
    return inserts.sum();
  }

  /** Drops every block of one file (when its reader closes). Returns how many were dropped. */
  public int evictFile(long fileId) {
    if (data == null) {
      return 0;
    }
    int n = 0;
    for (Cache<BlockCacheKey, Cacheable> area : new Cache[] {data, meta}) {
      var keys = area.asMap().keySet();
      for (BlockCacheKey k : keys) {
        if (k.fileId() == fileId && keys.remove(k)) {
          n++;
        }
      }
    }
    return n;
  }

  public long getHitCount() {
    return hits.sum();
  }

  public long getMissCount() {
    return misses.sum();
  }

  public long getCapacityBytes() {
    return capacityBytes;
  }

  /** Bytes currently held (weights as charged), both areas. */
  public long getSizeBytes() {
    if (data == null) {
      return 0;
    }
    long total = 0;
    for (Cache<BlockCacheKey, Cacheable> area : new Cache[] {data, meta}) {
      area.cleanUp();
      total += area.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
    }
    return total;
  }

  /** Number of blocks currently held. */
  public long getBlockCount() {
    if (data == null) {
      return 0;
    }
    data.cleanUp();
    meta.cleanUp();
    return data.estimatedSize() + meta.estimatedSize();
  }
}
