package io.cellar.regionserver.server;

import static io.cellar.regionserver.server.ServerFixture.CF;
import static io.cellar.regionserver.server.ServerFixture.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Put;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.RegionTooBusyException;
import io.cellar.regionserver.Region;
import io.cellar.regionserver.RegionServices;
import java.io.IOException;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's flusher keeps the sum of all memstores under the global limit. */
class MemStoreFlusherTest {
  @TempDir
  Path dir;

  @Test
  void writesWaitForRoomAndFailAsTooBusyWhenNoFlushFreesIt() throws Exception {
    try (RegionServices services = RegionServices.local(dir, new Configuration())) {
      TableDescriptor td = ServerFixture.table("gate");
      Region region = Region.open(ServerFixture.region(td, null, null), td, services);
      List<Region> online = List.of(region);
      MemStoreFlusher flusher = new MemStoreFlusher("test-flusher", () -> online,
          services.getWal(), 1 << 20, 50);
      try {
        flusher.awaitGlobalRoom(); // empty: room
        for (int i = 0; i < 12; i++) {
          region.put(new Put(b("r" + i)).addColumn(CF, b("q"), new byte[100 * 1024]));
        }
        // the flusher thread is not running: nothing frees room
        RegionTooBusyException e = assertThrows(RegionTooBusyException.class,
            flusher::awaitGlobalRoom);
        assertTrue(e.getMessage().contains("global limit"), e.getMessage());
        flusher.start();
        // now its flushes bring the total under the limit, and the waiting writer goes on
        ServerFixture.await("room", () -> {
          try {
            flusher.awaitGlobalRoom();
            return true;
          } catch (IOException busy) {
            return false;
          }
        });
        assertTrue(flusher.globalMemStoreSize() < 1 << 20);
        assertTrue(region.getStoreFileSize() > 0);
      } finally {
        flusher.close();
        region.close();
      }
    }
  }

  @Test
  void globalMemStorePressureFlushesTheBiggestRegions(@TempDir Path serverDir) throws Exception {
    long limit = 2L << 20;
    double fraction = (double) limit / Runtime.getRuntime().maxMemory();
    try (ServerFixture f = ServerFixture.start(serverDir,
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
