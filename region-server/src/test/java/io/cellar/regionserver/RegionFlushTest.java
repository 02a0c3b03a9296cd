package io.cellar.regionserver;

import static io.cellar.regionserver.RegionFixture.CF1;
import static io.cellar.regionserver.RegionFixture.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Put;
import io.cellar.client.Scan;
import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.RegionTooBusyException;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.compaction.CompactionConfig;
import io.cellar.lsm.compaction.CompactionRunner;
import io.cellar.wal.WalConfig;
import io.cellar.wal.WalWriter;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionFlushTest {
  @TempDir Path root;

  static final TableDescriptor TABLE = TableDescriptor.newBuilder(TableName.valueOf("fl"))
      .setColumnFamily(ColumnFamilyDescriptor.of("cf1"))
      .setMemStoreFlushSize(64 * 1024).build();

  @Test
  void backgroundFlusherKeepsTheMemStoreBounded() throws Exception {
    try (RegionServices s = RegionFixture.services(root)) {
      Region r = RegionFixture.open(TABLE, s);
      byte[] v = new byte[1000];
      for (int i = 0; i < 1000; i++) { // ~1 MB, 16x the flush size
        r.put(new Put(b(String.format("r%05d", i))).addColumn(CF1, b("q"), v));
      }
      assertTrue(r.getStoreFileSize() > 0, "the flusher wrote files");
      // writes are admitted while the memstore is under the blocking size (4x the flush size),
      // so the last one admitted may take it past that by one cell
      long oneCell = 1100;
      assertTrue(r.getMemStoreSize() < 4 * 64 * 1024 + oneCell, "memstore " + r.getMemStoreSize());
      assertTrue(r.getMaxFlushedSequenceId() > 0);
      assertEquals(1000, RegionFixture.scanRows(r, new Scan()).size());
      r.close();
    }
  }

  @Test
  void writesBlockOverTheLimitThenFailAsTooBusyAndResumeAfterAFlush() throws Exception {
    Configuration conf = new Configuration()
        .setInt(WriteBackpressure.BLOCK_MULTIPLIER_KEY, 2)
        .setLong(WriteBackpressure.BLOCK_TIMEOUT_KEY, 300);
    AtomicInteger flushRequests = new AtomicInteger();
    try (WalWriter wal = new WalWriter(WalConfig.forServer(root, "rs1"));
        CompactionRunner compactions = new CompactionRunner(CompactionConfig.defaults())) {
      // a server whose flusher only counts requests, so the memstore can outgrow its limit
      RegionServices s = new RegionServices(root, wal, BlockCache.disabled(), compactions,
          region -> flushRequests.incrementAndGet(), conf, ServerClock.system());
      Region r = Region.open(RegionFixture.wholeTable(TABLE), TABLE, s);
      byte[] v = new byte[1000];
      int i = 0;
      while (r.getMemStoreSize() < 2 * 64 * 1024) {
        r.put(new Put(b("r" + i++)).addColumn(CF1, b("q"), v));
      }
      assertTrue(flushRequests.get() > 0, "flushes were requested past the flush size");
      RegionTooBusyException e = assertThrows(RegionTooBusyException.class,
          () -> r.put(new Put(b("blocked")).addColumn(CF1, b("q"), v)));
      assertTrue(e.getMessage().contains("memstore"), e.getMessage());
      r.flush(false);
      r.put(new Put(b("after")).addColumn(CF1, b("q"), v));
      assertEquals(i + 1, RegionFixture.scanRows(r, new Scan()).size());
      r.close();
    }
  }
}
