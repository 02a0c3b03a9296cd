package io.cellar.lsm.store;

import static io.cellar.lsm.store.StoreTestKit.put;
import static io.cellar.lsm.store.StoreTestKit.quietConf;
import static io.cellar.lsm.store.StoreTestKit.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.compaction.CompactionThrottle;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cache-on-write at the store: flushed and compacted files are read with no block cache miss,
 * and the setting turns it off.
 */
class StoreCacheOnWriteTest {
  @TempDir Path root;
  private final ColumnFamilyDescriptor cf = ColumnFamilyDescriptor.newBuilder("cf")
      .setBlocksize(1024).build();

  private static void fill(Store store, int from, long seq) {
    for (int i = 0; i < 300; i++) {
      store.add(put(String.format("r%05d", from + i), "q", seq, "v" + i), seq);
    }
  }

  @Test
  void flushedAndCompactedFilesAreReadWarm() throws Exception {
    BlockCache cache = new BlockCache(16 << 20);
    try (Store store = Store.open(root.resolve("cf"), cf, cache, quietConf(), null, () -> 1L)) {
      fill(store, 0, 1);
      store.flush(1);
      fill(store, 150, 2);
      store.flush(2);
      List<String> cells = readAll(store, 1);
      assertEquals(450, cells.size());
      assertTrue(cache.getHitCount() > 5);
      assertEquals(0, cache.getMissCount(), "every block was cached as it was written");
      store.majorCompact(CompactionThrottle.unlimited());
      assertEquals(1, store.getStoreFileCount());
      assertEquals(cells, readAll(store, 1));
      assertEquals(0, cache.getMissCount(), "the compaction's output too");
    }
  }

  @Test
  void settingOffReadsNewFilesCold() throws Exception {
    BlockCache cache = new BlockCache(16 << 20);
    Configuration conf = quietConf();
    conf.set(Store.CACHE_ON_WRITE_KEY, "false");
    try (Store store = Store.open(root.resolve("cf"), cf, cache, conf, null, () -> 1L)) {
      fill(store, 0, 1);
      store.flush(1);
      assertEquals(300, readAll(store, 1).size());
      assertTrue(cache.getMissCount() > 5);
    }
  }
}
