package io.cellar.lsm.hfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.cell.KeyValue;
import io.cellar.common.schema.Compression;
import io.cellar.lsm.cache.BlockCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cache-on-write: the blocks a writer caches are exactly what the reader opened with the same
 * file id would decode (every cell reads back with no cache miss), and an aborted file leaves
 * nothing cached.
 */
class HFileCacheOnWriteTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Compression.class)
  void readerOfTheWrittenFileFindsEveryBlockCached(Compression compression) throws Exception {
    List<KeyValue> cells = TestCells.random(new Random(7), 8_000, 1500);
    BlockCache cache = new BlockCache(16 << 20);
    CacheOnWrite target = CacheOnWrite.newFile(cache);
    // a tiny index forces leaf index blocks, which are cached (meta area) too
    HFileWriteOptions opts = HFileWriteOptions.DEFAULTS.withBlockSize(2048)
        .withMaxIndexBlockSize(512).withCompression(compression).withFsyncOnClose(false)
        .withCacheOnWrite(target);
    Path path = dir.resolve("f-" + compression);
    TestCells.write(path, opts, cells);
    long cached = cache.getBlockCount();
    try (HFileReader reader = HFileReader.open(path, cache, target.fileId())) {
      assertTrue(reader.getFileInfo().getDataBlockCount() > 10);
      assertTrue(cached > reader.getFileInfo().getDataBlockCount(), "data and index blocks");
      try (HFileScanner s = reader.getScanner(true, 1)) {
        assertTrue(s.seek(KeyValue.firstOnRow(new byte[0])));
        for (KeyValue expected : cells) {
          TestCells.assertSameCell(expected, s.next());
        }
        assertNull(s.next());
      }
      for (int i = 0; i < cells.size(); i += 97) { // point seeks walk the index blocks
        try (HFileScanner s = reader.getScanner(true, 1)) {
          assertTrue(s.seek(cells.get(i)));
          TestCells.assertSameCell(cells.get(i), s.peek());
        }
      }
      assertEquals(0, cache.getMissCount());
      assertEquals(cached, cache.getBlockCount(), "reads inserted nothing new");
    }
    assertEquals(0, cache.getBlockCount(), "closing the reader drops the file's blocks");
  }

  @Test
  void abortedFileLeavesNothingCached() throws Exception {
    BlockCache cache = new BlockCache(16 << 20);
    HFileWriteOptions opts = HFileWriteOptions.DEFAULTS.withBlockSize(1024)
        .withFsyncOnClose(false).withCacheOnWrite(CacheOnWrite.newFile(cache));
    HFileWriter w = HFileWriter.create(dir.resolve("aborted"), opts);
    for (KeyValue c : TestCells.random(new Random(3), 2_000, 300)) {
      w.append(c);
    }
    assertTrue(cache.getBlockCount() > 0);
    w.abort();
    assertEquals(0, cache.getBlockCount());
    assertTrue(Files.notExists(w.getTempPath()));
  }

  @Test
  void disabledCacheMeansNoTarget() {
    assertNull(CacheOnWrite.newFile(BlockCache.disabled()));
    assertNull(CacheOnWrite.newFile(null));
  }
}
