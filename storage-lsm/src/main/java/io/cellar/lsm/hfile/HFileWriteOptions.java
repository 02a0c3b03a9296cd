package io.cellar.lsm.hfile;

import io.cellar.common.schema.BloomType;
import io.cellar.common.schema.Compression;
import java.util.Objects;

/**
 * How an HFile is written: block size, compression, bloom type, fsync on close, and the index
 * block size past which the index grows another level. Immutable; {@code with*} return copies.
 */
public final class HFileWriteOptions {
  public static final int DEFAULT_BLOCK_SIZE = 64 * 1024;
  public static final int DEFAULT_INDEX_BLOCK_SIZE = 128 * 1024;
  public static final int DEFAULT_MAX_ROOT_INDEX_SIZE = 1024 * 1024;
  public static final HFileWriteOptions DEFAULTS = new HFileWriteOptions(DEFAULT_BLOCK_SIZE,
      Compression.NONE, BloomType.ROW, true, DEFAULT_INDEX_BLOCK_SIZE, DEFAULT_MAX_ROOT_INDEX_SIZE,
      null);

  private final int blockSize;
  private final Compression compression;
  private final BloomType bloomType;
  private final boolean fsyncOnClose;
  private final int indexBlockSize;
  private final int maxRootIndexSize;
  private final CacheOnWrite cacheOnWrite; // null: blocks are cached only when read

  private HFileWriteOptions(int blockSize, Compression compression, BloomType bloomType,
      boolean fsyncOnClose, int indexBlockSize, int maxRootIndexSize, CacheOnWrite cacheOnWrite) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("block size must be positive: " + blockSize);
    }
    if (indexBlockSize < 1 || maxRootIndexSize < 1) {
      throw new IllegalArgumentException("index sizes must be positive");
    }
    this.blockSize = blockSize;
    this.compression = Objects.requireNonNull(compression);
    this.bloomType = Objects.requireNonNull(bloomType);
    this.fsyncOnClose = fsyncOnClose;
    this.indexBlockSize = indexBlockSize;
    this.maxRootIndexSize = maxRootIndexSize;
    this.cacheOnWrite = cacheOnWrite;
  }

  public HFileWriteOptions withBlockSize(int bytes) {
    return new HFileWriteOptions(bytes, compression, bloomType, fsyncOnClose, indexBlockSize,
        maxRootIndexSize, cacheOnWrite);
  }

  public HFileWriteOptions withCompression(Compression c) {
    return new HFileWriteOptions(blockSize, c, bloomType, fsyncOnClose, indexBlockSize,
        maxRootIndexSize, cacheOnWrite);
  }

  public HFileWriteOptions withBloomType(BloomType b) {
    return new HFileWriteOptions(blockSize, compression, b, fsyncOnClose, indexBlockSize,
        maxRootIndexSize, cacheOnWrite);
  }

  public HFileWriteOptions withFsyncOnClose(boolean fsync) {
    return new HFileWriteOptions(blockSize, compression, bloomType, fsync, indexBlockSize,
        maxRootIndexSize, cacheOnWrite);
  }

  /**
   * The root index (pinned in memory by readers) may grow to this many bytes; past it, the index
   * is split into blocks of {@link #withIndexBlockSize} bytes under a new level.
   */
  public HFileWriteOptions withMaxRootIndexSize(int bytes) {
    return new HFileWriteOptions(blockSize, compression, bloomType, fsyncOnClose, indexBlockSize,
        bytes, cacheOnWrite);
  }

  /** Target size of leaf and intermediate index blocks (used once the root overflows). */
  public HFileWriteOptions withIndexBlockSize(int bytes) {
    return new HFileWriteOptions(blockSize, compression, bloomType, fsyncOnClose, bytes,
        maxRootIndexSize, cacheOnWrite);
  }

  /** Shorthand for a tiny index in tests: both index sizes set to {@code bytes}. */
  public HFileWriteOptions withMaxIndexBlockSize(int bytes) {
    return withIndexBlockSize(bytes).withMaxRootIndexSize(bytes);
  }

  /**
   * Puts each data and index block into a block cache as it is written, under the file id the
   * file's reader will be opened with (see {@link CacheOnWrite}); null turns it off.
   */
  public HFileWriteOptions withCacheOnWrite(CacheOnWrite c) {
    return new HFileWriteOptions(blockSize, compression, bloomType, fsyncOnClose, indexBlockSize,
        maxRootIndexSize, c);
  }

  /** Where written blocks are cached, or null. */
  public CacheOnWrite getCacheOnWrite() {
    return cacheOnWrite;
  }

  public int getBlockSize() {
    return blockSize;
  }

  public Compression getCompression() {
    return compression;
  }

  public BloomType getBloomType() {
    return bloomType;
  }

  public boolean isFsyncOnClose() {
    return fsyncOnClose;
  }

  public int getIndexBlockSize() {
    return indexBlockSize;
  }

  public int getMaxRootIndexSize() {
    return maxRootIndexSize;
  }

  @Override
  public String toString() {
    return "HFileWriteOptions{blockSize=" + blockSize + ", compression=" + compression
        + ", bloom=" + bloomType + ", fsync=" + fsyncOnClose + ", indexBlockSize="
        + indexBlockSize + ", maxRootIndexSize=" + maxRootIndexSize + "}";
  }
}
