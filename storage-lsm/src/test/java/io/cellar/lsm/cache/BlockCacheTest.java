package io.cellar.lsm.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hit/miss counting, byte-weighted capacity, meta area, per-file eviction, disabled cache. */
class BlockCacheTest {
  private record Blob(int size) implements Cacheable {
    @Override
    public int heapSize() {
      return size;
    }
  }

  @Test
  void countsHitsAndMisses() {
    BlockCache c = new BlockCache(1 << 20);
    BlockCacheKey k = new BlockCacheKey(1, 0);
    assertNull(c.get(k, false));
    Blob b = new Blob(100);
    c.put(k, b, false);
    assertSame(b, c.get(k, false));
    assertNull(c.get(k, true), "meta and data areas are separate");
    assertEquals(1, c.getHitCount());
    assertEquals(2, c.getMissCount());
  }

  @Test
  void capacityIsByBytes() {
    BlockCache c = new BlockCache(1_000_000);
    for (int i = 0; i < 1000; i++) {
      c.put(new BlockCacheKey(1, i * 10_000L), new Blob(10_000), false);
    }
    assertTrue(c.getSizeBytes() <= 1_000_000, "size " + c.getSizeBytes());
    assertTrue(c.getBlockCount() < 100, "blocks " + c.getBlockCount());
  }

  @Test
  void dataChurnDoesNotEvictMetaBlocks() {
    BlockCache c = new BlockCache(2_000_000);
    BlockCacheKey meta = new BlockCacheKey(9, 123);
    c.put(meta, new Blob(1000), true);
    for (int i = 0; i < 5000; i++) {
      c.put(new BlockCacheKey(2, i), new Blob(10_000), false);
    }
    assertTrue(c.get(meta, true) != null);
  }

  @Test
  void evictFileDropsOnlyThatFile() {
    BlockCache c = new BlockCache(1 << 20);
    long a = BlockCache.newFileId();
    long b = BlockCache.newFileId();
    assertTrue(b != a);
    for (int i = 0; i < 10; i++) {
      c.put(new BlockCacheKey(a, i), new Blob(10), false);
      c.put(new BlockCacheKey(b, i), new Blob(10), i % 2 == 0);
    }
    assertEquals(10, c.evictFile(b));
    assertEquals(10, c.getBlockCount());
    assertTrue(c.get(new BlockCacheKey(a, 3), false) != null);
  }

  @Test
  void disabledCacheHoldsNothing() {
    BlockCache c = BlockCache.disabled();
    c.put(new BlockCacheKey(1, 1), new Blob(10), false);
    assertNull(c.get(new BlockCacheKey(1, 1), false));
    assertEquals(0, c.getBlockCount());
    assertEquals(false, c.isEnabled());
  }
}
