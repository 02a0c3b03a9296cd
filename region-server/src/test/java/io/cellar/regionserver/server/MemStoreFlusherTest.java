package io.cellar.regionserver.server;

import static io.cellar.regionserver.server.ServerFixture.CF;
import static io.cellar.regionserver.server.ServerFixture.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Put;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.regionserver.Region;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's flusher keeps the sum of all memstores under the global limit. */
class MemStoreFlusherTest {
  @TempDir
  Path dir;

  @Test
  void globalMemStorePressureFlushesTheBiggestRegions() throws Exception {
    long limit = 2L << 20;
    double fraction = (double) limit / Runtime.getRuntime().maxMemory();
    try (ServerFixture f = ServerFixture.start(dir,
        RegionServer.GLOBAL_MEMSTORE_FRACTION_KEY, Double.toString(fraction))) {
      MemStoreFlusher flusher = f.server.memStoreFlusher();
      assertTrue(Math.abs(flusher.getGlobalLimit() - limit) < 1024, "" + flusher.getGlobalLimit());
      TableDescriptor td = ServerFixture.table("pressure");
      RegionInfo a = ServerFixture.region(td, null, "m");
      RegionInfo z = ServerFixture.region(td, "m", null);
      f.open(a, td);
      f.open(z, td);
      // 3 MiB in all, far below the table's flush size: only the global limit can flush
      for (int i = 0; i < 30; i++) {
        f.mutate(i % 3 == 0 ? z : a, new Put(b((i % 3 == 0 ? "z" : "a") + i))
            .addColumn(CF, b("q"), new byte[100 * 1024]));
      }
      ServerFixture.await("the global memstore to drop under the limit",
          () -> flusher.globalMemStoreSize() < limit);
      long filesBytes = 0;
      for (Region r : f.server.getOnlineRegions()) {
        filesBytes += r.getStoreFileSize();
      }
      assertTrue(filesBytes > limit / 2, "flushed " + filesBytes);
      for (int i = 0; i < 30; i++) {
        RegionInfo r = i % 3 == 0 ? z : a;
        assertEquals(100 * 1024, f.get(r, new io.cellar.client.Get(b((i % 3 == 0 ? "z" : "a")
            + i))).getValue(CF, b("q")).length);
      }
    }
  }
}
