package io.cellar.lsm.cache;

/**
 * Names one block: the reader's file id (unique per open) and the block's offset in the file.
 * Immutable.
 *
 * <p>Not a record: a record's hash is {@code 31 * hash(fileId) + hash(offset)}, and block offsets
 * step by nearly the same block size, so whole runs of a file's blocks fell into a few buckets
 * of the cache's hash table, and every lookup walked them calling the record's generated
 * {@code equals}. Here the two longs are mixed (a multiply and a fold) and compared directly.
 */
public final class BlockCacheKey {
  private static final long MIX = 0x9E3779B97F4A7C15L; // 2^64 / golden ratio, odd
  private final long fileId;
  private final long offset;
  private final int hash;

  public BlockCacheKey(long fileId, long offset) {
    this.fileId = fileId;
    this.offset = offset;
    long h = (offset + fileId * MIX) * MIX;
    this.hash = (int) (h ^ (h >>> 32));
  }

  public long fileId() {
    return fileId;
  }

  public long offset() {
    return offset;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BlockCacheKey k && k.offset == offset && k.fileId == fileId;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "BlockCacheKey[fileId=" + fileId + ", offset=" + offset + "]";
  }
}
