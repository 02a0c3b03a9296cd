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
  public static final int DEFAULT_MAX_INDEX_BLOCK_SIZE = 128 * 1024;
  public static final HFileWriteOptions DEFAULTS = new HFileWriteOptions(
      DEFAULT_BLOCK_SIZE, Compression.NONE, BloomType.ROW, true, DEFAULT_MAX_INDEX_BLOCK_SIZE);

  private final int blockSize;
  private final Compression compression;
  private final BloomType bloomType;
  private final boolean fsyncOnClose;
  private final int maxIndexBlockSize;

  private HFileWriteOptions(int blockSize, Compression compression, BloomType bloomType,
      boolean fsyncOnClose, int maxIndexBlockSize) {
    if (blockSize < 1) {
      throw new IllegalArgumentException("block size must be positive: " + blockSize);
    }
    if (maxIndexBlockSize < 1) {
      throw new IllegalArgumentException("index block size must be positive");
    }
    this.blockSize = blockSize;
    this.compression = Objects.requireNonNull(compression);
    this.bloomType = Objects.requireNonNull(bloomType);
    this.fsyncOnClose = fsyncOnClose;
    this.maxIndexBlockSize = maxIndexBlockSize;
  }

  public HFileWriteOptions withBlockSize(int bytes) {
    return new HFileWriteOptions(bytes, compression, bloomType, fsyncOnClose, maxIndexBlockSize);
  }

  public HFileWriteOptions withCompression(Compression c) {
    return new HFileWriteOptions(blockSize, c, bloomType, fsyncOnClose, maxIndexBlockSize);
  }

  public HFileWriteOptions withBloomType(BloomType b) {
    return new HFileWriteOptions(blockSize, compression, b, fsyncOnClose, maxIndexBlockSize);
  }

  public HFileWriteOptions withFsyncOnClose(boolean fsync) {
    return new HFileWriteOptions(blockSize, compression, bloomType, fsync, maxIndexBlockSize);
  }

  /** An index level larger than this many bytes is split into blocks under a new level. */
  public HFileWriteOptions withMaxIndexBlockSize(int bytes) {
    return new HFileWriteOptions(blockSize, compression, bloomType, fsyncOnClose, bytes);
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

  public int getMaxIndexBlockSize() {
    return maxIndexBlockSize;
  }

  @Override
  public String toString() {
    return "HFileWriteOptions{blockSize=" + blockSize + ", compression=" + compression
        + ", bloom=" + bloomType + ", fsync=" + fsyncOnClose + ", maxIndexBlockSize="
        + maxIndexBlockSize + "}";
  }
}
