package io.cellar.it.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.common.Bytes;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.regionserver.server.RegionServer;
import io.cellar.tools.LocalCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master balances by itself: a server that joins late gets its share without balance(). */
class BalancerChoreEndToEndTest {
  @TempDir Path dir;

  @Test
  void aServerThatJoinsLateGetsRegionsFromThePeriodicBalancer() throws Exception {
    Configuration fastBalancer = new Configuration()
        .setLong("cellar.master.balancer.period.ms", 500);
    try (LocalCluster c = LocalCluster.forTests(dir, 1, fastBalancer).start();
         Connection conn = ConnectionFactory.createConnection(c.getConfiguration());
         Admin admin = conn.getAdmin()) {
      TableName t = TableName.valueOf("balanced");
      admin.createTable(TableDescriptor.newBuilder(t)
              .setColumnFamily(ColumnFamilyDescriptor.of("cf")).build(),
          new byte[][] {Bytes.toBytes("b"), Bytes.toBytes("c"), Bytes.toBytes("d")});
      RegionServer late = c.startRegionServer();

      long deadline = System.currentTimeMillis() + 30_000;
      int lateRegions = 0;
      while (System.currentTimeMillis() < deadline) {
        lateRegions = admin.getRegions(late.getServerName()).size();
        if (lateRegions >= 2) {
          break;
        }
        Thread.sleep(200);
      }
      // 4 table regions + meta over 2 servers: the late one ends with 2 or 3.
      assertTrue(lateRegions >= 2, "late server has " + lateRegions + " regions");
      assertEquals(4, admin.getRegions(t).size());
    }
  }
}
