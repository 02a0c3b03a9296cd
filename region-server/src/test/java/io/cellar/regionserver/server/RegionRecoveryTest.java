package io.cellar.regionserver.server;

import static io.cellar.regionserver.server.ServerFixture.CF;
import static io.cellar.regionserver.server.ServerFixture.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Put;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.regionserver.RegionDirectory;
import io.cellar.wal.RecoveredEdits;
import io.cellar.wal.SplitResult;
import io.cellar.wal.WalConfig;
import io.cellar.wal.WalSplitter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crashed server's regions reopen elsewhere from recovered edits: abort (nothing flushed),
 * split its WAL as the master does, open the regions on a new server.
 */
class RegionRecoveryTest {
  @TempDir
  Path dir;

  @Test
  void regionsOfAnAbortedServerReopenWithTheirEditsFromRecoveredEdits() throws Exception {
    try (ServerFixture f = ServerFixture.start(dir)) {
      TableDescriptor td = ServerFixture.table("crashy");
      RegionInfo low = ServerFixture.region(td, null, "m");
      RegionInfo high = ServerFixture.region(td, "m", null);
      f.open(low, td);
      f.open(high, td);
      f.mutate(low, new Put(b("a")).addColumn(CF, b("q"), b("flushed")));
      f.server.getOnlineRegions().forEach(r -> {
        try {
          r.flush(true);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      for (int i = 0; i < 50; i++) {
        f.mutate(i % 2 == 0 ? low : high,
            new Put(b((i % 2 == 0 ? "b" : "x") + i)).addColumn(CF, b("q"), b("v" + i)));
      }
      f.mutate(low, new Put(b("a")).addColumn(CF, b("q"), b("newer, unflushed")));
      ServerName dead = f.server.getServerName();
      Path root = f.server.getRootDir();
      f.server.abort("test crash");

      // what the master does for a dead server
      Path walDir = WalConfig.walDir(root, dead.toString());
      SplitResult split = new WalSplitter(root.resolve("archive")).split(walDir,
          (table, encoded) -> RecoveredEdits.dirOf(
              RegionDirectory.tableDir(root, table).resolve(encoded)));
      assertEquals(2, split.editsFiles().size());
      assertFalse(Files.exists(walDir));

      f.restart();
      f.open(low, td);
      f.open(high, td);
      assertEquals("newer, unflushed", f.value(low, "a", "q"));
      for (int i = 0; i < 50; i++) {
        RegionInfo r = i % 2 == 0 ? low : high;
        assertEquals("v" + i, f.value(r, (i % 2 == 0 ? "b" : "x") + i, "q"));
      }
      // replayed edits were flushed on open and the edits files removed
      Path lowDir = RegionDirectory.regionDir(root, low);
      assertTrue(!Files.exists(RecoveredEdits.dirOf(lowDir))
          || RecoveredEdits.list(RecoveredEdits.dirOf(lowDir)).isEmpty());
    }
  }
}
