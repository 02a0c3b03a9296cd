package io.cellar.lsm.hfile;

import io.cellar.lsm.cache.BlockCache;
import java.util.Objects;

/**
 * Where an {@link HFileWriter} puts the blocks it writes (HBase's cache-on-write): the shared
 * cache and the file id the new file's reader will be opened with
 * ({@link HFileReader#open(java.nio.file.Path, BlockCache, long)}), so a freshly flushed or
 * compacted file is read warm instead of from disk.
 *
 * <p>REQUIRES: {@code fileId} comes from {@link BlockCache#newFileId()} and is used for one file
 * only; the cache is enabled.
 */
public record CacheOnWrite(BlockCache cache, long fileId) {
  public CacheOnWrite {
    Objects.requireNonNull(cache);
  }

  /** A fresh id in {@code cache}, or null when the cache is null or disabled. */
  public static CacheOnWrite newFile(BlockCache cache) {
    return cache == null || !cache.isEnabled() ? null
        : new CacheOnWrite(cache, BlockCache.newFileId());
  }
}
