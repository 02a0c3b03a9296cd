package io.cellar.it.client;

import static io.cellar.it.client.ClientDataEndToEndTest.A;
import static io.cellar.it.client.ClientDataEndToEndTest.B;
import static io.cellar.it.client.ClientDataEndToEndTest.CF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.Append;
import io.cellar.client.BufferedMutator;
import io.cellar.client.BufferedMutatorParams;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.Delete;
import io.cellar.client.Get;
import io.cellar.client.Increment;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.ResultScanner;
import io.cellar.client.RetriesExhaustedWithDetailsException;
import io.cellar.client.Row;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.common.Bytes;
import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.rpc.RpcServer;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import io.cellar.tools.LocalCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches and BufferedMutators against a real in-process cluster of 2 region servers, one
 * region of each table on each: batches far larger than one Multi request (the servers' frame
 * limit refuses a request of the whole batch), per-server results put back in order, background flushes of a small write buffer, failures reported per action
 * with the server, and request errors surfacing after a single attempt. What reached the
 * servers is read from their own request counters ({@link RegionRequestCounters}).
 *
 * <p>Not re-created from the old scripted-server test: that the per-server Multi calls of one
 * batch are in flight at the same instant. A real server offers no timing-free way to see two
 * calls overlap; what each server received is checked instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientBatchEndToEndTest {
  /** Servers refuse bigger requests: one Multi of a whole large batch would not fit. */
  static final int MAX_FRAME_BYTES = 1 << 20;
  /** Value size of the large-batch puts. */
  static final int VALUE_BYTES = 300;

  @TempDir
  static Path dir;
  LocalCluster cluster;
  Connection conn;
  Admin admin;
  RegionRequestCounters counters;

  @BeforeAll
  void start() throws Exception {
    Configuration small = new Configuration();
    small.setInt(RpcServer.MAX_FRAME_BYTES, MAX_FRAME_BYTES);
    cluster = ClientClusterFixture.start(dir, 2, small);
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

  private static Put put(String row) {
    return new Put(b(row)).addColumn(CF, A, b("v-" + row));
  }

  /** A table split at "m" with its two regions on different servers; returns low, high. */
  private RegionInfo[] twoServerTable(TableName t) throws Exception {
    admin.createTable(ClientDataEndToEndTest.descriptor(t), new byte[][] {b("m")});
    RegionInfo low = conn.getRegionLocator(t).getRegionLocation(b("a"), true).region();
    RegionInfo high = conn.getRegionLocator(t).getRegionLocation(b("x"), true).region();
    ServerName lowServer = counters.serverOf(low).getServerName();
    if (counters.serverOf(high).getServerName().equals(lowServer)) {
      for (var rs : cluster.getRegionServers()) {
        if (rs.isRunning() && !rs.getServerName().equals(lowServer)) {
          admin.move(high.getRegionName(), rs.getServerName());
          break;
        }
      }
    }
    assertNotEquals(lowServer, counters.serverOf(high).getServerName());
    return new RegionInfo[] {low, high};
  }

  @Test
  void batchesLargerThanOneRequestApplyEveryActionOnce() throws Exception {
    TableName t = TableName.valueOf("large");
    RegionInfo[] regions = twoServerTable(t);
    int perRegion = 2 * 2000 + 500; // more than two full Multi requests per server
    // one request per server would break the servers' frame limit; requests of 2000 fit
    assertTrue((long) perRegion * VALUE_BYTES > MAX_FRAME_BYTES);
    assertTrue(2000L * (VALUE_BYTES + 100) < MAX_FRAME_BYTES);
    List<Put> puts = new ArrayList<>();
    for (int i = 0; i < perRegion; i++) {
      for (String prefix : List.of("a", "x")) {
        String row = String.format(prefix + "%05d", i);
        byte[] value = new byte[VALUE_BYTES];
        value[0] = (byte) i;
        puts.add(new Put(b(row)).addColumn(CF, A, value).addColumn(CF, B, b("v-" + row)));
      }
    }
    try (Table table = conn.getTable(t)) {
      table.put(puts);
      assertEquals(perRegion, counters.writes(regions[0]), "low region: each put once");
      assertEquals(perRegion, counters.writes(regions[1]), "high region: each put once");

      // gets interleaved over both servers and several requests come back in request order
      List<Get> gets = new ArrayList<>();
      for (int i = perRegion - 1; i >= 0; i--) {
        gets.add(new Get(b(String.format(i % 2 == 0 ? "a%05d" : "x%05d", i)))
            .addColumn(CF, B));
        gets.add(new Get(b(String.format("none%05d", i))));
      }
      long lowReads = counters.reads(regions[0]);
      long highReads = counters.reads(regions[1]);
      Result[] got = table.get(gets);
      assertEquals(gets.size(), got.length);
      for (int k = 0; k < got.length; k++) {
        byte[] want = gets.get(k).getRow();
        if (k % 2 == 1) {
          assertTrue(got[k].isEmpty(), "no row " + Bytes.toString(want));
        } else {
          assertEquals("v-" + Bytes.toString(want), Bytes.toString(got[k].getValue(CF, B)),
              "result " + k);
        }
      }
      long reads = counters.reads(regions[0]) - lowReads + counters.reads(regions[1]) - highReads;
      assertEquals(gets.size(), reads, "each get served once");

      int rows = 0;
      try (ResultScanner s = table.getScanner(new Scan().setCaching(1000))) {
        for (Result r = s.next(); r != null; r = s.next()) {
          assertEquals(VALUE_BYTES, r.getValue(CF, A).length);
          rows++;
        }
      }
      assertEquals(2 * perRegion, rows);
    }
  }

  @Test
  void mixedBatchesGetEachResultsCellsBackInOrder() throws Exception {
    TableName t = TableName.valueOf("mixed");
    twoServerTable(t);
    try (Table table = conn.getTable(t)) {
      table.put(List.of(put("a1"), put("x1"), put("x2")));
      // on both servers: actions without result cells between ones with one or two
      List<Row> actions = List.of(
          new Increment(b("a1")).addColumn(CF, b("n"), 5),
          put("a2"),
          new Get(b("x1")),
          new Delete(b("x2")),
          new Append(b("x1")).addColumn(CF, A, b("+")),
          new Get(b("nothing")),
          new Get(b("a1")),
          new Increment(b("x3")).addColumn(CF, b("n"), 2).addColumn(CF, b("m"), 3));
      Object[] results = new Object[actions.size()];
      table.batch(actions, results);
      assertEquals(5L, Bytes.toLong(((Result) results[0]).getValue(CF, b("n"))));
      assertTrue(((Result) results[1]).isEmpty());
      assertEquals("v-x1", Bytes.toString(((Result) results[2]).getValue(CF, A)));
      assertTrue(((Result) results[3]).isEmpty());
      assertEquals("v-x1+", Bytes.toString(((Result) results[4]).getValue(CF, A)));
      assertTrue(((Result) results[5]).isEmpty());
      Result a1 = (Result) results[6];
      assertEquals(2, a1.size(), "the put's column and the increment's, read after it");
      assertEquals("v-a1", Bytes.toString(a1.getValue(CF, A)));
      Result x3 = (Result) results[7];
      assertEquals(2, x3.size());
      assertEquals(2L, Bytes.toLong(x3.getValue(CF, b("n"))));
      assertEquals(3L, Bytes.toLong(x3.getValue(CF, b("m"))));
      assertTrue(table.get(new Get(b("x2"))).isEmpty());
      assertEquals("v-a2", Bytes.toString(table.get(new Get(b("a2"))).getValue(CF, A)));
    }
  }

  @Test
  void mutatorFlushesInTheBackgroundOncePastItsBuffer() throws Exception {
    TableName t = TableName.valueOf("background");
    RegionInfo[] regions = twoServerTable(t);
    RegionInfo low = regions[0];
    long threshold = put("a1").heapSize() * 3;
    try (Table table = conn.getTable(t);
        BufferedMutator m = conn.getBufferedMutator(new BufferedMutatorParams(t)
            .writeBufferSize(threshold))) {
      m.mutate(put("a1"));
      m.mutate(put("a2"));
      assertTrue(m.getCurrentBufferSize() > 0);
      assertEquals(0, counters.writes(low), "below the threshold nothing is sent");
      assertTrue(table.get(new Get(b("a1"))).isEmpty());

      m.mutate(List.of(put("a3")));
      // no flush(): the buffer reached its size and a background thread sends it
      long giveUp = System.nanoTime() + 20_000_000_000L;
      while (counters.writes(low) < 3 && System.nanoTime() < giveUp) {
        Thread.sleep(10);
      }
      assertEquals(3, counters.writes(low), "sent without flush()");
      for (String r : List.of("a1", "a2", "a3")) {
        assertEquals("v-" + r, Bytes.toString(table.get(new Get(b(r))).getValue(CF, A)));
      }
      m.mutate(put("a4"));
      assertEquals(3, counters.writes(low), "a new buffer, below the threshold again");
      m.flush();
      assertEquals(0, m.getCurrentBufferSize());
      assertEquals(4, counters.writes(low), "flush sent the rest, nothing twice");
    }
  }

  @Test
  void failedMutationsNameRowAndServer() throws Exception {
    TableName t = TableName.valueOf("mutator_failures");
    RegionInfo[] regions = twoServerTable(t);
    ServerName highServer = counters.serverOf(regions[1]).getServerName();
    Put bad = new Put(b("x")).addColumn(b("nope"), A, b("v"));
    try (BufferedMutator m = conn.getBufferedMutator(t)) {
      m.mutate(put("a"));
      m.mutate(bad);
      RetriesExhaustedWithDetailsException e =
          assertThrows(RetriesExhaustedWithDetailsException.class, m::flush);
      assertEquals(1, e.getNumExceptions());
      assertEquals("x", Bytes.toString(e.getRow(0).getRow()));
      assertInstanceOf(NoSuchColumnFamilyException.class, e.getCause(0));
      assertEquals(highServer.toString(), e.getFailures().get(0).server());
      assertTrue(e.getMessage().contains(highServer.toString()), e.getMessage());
    }
    List<RetriesExhaustedWithDetailsException> heard = new CopyOnWriteArrayList<>();
    try (BufferedMutator m = conn.getBufferedMutator(new BufferedMutatorParams(t)
        .listener((e, mutator) -> heard.add(e)))) {
      m.mutate(new Put(b("y")).addColumn(b("nope"), A, b("v")));
      m.flush();
    }
    assertEquals(1, heard.size());
    assertEquals("y", Bytes.toString(heard.get(0).getRow(0).getRow()));
    assertEquals(1, counters.writes(regions[0]), "the good put went through");

    // a batch reports each action: results[i] holds the error of the failed one
    try (Table table = conn.getTable(t)) {
      List<Row> actions = List.of(put("b"), bad, put("z"));
      Object[] results = new Object[actions.size()];
      RetriesExhaustedWithDetailsException e = assertThrows(
          RetriesExhaustedWithDetailsException.class, () -> table.batch(actions, results));
      assertEquals(1, e.getNumExceptions());
      assertInstanceOf(Result.class, results[0]);
      assertInstanceOf(NoSuchColumnFamilyException.class, results[1]);
      assertInstanceOf(Result.class, results[2]);
    }
  }

  @Test
  void requestErrorsSurfaceAfterOneAttempt() throws Exception {
    TableName t = TableName.valueOf("request_errors");
    RegionInfo[] regions = twoServerTable(t);
    try (Table table = conn.getTable(t)) {
      table.put(put("a"));
      long reads = counters.reads(regions[0]);
      assertThrows(NoSuchColumnFamilyException.class,
          () -> table.get(new Get(b("a")).addFamily(b("nope"))));
      assertEquals(reads + 1, counters.reads(regions[0]), "sent once, not retried");
      try (ResultScanner s = table.getScanner(new Scan().addFamily(b("nope")))) {
        assertThrows(NoSuchColumnFamilyException.class, s::next);
        assertEquals(null, s.next(), "a failed scanner is closed");
      }
    }
  }
}
