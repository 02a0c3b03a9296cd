package io.cellar.it.client;

import static io.cellar.it.client.ClientDataEndToEndTest.A;
import static io.cellar.it.client.ClientDataEndToEndTest.CF;
import static io.cellar.it.client.ClientDataEndToEndTest.readAll;
import static io.cellar.it.client.ClientDataEndToEndTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.BufferedMutator;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.master.Master;
import io.cellar.regionserver.server.RegionServer;
import io.cellar.tools.LocalCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client riding through failures of a real in-process cluster: a region server crashes
 * (its regions are recovered from its WAL and reassigned) while the client reads and writes,
 * and the active master stops so a backup takes over while the client administers.
 */
class ClientFailoverEndToEndTest {
  @TempDir
  Path dir;

  @Test
  void readsAndWritesContinueAcrossARegionServerCrash() throws Exception {
    TableName name = TableName.valueOf("crash");
    try (LocalCluster cluster = ClientClusterFixture.start(dir, 3);
        Connection conn = ConnectionFactory.createConnection(
            ClientClusterFixture.clientConf(cluster));
        Admin admin = conn.getAdmin()) {
      admin.createTable(TableDescriptor.newBuilder(name)
          .setColumnFamily(ColumnFamilyDescriptor.newBuilder(CF).build()).build(),
          new byte[][] {row(100), row(200), row(300)});
      try (BufferedMutator m = conn.getBufferedMutator(name)) {
        for (int i = 0; i < 400; i++) {
          m.mutate(new Put(row(i)).addColumn(CF, A, Bytes.toBytes("v" + i)));
        }
      }
      try (Table t = conn.getTable(name)) {
        assertEquals(400, readAll(t, new Scan()).size()); // every location is cached now
        RegionLocation victim = conn.getRegionLocator(name).getRegionLocation(row(250));
        RegionServer crashed = null;
        for (RegionServer rs : cluster.getRegionServers()) {
          if (rs.getServerName().equals(victim.server())) {
            crashed = rs;
          }
        }
        assertNotNull(crashed);
        crashed.abort("test: crash while a client is connected");
        // the cached location points at a dead server: the client must find the new one
        assertEquals("v250", Bytes.toString(t.get(new Get(row(250))).getValue(CF, A)));
        t.put(new Put(row(251)).addColumn(CF, A, Bytes.toBytes("after")));
        assertEquals("after", Bytes.toString(t.get(new Get(row(251))).getValue(CF, A)));
        assertEquals(400, readAll(t, new Scan()).size(), "no acknowledged row lost");
        ServerName now = conn.getRegionLocator(name).getRegionLocation(row(250)).server();
        assertTrue(!now.equals(victim.server()), "region reassigned to a live server");
      }
    }
  }

  @Test
  void adminFollowsTheMasterToItsBackup() throws Exception {
    try (LocalCluster cluster = ClientClusterFixture.start(dir, 1);
        Connection conn = ConnectionFactory.createConnection(
            ClientClusterFixture.clientConf(cluster));
        Admin admin = conn.getAdmin()) {
      Master first = cluster.getMaster();
      assertEquals(first.getServerName(), admin.getClusterMetrics().getMasterName());
      Master backup = cluster.startMaster();
      first.stop();
      TableName name = TableName.valueOf("after_failover");
      // the cached master is gone: the client reads ZooKeeper again until the backup is active
      admin.createTable(TableDescriptor.newBuilder(name)
          .setColumnFamily(ColumnFamilyDescriptor.newBuilder(CF).build()).build());
      assertTrue(backup.isActive());
      assertEquals(backup.getServerName(), admin.getClusterMetrics().getMasterName());
      try (Table t = conn.getTable(name)) {
        t.put(new Put(row(1)).addColumn(CF, A, Bytes.toBytes("x")));
        assertEquals("x", Bytes.toString(t.get(new Get(row(1))).getValue(CF, A)));
      }
    }
  }
}
