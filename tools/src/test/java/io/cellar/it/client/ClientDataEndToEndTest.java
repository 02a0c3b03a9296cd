package io.cellar.it.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.Append;
import io.cellar.client.BufferedMutator;
import io.cellar.client.BufferedMutatorParams;
import io.cellar.client.CheckAndMutate;
import io.cellar.client.CheckAndMutateResult;
import io.cellar.client.CompareOperator;
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
import io.cellar.client.RowMutations;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.tools.LocalCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a real in-process cluster (ZooKeeper, master, 3 region servers): a table
 * pre-split into 5 regions loaded through a BufferedMutator, read back by forward and reversed
 * scans across regions (limits, caching, batches), random gets, batches, atomic operations and
 * a scan that survives its regions moving under it. Filters: {@link ClientFiltersEndToEndTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientDataEndToEndTest {
  static final int ROWS = 1000;
  static final byte[] CF = Bytes.toBytes("cf");
  static final byte[] F2 = Bytes.toBytes("f2");
  static final byte[] A = Bytes.toBytes("a");
  static final byte[] B = Bytes.toBytes("b");
  static final byte[] X = Bytes.toBytes("x");
  static final long TS0 = 1_000_000L;
  static final TableName DATA = TableName.valueOf("data");

  @TempDir
  static Path dir;
  LocalCluster cluster;
  Connection conn;

  static byte[] row(int i) {
    return Bytes.toBytes(String.format("r%03d", i));
  }

  /** Row i: cf:a = "v<i>", cf:b = i (8 bytes), f2:x = "x<i>" on every tenth row; ts TS0+i. */
  static Put rowPut(int i) {
    Put p = new Put(row(i), TS0 + i)
        .addColumn(CF, A, Bytes.toBytes("v" + i))
        .addColumn(CF, B, Bytes.toBytes((long) i));
    if (i % 10 == 0) {
      p.addColumn(F2, X, Bytes.toBytes("x" + i));
    }
    return p;
  }

  static TableDescriptor descriptor(TableName name) {
    return TableDescriptor.newBuilder(name)
        .setColumnFamily(ColumnFamilyDescriptor.newBuilder(CF).build())
        .setColumnFamily(ColumnFamilyDescriptor.newBuilder(F2).build())
        .build();
  }

  @BeforeAll
  void startAndLoad() throws Exception {
    cluster = ClientClusterFixture.start(dir, 3);
    conn = ConnectionFactory.createConnection(ClientClusterFixture.clientConf(cluster));
    try (Admin admin = conn.getAdmin()) {
      admin.createTable(descriptor(DATA), new byte[][] {Bytes.toBytes("r200"),
          Bytes.toBytes("r400"), Bytes.toBytes("r600"), Bytes.toBytes("r800")});
      assertEquals(5, admin.getRegions(DATA).size());
    }
    // a small buffer so the load takes many background flushes
    try (BufferedMutator m = conn.getBufferedMutator(
        new BufferedMutatorParams(DATA).writeBufferSize(8 * 1024))) {
      assertEquals(8 * 1024, m.getWriteBufferSize());
      for (int i = ROWS - 1; i >= 0; i--) {
        m.mutate(rowPut(i));
      }
      m.flush();
      assertEquals(0, m.getCurrentBufferSize());
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (conn != null) {
      conn.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static List<Result> readAll(Table t, Scan scan) throws Exception {
    List<Result> out = new ArrayList<>();
    try (ResultScanner s = t.getScanner(scan)) {
      for (Result r : s) {
        out.add(r);
      }
    }
    return out;
  }

  static void assertRows(List<Result> results, int first, int step, int count) {
    assertEquals(count, results.size(), "rows");
    for (int k = 0; k < count; k++) {
      assertArrayEquals(row(first + k * step), results.get(k).getRow(),
          "result " + k + " is " + Bytes.toStringBinary(results.get(k).getRow()));
    }
  }

  @Test
  void forwardScanCrossesEveryRegion() throws Exception {
    try (Table t = conn.getTable(DATA)) {
      List<Result> all = readAll(t, new Scan().setCaching(7));
      assertRows(all, 0, 1, ROWS);
      for (int i = 0; i < ROWS; i += 97) {
        Result r = all.get(i);
        assertEquals("v" + i, Bytes.toString(r.getValue(CF, A)));
        assertEquals(i, Bytes.toLong(r.getValue(CF, B)));
        assertEquals(i % 10 == 0, r.containsColumn(F2, X));
      }
      assertRows(readAll(t, new Scan().withStartRow(row(150)).withStopRow(row(650))),
          150, 1, 500);
      assertRows(readAll(t, new Scan().withStartRow(row(150), false)
          .withStopRow(row(650), true)), 151, 1, 500);
      assertRows(readAll(t, new Scan().withStartRow(row(399)).withStopRow(row(401))),
          399, 1, 2);
      assertRows(readAll(t, new Scan().setRowPrefixFilter(Bytes.toBytes("r8"))), 800, 1, 100);
    }
  }

  @Test
  void reversedScanCrossesEveryRegion() throws Exception {
    try (Table t = conn.getTable(DATA)) {
      assertRows(readAll(t, new Scan().setReversed(true).setCaching(13)), ROWS - 1, -1, ROWS);
      assertRows(readAll(t, new Scan().setReversed(true).withStartRow(row(650))
          .withStopRow(row(150))), 650, -1, 500);
      assertRows(readAll(t, new Scan().setReversed(true).withStartRow(row(600), false)
          .withStopRow(row(199), true)), 599, -1, 401);
      assertRows(readAll(t, new Scan().setReversed(true).withStartRow(row(200))
          .withStopRow(row(199))), 200, -1, 1);
    }
  }

  @Test
  void limitsCountRowsAcrossRegions() throws Exception {
    try (Table t = conn.getTable(DATA)) {
      assertRows(readAll(t, new Scan().setLimit(250).setCaching(100)), 0, 1, 250);
      assertRows(readAll(t, new Scan().setLimit(450).withStartRow(row(190))), 190, 1, 450);
      assertRows(readAll(t, new Scan().setReversed(true).setLimit(10)), ROWS - 1, -1, 10);
      try (ResultScanner s = t.getScanner(new Scan().setCaching(3))) {
        Result[] five = s.next(5);
        assertEquals(5, five.length);
        assertArrayEquals(row(4), five[4].getRow());
      } // closed early: the server-side scanner is released
    }
  }

  @Test
  void batchedScanSplitsRowsIntoPartialResults() throws Exception {
    try (Table t = conn.getTable(DATA)) {
      List<Result> parts = readAll(t, new Scan().addFamily(CF).setBatch(1).setCaching(50)
          .withStartRow(row(190)).withStopRow(row(210)));
      assertEquals(40, parts.size(), "2 cells per row, 1 cell per result");
      for (int k = 0; k < parts.size(); k += 2) {
        assertTrue(parts.get(k).mayHaveMoreCellsInRow());
        assertFalse(parts.get(k + 1).mayHaveMoreCellsInRow());
        assertArrayEquals(parts.get(k).getRow(), parts.get(k + 1).getRow());
        assertEquals(1, parts.get(k).size());
      }
      List<Result> limited = readAll(t, new Scan().addFamily(CF).setBatch(1).setLimit(3));
      assertEquals(6, limited.size(), "the limit counts whole rows");
    }
  }

  @Test
  void randomGetsAndExistence() throws Exception {
    Random rnd = new Random(42);
    try (Table t = conn.getTable(DATA)) {
      for (int k = 0; k < 60; k++) {
        int i = rnd.nextInt(ROWS);
        Result r = t.get(new Get(row(i)));
        assertEquals("v" + i, Bytes.toString(r.getValue(CF, A)));
        assertEquals(TS0 + i, r.getColumnLatestCell(CF, A).getTimestamp());
      }
      assertTrue(t.get(new Get(Bytes.toBytes("zzz"))).isEmpty());
      List<Get> gets = new ArrayList<>();
      for (int i = 0; i < ROWS; i += 7) {
        gets.add(new Get(row(i)).addColumn(CF, B));
      }
      gets.add(new Get(Bytes.toBytes("nope")));
      Result[] rs = t.get(gets);
      assertEquals(gets.size(), rs.length);
      for (int k = 0; k < rs.length - 1; k++) {
        assertEquals(7L * k, Bytes.toLong(rs[k].getValue(CF, B)));
        assertEquals(1, rs[k].size());
      }
      assertTrue(rs[rs.length - 1].isEmpty());
      assertTrue(t.exists(new Get(row(5))));
      assertFalse(t.exists(new Get(Bytes.toBytes("r5000"))));
      assertArrayEquals(new boolean[] {true, false, true},
          t.exists(List.of(new Get(row(1)), new Get(Bytes.toBytes("q")), new Get(row(999)))));
    }
  }

  @Test
  void batchMixesOperationsOverServersAndReportsEach() throws Exception {
    TableName name = TableName.valueOf("batch");
    try (Admin admin = conn.getAdmin()) {
      admin.createTable(descriptor(name), Bytes.toBytes("b"), Bytes.toBytes("y"), 6);
    }
    try (Table t = conn.getTable(name)) {
      List<Put> puts = new ArrayList<>();
      for (char c = 'a'; c <= 'z'; c++) {
        puts.add(new Put(Bytes.toBytes(c + "row")).addColumn(CF, A, Bytes.toBytes("" + c)));
      }
      t.put(puts);
      List<Row> actions = List.of(
          new Get(Bytes.toBytes("arow")),
          new Put(Bytes.toBytes("mnew")).addColumn(CF, A, Bytes.toBytes("new")),
          new Delete(Bytes.toBytes("zrow")),
          new Increment(Bytes.toBytes("counter")).addColumn(CF, B, 5),
          new Append(Bytes.toBytes("qrow")).addColumn(CF, A, Bytes.toBytes("+")),
          new Put(Bytes.toBytes("krow")).addColumn(Bytes.toBytes("nofamily"), A, A),
          new RowMutations(Bytes.toBytes("crow"))
              .add(new Delete(Bytes.toBytes("crow")).addColumns(CF, A))
              .add(new Put(Bytes.toBytes("crow")).addColumn(CF, B, Bytes.toBytes("rm"))),
          new Get(Bytes.toBytes("yrow")).addColumn(CF, A));
      Object[] results = new Object[actions.size()];
      RetriesExhaustedWithDetailsException e = assertThrows(
          RetriesExhaustedWithDetailsException.class, () -> t.batch(actions, results));
      assertEquals(1, e.getNumExceptions());
      assertInstanceOf(NoSuchColumnFamilyException.class, e.getCause(0));
      assertArrayEquals(Bytes.toBytes("krow"), e.getRow(0).getRow());
      assertEquals("a", Bytes.toString(((Result) results[0]).getValue(CF, A)));
      assertTrue(((Result) results[1]).isEmpty());
      assertTrue(((Result) results[2]).isEmpty());
      assertEquals(5L, Bytes.toLong(((Result) results[3]).getValue(CF, B)));
      assertEquals("q+", Bytes.toString(((Result) results[4]).getValue(CF, A)));
      assertInstanceOf(NoSuchColumnFamilyException.class, results[5]);
      assertTrue(((Result) results[6]).isEmpty());
      assertEquals("y", Bytes.toString(((Result) results[7]).getValue(CF, A)));

      assertEquals("new", Bytes.toString(t.get(new Get(Bytes.toBytes("mnew"))).getValue(CF, A)));
      assertTrue(t.get(new Get(Bytes.toBytes("zrow"))).isEmpty());
      Result crow = t.get(new Get(Bytes.toBytes("crow")));
      assertNull(crow.getValue(CF, A));
      assertEquals("rm", Bytes.toString(crow.getValue(CF, B)));

      List<Delete> deletes = new ArrayList<>();
      for (char c = 'a'; c <= 'z'; c++) {
        deletes.add(new Delete(Bytes.toBytes(c + "row")));
      }
      t.delete(deletes);
      assertEquals(2, readAll(t, new Scan()).size(), "mnew and counter are left");
    }
  }

  @Test
  void atomicOperations() throws Exception {
    TableName name = TableName.valueOf("atomic");
    try (Admin admin = conn.getAdmin()) {
      admin.createTable(descriptor(name), new byte[][] {Bytes.toBytes("m")});
    }
    try (Table t = conn.getTable(name)) {
      byte[] r = Bytes.toBytes("counter");
      assertEquals(3, t.incrementColumnValue(r, CF, B, 3));
      assertEquals(10, t.incrementColumnValue(r, CF, B, 7));
      Result inc = t.increment(new Increment(r).addColumn(CF, B, -4).addColumn(CF, X, 1));
      assertEquals(6, Bytes.toLong(inc.getValue(CF, B)));
      assertEquals(1, Bytes.toLong(inc.getValue(CF, X)));

      byte[] zr = Bytes.toBytes("zebra");
      t.put(new Put(zr).addColumn(CF, A, Bytes.toBytes("ab")));
      Result app = t.append(new Append(zr).addColumn(CF, A, Bytes.toBytes("cd")));
      assertEquals("abcd", Bytes.toString(app.getValue(CF, A)));

      CheckAndMutateResult miss = t.checkAndMutate(CheckAndMutate.newBuilder(zr)
          .ifEquals(CF, A, Bytes.toBytes("nope"))
          .build(new Put(zr).addColumn(CF, B, Bytes.toBytes("x"))));
      assertFalse(miss.isSuccess());
      CheckAndMutateResult hit = t.checkAndMutate(CheckAndMutate.newBuilder(zr)
          .ifEquals(CF, A, Bytes.toBytes("abcd"))
          .build(new Put(zr).addColumn(CF, B, Bytes.toBytes("x"))));
      assertTrue(hit.isSuccess());
      assertTrue(t.checkAndMutate(CheckAndMutate.newBuilder(Bytes.toBytes("apple"))
          .ifNotExists(CF, A).build(new Put(Bytes.toBytes("apple"))
              .addColumn(CF, A, Bytes.toBytes("1")))).isSuccess());
      assertFalse(t.checkAndMutate(CheckAndMutate.newBuilder(Bytes.toBytes("apple"))
          .ifNotExists(CF, A).build(new Put(Bytes.toBytes("apple"))
              .addColumn(CF, A, Bytes.toBytes("2")))).isSuccess());
      assertTrue(t.checkAndMutate(CheckAndMutate.newBuilder(zr)
          // HBase order: passes when the given value is LESS than the stored one
          .ifMatches(CF, A, CompareOperator.LESS, Bytes.toBytes("aa"))
          .build(new Delete(zr).addColumns(CF, B))).isSuccess());
      assertNull(t.get(new Get(zr)).getValue(CF, B));

      t.mutateRow(new RowMutations(zr)
          .add(new Delete(zr).addColumns(CF, A))
          .add(new Put(zr).addColumn(F2, X, Bytes.toBytes("moved"))));
      Result after = t.get(new Get(zr));
      assertNull(after.getValue(CF, A));
      assertEquals("moved", Bytes.toString(after.getValue(F2, X)));
      assertEquals("1", Bytes.toString(t.get(new Get(Bytes.toBytes("apple")))
          .getValue(CF, A)));
    }
  }

  @Test
  void scanSurvivesItsRegionsMoving() throws Exception {
    try (Table t = conn.getTable(DATA); Admin admin = conn.getAdmin()) {
      List<byte[]> rows = new ArrayList<>();
      try (ResultScanner s = t.getScanner(new Scan().setCaching(10))) {
        for (int k = 0; k < 50; k++) {
          rows.add(s.next().getRow());
        }
        // move the region being read and the next one elsewhere
        for (RegionLocation loc : conn.getRegionLocator(DATA).getAllRegionLocations()
            .subList(0, 2)) {
          ServerName before = loc.server();
          admin.move(loc.region().getRegionName(), null);
          RegionLocation now = conn.getRegionLocator(DATA)
              .getRegionLocation(loc.region().getStartKey(), true);
          assertFalse(before.equals(now.server()), "region " + loc.region() + " moved");
        }
        for (Result r = s.next(); r != null; r = s.next()) {
          rows.add(r.getRow());
        }
      }
      assertEquals(ROWS, rows.size());
      for (int i = 0; i < ROWS; i++) {
        assertArrayEquals(row(i), rows.get(i));
      }
      // the cached locations are stale now: gets find the regions again
      for (int i = 0; i < 400; i += 37) {
        assertEquals("v" + i, Bytes.toString(t.get(new Get(row(i))).getValue(CF, A)));
      }
    }
  }

  @Test
  void regionLocatorListsTheRegions() throws Exception {
    var locator = conn.getRegionLocator(DATA);
    byte[][] starts = locator.getStartKeys();
    byte[][] ends = locator.getEndKeys();
    assertEquals(5, starts.length);
    assertArrayEquals(new byte[0], starts[0]);
    assertArrayEquals(Bytes.toBytes("r200"), starts[1]);
    assertArrayEquals(Bytes.toBytes("r200"), ends[0]);
    assertArrayEquals(new byte[0], ends[4]);
    RegionLocation l = locator.getRegionLocation(row(450));
    assertArrayEquals(Bytes.toBytes("r400"), l.region().getStartKey());
    assertNotNull(l.server());
  }
}
