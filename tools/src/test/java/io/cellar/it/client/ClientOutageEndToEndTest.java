package io.cellar.it.client;

import static io.cellar.it.client.ClientDataEndToEndTest.A;
import static io.cellar.it.client.ClientDataEndToEndTest.CF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.ResultScanner;
import io.cellar.client.RetriesExhaustedException;
import io.cellar.client.RetriesExhaustedWithDetailsException;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.common.Bytes;
import io.cellar.common.conf.Configuration;
import io.cellar.common.rpc.ConnectionClosedException;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import io.cellar.master.Master;
import io.cellar.regionserver.server.RegionServer;
import io.cellar.tools.LocalCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client through real outages of an in-process cluster (3 region servers): the server
 * holding {@code cellar:meta} crashes (the client reads meta's new home from ZooKeeper), a
 * region's server crashes while no master runs (operations give up with errors naming the
 * table, the row and the dead server; an operation still retrying completes once a new master
 * recovers the region), and the active master is killed with a backup running.
 *
 * <p>Each test needs only an active master and at least two live region servers, and leaves
 * an active master behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientOutageEndToEndTest {
  @TempDir
  static Path dir;
  LocalCluster cluster;
  Connection conn;
  Admin admin;
  RegionRequestCounters counters;

  @BeforeAll
  void start() throws Exception {
    cluster = ClientClusterFixture.start(dir, 3);
    conn = ConnectionFactory.createConnection(ClientClusterFixture.clientConf(cluster));
    admin = conn.getAdmin();
    counters = new RegionRequestCounters(cluster);
  }

  @AfterAll
  void stop() throws Exception {
    if (counters != null) {
      counters.close();
    }
    if (conn != null) {
      conn.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static byte[] b(String s) {
    return Bytes.toBytes(s);
  }

  private static String valueOf(Result r) {
    byte[] v = r.getValue(CF, A);
    return v == null ? null : Bytes.toString(v);
  }

  private List<RegionServer> liveServers() {
    List<RegionServer> out = new ArrayList<>();
    for (RegionServer rs : cluster.getRegionServers()) {
      if (rs.isRunning()) {
        out.add(rs);
      }
    }
    return out;
  }

  private Connection connect(int retries, long operationTimeoutMs) throws Exception {
    Configuration c = ClientClusterFixture.clientConf(cluster);
    c.setInt("cellar.client.retries", retries);
    c.setLong("cellar.client.operation.timeout.ms", operationTimeoutMs);
    return ConnectionFactory.createConnection(c);
  }

  private void moveTo(RegionInfo region, ServerName server) throws Exception {
    if (!counters.serverOf(region).getServerName().equals(server)) {
      admin.move(region.getRegionName(), server);
    }
    assertEquals(server, counters.serverOf(region).getServerName());
  }

  /** For failure messages: who serves the region now. */
  private String where(RegionInfo region) {
    RegionServer rs = counters.serverOf(region);
    return region + " on " + (rs == null ? "no live server" : rs.getServerName());
  }

  @Test
  void metaIsFoundAgainInZooKeeperAfterItsServerCrashes() throws Exception {
    TableName t = TableName.valueOf("meta_crash");
    admin.createTable(ClientDataEndToEndTest.descriptor(t), new byte[][] {b("m")});
    try (Table table = conn.getTable(t)) {
      for (String r : List.of("a", "q", "z")) {
        table.put(new Put(b(r)).addColumn(CF, A, b("v-" + r)));
      }
      RegionServer metaServer = counters.metaServer();
      assertNotNull(metaServer);
      metaServer.abort("test: crash the server holding meta");
      // the client remembers meta's old server; a cleared cache forces a lookup through it
      conn.clearRegionLocationCache();
      for (String r : List.of("a", "q", "z")) {
        assertEquals("v-" + r, valueOf(table.get(new Get(b(r)))));
      }
      RegionServer now = counters.metaServer();
      assertNotNull(now);
      assertNotEquals(metaServer.getServerName(), now.getServerName());
    }
    cluster.startRegionServer(); // back to three for the other tests
  }

  @Test
  void deadServerWithoutMasterExhaustsRetriesThenRecovers() throws Exception {
    TableName t = TableName.valueOf("outage");
    admin.createTable(ClientDataEndToEndTest.descriptor(t), new byte[][] {b("s")});
    RegionInfo low = conn.getRegionLocator(t).getRegionLocation(b("a"), true).region();
    RegionInfo high = conn.getRegionLocator(t).getRegionLocation(b("x"), true).region();
    // the low region alone on a server without meta; the high one elsewhere
    ServerName metaHome = counters.metaServer().getServerName();
    RegionServer victim = null;
    for (RegionServer rs : liveServers()) {
      if (!rs.getServerName().equals(metaHome)) {
        victim = rs;
      }
    }
    assertNotNull(victim, "a live server without meta");
    moveTo(low, victim.getServerName());
    moveTo(high, metaHome);
    try (Table table = conn.getTable(t)) {
      table.put(new Put(b("row-7")).addColumn(CF, A, b("before the crash")));
    }
    ServerName dead = victim.getServerName();
    // no master: nothing reassigns the region, it stays on the dead server in meta
    for (Master m : cluster.getMasters()) {
      m.abort("test: no master during the outage");
    }
    victim.abort("test: crash with no master to recover it");

    try (Connection c = connect(3, 30_000); Table table = c.getTable(t)) {
      RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class,
          () -> table.get(new Get(b("row-7"))), () -> "where is the region? " + where(low));
      String msg = e.getMessage();
      assertTrue(msg.contains("get on table outage"), msg);
      assertTrue(msg.contains("row 'row-7'"), msg);
      assertTrue(msg.contains("after 4 attempts"), msg);
      assertTrue(msg.contains("last server " + dead), msg);
      assertInstanceOf(ConnectionClosedException.class, e.getCause());

      try (ResultScanner s = table.getScanner(new Scan().withStopRow(b("s")))) {
        RetriesExhaustedException se = assertThrows(RetriesExhaustedException.class, s::next);
        assertTrue(se.getMessage().contains("scan of table outage"), se.getMessage());
        assertTrue(se.getMessage().contains("after 4 attempts"), se.getMessage());
        assertNull(s.next(), "a failed scanner is closed");
      }

      RetriesExhaustedWithDetailsException be = assertThrows(
          RetriesExhaustedWithDetailsException.class, () -> table.put(List.of(
              new Put(b("b")).addColumn(CF, A, b("lost")),
              new Put(b("y")).addColumn(CF, A, b("kept")))));
      assertEquals(1, be.getNumExceptions(), be.getMessage());
      assertEquals("b", Bytes.toString(be.getRow(0).getRow()));
      assertEquals(dead.toString(), be.getFailures().get(0).server());
      assertEquals("kept", valueOf(table.get(new Get(b("y")))), "the live region took its put");
    }

    try (Connection c = connect(100, 1_000); Table table = c.getTable(t)) {
      RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class,
          () -> table.get(new Get(b("row-7"))));
      Matcher attempts = Pattern.compile("after (\\d+) attempt").matcher(e.getMessage());
      assertTrue(attempts.find(), e.getMessage());
      assertTrue(Integer.parseInt(attempts.group(1)) < 101,
          "the operation timeout ended it, not the retry count: " + e.getMessage());
    }

    try (Connection c = connect(100, 60_000); Table table = c.getTable(t)) {
      // still retrying when a master comes back and recovers the region from the dead WAL
      CompletableFuture<String> pending = CompletableFuture.supplyAsync(() -> {
        try {
          return valueOf(table.get(new Get(b("row-7"))));
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      assertFalse(pending.isDone(), "no region can answer before a master recovers it");
      Master recovering = cluster.startMaster();
      assertTrue(recovering.awaitActive(60_000));
      assertEquals("before the crash", pending.get(60, TimeUnit.SECONDS));
      assertNotEquals(dead, counters.serverOf(low).getServerName());
    }
  }

  @Test
  void adminFollowsToTheBackupWhenTheActiveMasterIsKilled() throws Exception {
    Master active = cluster.getMaster();
    assertNotNull(active);
    assertEquals(active.getServerName(), admin.getClusterMetrics().getMasterName());
    Master backup = cluster.startMaster();
    active.abort("test: kill the active master");
    // the client's master is gone: it reads the master znode again until the backup serves
    List<String> namespaces = admin.listNamespaces();
    assertTrue(namespaces.contains("default") && namespaces.contains("cellar"),
        namespaces.toString());
    assertTrue(backup.isActive());
    assertEquals(backup.getServerName(), admin.getClusterMetrics().getMasterName());
    TableName t = TableName.valueOf("after_master_crash");
    admin.createTable(ClientDataEndToEndTest.descriptor(t));
    try (Table table = conn.getTable(t)) {
      table.put(new Put(b("r")).addColumn(CF, A, b("x")));
      assertEquals("x", valueOf(table.get(new Get(b("r")))));
    }
  }
}
