package io.cellar.lsm.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Equality, and hashes that spread a file's evenly spaced blocks over a hash table. */
class BlockCacheKeyTest {
  @Test
  void equalByFileAndOffset() {
    assertEquals(new BlockCacheKey(3, 65_569), new BlockCacheKey(3, 65_569));
    assertEquals(new BlockCacheKey(3, 65_569).hashCode(), new BlockCacheKey(3, 65_569).hashCode());
    assertNotEquals(new BlockCacheKey(3, 65_569), new BlockCacheKey(4, 65_569));
    assertNotEquals(new BlockCacheKey(3, 65_569), new BlockCacheKey(3, 65_570));
    assertNotEquals(new BlockCacheKey(3, 0), "not a key");
  }

  /**
   * Blocks of one file at a constant stride (a data block size plus its header), indexed as
   * ConcurrentHashMap indexes them in a table of 8,192 buckets: with {@code 31 * fileId +
   * offset} as the hash, a stride of 65,569 bytes put 4,400 blocks into 1,093 buckets, up to 16
   * per bucket. A well-mixed hash fills about 1 - 1/e of the buckets, a few per bucket at most.
   */
  @Test
  void evenlySpacedBlocksSpreadOverBuckets() {
    for (long stride : new long[] {65_536, 65_569, 65_600, 66_000, 4_096 + 33}) {
      int[] perBucket = new int[8192];
      Set<Integer> used = new HashSet<>();
      int worst = 0;
      for (int k = 0; k < 4400; k++) {
        int h = new BlockCacheKey(7, k * stride).hashCode();
        int bucket = (h ^ (h >>> 16)) & 8191;
        used.add(bucket);
        worst = Math.max(worst, ++perBucket[bucket]);
      }
      assertTrue(used.size() > 3000, "stride " + stride + ": " + used.size() + " buckets used");
      assertTrue(worst <= 8, "stride " + stride + ": " + worst + " keys in one bucket");
    }
  }
}
