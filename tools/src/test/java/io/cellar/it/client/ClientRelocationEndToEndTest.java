package io.cellar.it.client;

import static io.cellar.it.client.ClientDataEndToEndTest.A;
import static io.cellar.it.client.ClientDataEndToEndTest.CF;
import static io.cellar.it.client.ClientDataEndToEndTest.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.ResultScanner;
import io.cellar.client.Row;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.client.connection.ClusterConnection;
import io.cellar.client.connection.RegionLocationCache;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import io.cellar.regionserver.server.RegionServer;
import io.cellar.tools.LocalCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's location cache against regions that really move (Admin move, split, balance
 * onto a new server) on an in-process cluster of 3 region servers: operations with a warm,
 * now stale cache find the new home, only what failed is sent again, cached locations are
 * used without meta lookups until dropped, and scanners reopen exactly where they were (inside
 * a batched row, forward and reversed). Evidence comes from the data itself, the client's
 * cache and the servers' own request counters ({@link RegionRequestCounters}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientRelocationEndToEndTest {
  @TempDir
  static Path dir;
  LocalCluster cluster;
  Connection conn;
  Admin admin;
  RegionLocationCache cache;
  RegionRequestCounters counters;

  @BeforeAll
  void start() throws Exception {
    cluster = ClientClusterFixture.start(dir, 3);
    conn = ConnectionFactory.createConnection(ClientClusterFixture.clientConf(cluster));
    admin = conn.getAdmin();
    cache = ((ClusterConnection) conn).locationCache();
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

  private static Put put(String row, String value) {
    return new Put(b(row)).addColumn(CF, A, b(value));
  }

  private static String valueOf(Result r) {
    byte[] v = r.getValue(CF, A);
    return v == null ? null : Bytes.toString(v);
  }

  private TableName createTable(String name, String... splits) throws Exception {
    TableName t = TableName.valueOf(name);
    byte[][] keys = new byte[splits.length][];
    for (int i = 0; i < splits.length; i++) {
      keys[i] = b(splits[i]);
    }
    admin.createTable(ClientDataEndToEndTest.descriptor(t), keys);
    return t;
  }

  /** The region of {@code row} as meta says now (also caches it). */
  private RegionInfo regionOf(TableName t, String row) throws Exception {
    return conn.getRegionLocator(t).getRegionLocation(b(row), true).region();
  }

  /** Moves the region to another server and returns where it went. */
  private ServerName moveAway(RegionInfo region) throws Exception {
    ServerName before = counters.serverOf(region).getServerName();
    admin.move(region.getRegionName(), null);
    RegionServer after = counters.serverOf(region);
    assertNotNull(after, region + " online after the move");
    assertNotEquals(before, after.getServerName(), region + " moved");
    return after.getServerName();
  }

  @Test
  void getFollowsAMovedRegionAndUsesTheCacheUntilCleared() throws Exception {
    TableName t = createTable("moves", "m");
    try (Table table = conn.getTable(t)) {
      table.put(List.of(put("a", "va"), put("x", "vx")));
      assertEquals("va", valueOf(table.get(new Get(b("a")))));
      RegionLocation stale = cache.find(t, b("a"));
      assertNotNull(stale, "warm cache");

      ServerName now = moveAway(stale.region());
      assertEquals(stale.server(), cache.find(t, b("a")).server(), "the cache is stale now");
      assertEquals("va", valueOf(table.get(new Get(b("a")))));
      assertEquals(now, cache.find(t, b("a")).server(), "the new home is cached");

      RegionInfo meta = MetaTable.REGION;
      long metaReads = counters.reads(meta);
      assertEquals("va", valueOf(table.get(new Get(b("a")))));
      assertEquals("vx", valueOf(table.get(new Get(b("x")))));
      assertEquals(metaReads, counters.reads(meta), "cached locations need no meta lookup");

      conn.clearRegionLocationCache();
      assertNull(cache.find(t, b("a")));
      assertEquals("va", valueOf(table.get(new Get(b("a")))));
      assertTrue(counters.reads(meta) > metaReads, "looked up in meta again after clearing");
      assertEquals(now, cache.find(t, b("a")).server());
    }
  }

  @Test
  void batchResendsOnlyTheActionsOfTheMovedRegion() throws Exception {
    TableName t = createTable("resend", "m");
    try (Table table = conn.getTable(t)) {
      table.put(List.of(put("a", "0"), put("x", "0"))); // warms both locations
      RegionInfo low = cache.find(t, b("a")).region();
      RegionInfo high = cache.find(t, b("x")).region();
      moveAway(low);
      long highWrites = counters.writes(high);

      List<Row> puts = new ArrayList<>();
      for (String r : List.of("a", "b", "n", "o", "p")) {
        puts.add(put(r, "new-" + r));
      }
      Object[] results = new Object[puts.size()];
      table.batch(puts, results);
      for (Object o : results) {
        assertInstanceOf(Result.class, o);
      }
      // the stale round failed for the low region only; the high one's actions went once
      assertEquals(highWrites + 3, counters.writes(high), "high region: n, o, p once each");
      assertEquals(2, counters.writes(low), "low region's new server: a and b once each");
      for (String r : List.of("a", "b", "n", "o", "p")) {
        assertEquals("new-" + r, valueOf(table.get(new Get(b(r)))));
      }
    }
  }

  @Test
  void splitUnderAWarmCache() throws Exception {
    TableName t = createTable("split");
    try (Table table = conn.getTable(t)) {
      List<Put> load = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        load.add(put(String.format("r%03d", i), "v" + i));
      }
      table.put(load);
      assertEquals(100, readAll(table, new Scan()).size());
      RegionInfo parent = cache.find(t, b("r070")).region();
      assertEquals(1, cache.size(t));

      // split through another connection: this one's Admin would refresh the shared cache
      try (Connection other = ConnectionFactory.createConnection(
              ClientClusterFixture.clientConf(cluster));
          Admin otherAdmin = other.getAdmin()) {
        otherAdmin.split(t, b("r050"));
        assertEquals(2, otherAdmin.getRegions(t).size());
      }
      assertEquals(parent, cache.find(t, b("r070")).region(), "the cache still has the parent");

      List<Put> update = new ArrayList<>();
      for (int i = 0; i < 100; i += 3) {
        update.add(put(String.format("r%03d", i), "u" + i));
      }
      table.put(update); // first sent to the split parent, which no longer serves
      List<Result> all = readAll(table, new Scan());
      assertEquals(100, all.size());
      for (int i = 0; i < 100; i++) {
        assertEquals((i % 3 == 0 ? "u" : "v") + i, valueOf(all.get(i)), "row " + i);
      }
      assertEquals("u99", valueOf(table.get(new Get(b("r099")))));
      assertArrayEquals(b("r050"), cache.find(t, b("r070")).region().getStartKey());
      assertArrayEquals(b("r050"), cache.find(t, b("r010")).region().getEndKey());
      assertEquals(2, cache.size(t), "the daughters replaced the parent");
    }
  }

  @Test
  void balanceOntoANewServerUnderAWarmCache() throws Exception {
    TableName t = createTable("balance", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
    try (Table table = conn.getTable(t)) {
      List<Put> load = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        load.add(put(String.format("r%02d", i), "v" + i));
      }
      table.put(load);
      List<RegionInfo> regions = admin.getRegions(t);
      assertEquals(8, regions.size());
      assertEquals(8, cache.size(t), "every region cached");

      RegionServer fresh = cluster.startRegionServer();
      // the balancer only counts servers the master knows: wait for it to report for duty
      long giveUp = System.nanoTime() + 20_000_000_000L;
      while (!admin.getClusterMetrics().getLiveServerMetrics().containsKey(fresh.getServerName())
          && System.nanoTime() < giveUp) {
        Thread.sleep(20);
      }
      assertTrue(admin.balance() > 0, "the balancer moved regions onto the new server");
      assertTrue(fresh.getOnlineRegions().size() > 0, "the new server serves regions");
      int moved = 0;
      for (RegionInfo r : regions) {
        moved += cache.find(t, r.getStartKey()).server()
            .equals(counters.serverOf(r).getServerName()) ? 0 : 1;
      }
      if (moved == 0) {
        // the balancer chose other tables' regions: move one of this table by hand
        admin.move(regions.get(3).getRegionName(), fresh.getServerName());
      }

      List<Get> gets = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        gets.add(new Get(b(String.format("r%02d", i))));
      }
      Result[] got = table.get(gets);
      for (int i = 0; i < 80; i++) {
        assertEquals("v" + i, valueOf(got[i]), "row " + i);
      }
      assertEquals(80, readAll(table, new Scan().setReversed(true).setCaching(7)).size());
      for (RegionInfo r : regions) {
        assertEquals(counters.serverOf(r).getServerName(),
            cache.find(t, r.getStartKey()).server(), "the cache follows " + r);
      }
    }
  }

  /** Rows w0..w9 of 10 cells each (q0..q9), regions split at w5. */
  private TableName wideTable(String name) throws Exception {
    TableName t = createTable(name, "w5");
    List<Put> puts = new ArrayList<>();
    for (int r = 0; r < 10; r++) {
      Put p = new Put(b("w" + r));
      for (int q = 0; q < 10; q++) {
        p.addColumn(CF, b("q" + q), b(r + "." + q));
      }
      puts.add(p);
    }
    try (Table table = conn.getTable(t)) {
      table.put(puts);
    }
    return t;
  }

  private static List<String> cellNames(Result r) {
    List<String> out = new ArrayList<>();
    for (Cell c : r.listCells()) {
      out.add(Bytes.toString(Cells.cloneRow(c)) + "/" + Bytes.toString(Cells.cloneQualifier(c)));
    }
    return out;
  }

  @Test
  void batchedScanReopensInsideARowWhenItsRegionMoves() throws Exception {
    TableName t = wideTable("wide");
    RegionInfo low = regionOf(t, "w0");
    RegionInfo high = regionOf(t, "w9");
    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    // 3 cells per result, 2 results per call: each call stays inside one row
    try (Table table = conn.getTable(t);
        ResultScanner s = table.getScanner(new Scan().setBatch(3).setCaching(2))) {
      for (Result r = s.next(); r != null; r = s.next()) {
        seen.addAll(cellNames(r));
        sizes.add(r.size());
        if (seen.size() == 6) {
          moveAway(low);  // 6 cells of w0 returned, the server-side scanner is inside w0
        } else if (seen.size() == 53) {
          moveAway(high); // 3 cells of w5 returned, 3 more buffered in the client
        }
      }
    }
    List<String> expected = new ArrayList<>();
    List<Integer> expectedSizes = new ArrayList<>();
    for (int r = 0; r < 10; r++) {
      for (int q = 0; q < 10; q++) {
        expected.add("w" + r + "/q" + q);
      }
      expectedSizes.addAll(List.of(3, 3, 3, 1));
    }
    assertEquals(expected, seen, "every cell once, in order");
    assertEquals(expectedSizes, sizes);
  }

  @Test
  void reversedScanReopensBelowTheLastRowWhenItsRegionMoves() throws Exception {
    TableName t = wideTable("wide_rev");
    RegionInfo high = regionOf(t, "w9");
    RegionInfo low = regionOf(t, "w0");
    List<String> rows = new ArrayList<>();
    try (Table table = conn.getTable(t);
        ResultScanner s = table.getScanner(new Scan().setReversed(true).setCaching(2))) {
      for (Result r = s.next(); r != null; r = s.next()) {
        assertEquals(10, r.size());
        rows.add(Bytes.toString(r.getRow()));
        if (rows.size() == 2) {
          moveAway(high); // w9, w8 read; the scanner continues at w7
        } else if (rows.size() == 7) {
          moveAway(low);  // w4, w3 read; the low region's scanner is still open
        }
      }
    }
    assertEquals(List.of("w9", "w8", "w7", "w6", "w5", "w4", "w3", "w2", "w1", "w0"), rows);
  }
}
