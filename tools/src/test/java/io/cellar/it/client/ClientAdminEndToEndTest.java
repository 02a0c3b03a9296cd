package io.cellar.it.client;

import static io.cellar.it.client.ClientDataEndToEndTest.A;
import static io.cellar.it.client.ClientDataEndToEndTest.CF;
import static io.cellar.it.client.ClientDataEndToEndTest.readAll;
import static io.cellar.it.client.ClientDataEndToEndTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.BufferedMutator;
import io.cellar.client.BufferedMutatorParams;
import io.cellar.client.ClusterMetrics;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.RetriesExhaustedWithDetailsException;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NamespaceExistsException;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.exceptions.TableExistsException;
import io.cellar.common.exceptions.TableNotDisabledException;
import io.cellar.common.exceptions.TableNotEnabledException;
import io.cellar.common.exceptions.TableNotFoundException;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.tools.LocalCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admin operations and typed client errors against a real in-process cluster: table and
 * namespace DDL, schema changes, flush/compact/split, enable/disable/truncate/delete, cluster
 * metrics; unknown table and family, empty row, oversized value, BufferedMutator failures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientAdminEndToEndTest {
  @TempDir
  static Path dir;
  LocalCluster cluster;
  Connection conn;
  Admin admin;

  @BeforeAll
  void start() throws Exception {
    cluster = ClientClusterFixture.start(dir, 2);
    conn = ConnectionFactory.createConnection(ClientClusterFixture.clientConf(cluster));
    admin = conn.getAdmin();
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

  private static TableDescriptor cfTable(TableName name) {
    return TableDescriptor.newBuilder(name)
        .setColumnFamily(ColumnFamilyDescriptor.newBuilder(CF).build()).build();
  }

  private static void load(Table t, int from, int to) throws Exception {
    List<Put> puts = new ArrayList<>();
    for (int i = from; i < to; i++) {
      puts.add(new Put(row(i)).addColumn(CF, A, Bytes.toBytes("v" + i)));
    }
    t.put(puts);
  }

  @Test
  void tableLifecycle() throws Exception {
    TableName name = TableName.valueOf("life");
    admin.createTable(cfTable(name), Bytes.toBytes("r100"), Bytes.toBytes("r400"), 5);
    assertThrows(TableExistsException.class, () -> admin.createTable(cfTable(name)));
    assertTrue(admin.tableExists(name));
    assertTrue(admin.isTableAvailable(name));
    assertFalse(admin.isTableAvailable(TableName.valueOf("nothere")));
    assertTrue(admin.isTableEnabled(name));
    assertTrue(admin.listTableNames().contains(name));
    assertEquals(List.of(name), admin.listTableNames(Pattern.compile("li.*")));
    assertEquals(5, admin.getRegions(name).size());
    assertEquals(cfTable(name).getColumnFamilies().size(),
        admin.getDescriptor(name).getColumnFamilies().size());
    try (Table t = conn.getTable(name)) {
      load(t, 0, 500);
      admin.flush(name);
      admin.majorCompact(name);
      admin.compact(name);
      assertEquals(500, readAll(t, new Scan()).size());

      admin.split(name, row(250));
      assertEquals(6, admin.getRegions(name).size());
      admin.split(name); // every region with data splits at its middle; empty ones are skipped
      int afterWholeTableSplit = admin.getRegions(name).size();
      assertTrue(afterWholeTableSplit > 6, afterWholeTableSplit + " regions");
      assertEquals(500, readAll(t, new Scan()).size(), "every row after the split");
      assertEquals("v260", Bytes.toString(t.get(new Get(row(260))).getValue(CF, A)));

      assertThrows(TableNotDisabledException.class, () -> admin.deleteTable(name));
      admin.disableTable(name);
      assertTrue(admin.isTableDisabled(name));
      assertFalse(admin.isTableAvailable(name));
      TableNotEnabledException off = assertThrows(TableNotEnabledException.class,
          () -> t.get(new Get(row(1))));
      assertTrue(off.getMessage().contains("life"), off.getMessage());
      admin.enableTable(name);
      assertEquals("v1", Bytes.toString(t.get(new Get(row(1))).getValue(CF, A)));

      admin.disableTable(name);
      admin.truncateTable(name, true);
      assertTrue(admin.isTableEnabled(name));
      assertEquals(afterWholeTableSplit, admin.getRegions(name).size(), "splits kept");
      assertEquals(0, readAll(t, new Scan()).size());
    }
    admin.disableTable(name);
    admin.deleteTable(name);
    assertFalse(admin.tableExists(name));
    assertThrows(TableNotFoundException.class, () -> admin.getDescriptor(name));
  }

  @Test
  void regionLevelOperations() throws Exception {
    TableName name = TableName.valueOf("regionops");
    admin.createTable(cfTable(name), new byte[][] {row(100)});
    assertEquals(List.of(name), admin.listTableNamesByNamespace("default").stream()
        .filter(n -> n.equals(name)).toList());
    assertTrue(admin.listTableNamesByNamespace("cellar").contains(
        TableName.valueOf("cellar:meta")));
    try (Table t = conn.getTable(name)) {
      load(t, 0, 200);
      List<RegionInfo> regions = admin.getRegions(name);
      byte[] low = regions.get(0).getRegionName();
      admin.flushRegion(low);
      admin.compactRegion(low);
      admin.majorCompactRegion(regions.get(1).getRegionName());
      int online = 0;
      for (var rs : cluster.getRegionServers()) {
        for (RegionInfo r : admin.getRegions(rs.getServerName())) {
          online += r.getTable().equals(name) ? 1 : 0;
        }
      }
      assertEquals(2, online, "both regions online somewhere");
      assertThrows(InvalidRequestException.class,
          () -> admin.splitRegion(regions.get(0).getRegionName(), row(150)));
      admin.splitRegion(regions.get(0).getRegionName(), row(50));
      assertEquals(3, admin.getRegions(name).size());
      assertThrows(InvalidRequestException.class,
          () -> admin.flushRegion(Bytes.toBytes("regionops,nope,1")));
      assertEquals(200, readAll(t, new Scan()).size());
    }
  }

  @Test
  void schemaChanges() throws Exception {
    TableName name = TableName.valueOf("schema");
    admin.createTable(cfTable(name));
    byte[] extra = Bytes.toBytes("extra");
    admin.addColumnFamily(name, ColumnFamilyDescriptor.newBuilder(extra).setMaxVersions(5)
        .build());
    assertEquals(5, admin.getDescriptor(name).getColumnFamily(extra).getMaxVersions());
    try (Table t = conn.getTable(name)) {
      t.put(new Put(row(1)).addColumn(extra, A, Bytes.toBytes("e")));
      assertEquals("e", Bytes.toString(t.get(new Get(row(1))).getValue(extra, A)));
    }
    admin.modifyColumnFamily(name, ColumnFamilyDescriptor.newBuilder(extra).setMaxVersions(2)
        .build());
    assertEquals(2, admin.getDescriptor(name).getColumnFamily(extra).getMaxVersions());
    admin.deleteColumnFamily(name, extra);
    assertFalse(admin.getDescriptor(name).hasColumnFamily(extra));
    assertThrows(NoSuchColumnFamilyException.class, () -> admin.deleteColumnFamily(name, extra));
    assertThrows(InvalidRequestException.class, () -> admin.deleteColumnFamily(name, CF));
  }

  @Test
  void namespaces() throws Exception {
    admin.createNamespace("ns1");
    assertThrows(NamespaceExistsException.class, () -> admin.createNamespace("ns1"));
    assertTrue(admin.listNamespaces().contains("ns1"));
    TableName t = TableName.valueOf("ns1:inner");
    admin.createTable(cfTable(t));
    try (Table table = conn.getTable(t)) {
      table.put(new Put(row(1)).addColumn(CF, A, Bytes.toBytes("ns")));
      assertEquals("ns", Bytes.toString(table.get(new Get(row(1))).getValue(CF, A)));
    }
    assertThrows(InvalidRequestException.class, () -> admin.deleteNamespace("ns1"));
    admin.disableTable(t);
    admin.deleteTable(t);
    admin.deleteNamespace("ns1");
    assertFalse(admin.listNamespaces().contains("ns1"));
  }

  @Test
  void clusterMetrics() throws Exception {
    ClusterMetrics m = admin.getClusterMetrics();
    assertNotNull(m.getMasterName());
    assertEquals(cluster.getMaster().getServerName(), m.getMasterName());
    assertEquals(2, m.getLiveServerMetrics().size());
    assertTrue(m.getDeadServerNames().isEmpty());
    assertTrue(m.getClusterId() != null && !m.getClusterId().isEmpty());
    assertTrue(admin.balance() >= 0);
  }

  @Test
  void typedErrors() throws Exception {
    TableName missing = TableName.valueOf("no_such_table");
    try (Table t = conn.getTable(missing)) {
      TableNotFoundException e = assertThrows(TableNotFoundException.class,
          () -> t.get(new Get(row(1))));
      assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
      assertThrows(TableNotFoundException.class,
          () -> t.put(new Put(row(1)).addColumn(CF, A, A)));
      assertThrows(TableNotFoundException.class, () -> t.getScanner(new Scan()).next());
    }
    TableName name = TableName.valueOf("errors");
    admin.createTable(cfTable(name), new byte[][] {Bytes.toBytes("m")});
    try (Table t = conn.getTable(name)) {
      assertThrows(NoSuchColumnFamilyException.class,
          () -> t.put(new Put(row(1)).addColumn(Bytes.toBytes("nope"), A, A)));
      assertThrows(IllegalArgumentException.class, () -> new Put(new byte[0]));
      assertThrows(IllegalArgumentException.class, () -> new Get(new byte[0]));
      InvalidRequestException big = assertThrows(InvalidRequestException.class,
          () -> t.put(new Put(row(2)).addColumn(CF, A,
              new byte[ClientClusterFixture.MAX_CELL_BYTES + 1])));
      assertTrue(big.getMessage().contains("maximum cell size"), big.getMessage());
      assertThrows(IllegalArgumentException.class, () -> t.put(new Put(row(3))));
      assertTrue(t.get(new Get(row(2))).isEmpty());
    }
  }

  @Test
  void bufferedMutatorReportsFailedMutations() throws Exception {
    TableName name = TableName.valueOf("mutator_errors");
    admin.createTable(cfTable(name), new byte[][] {Bytes.toBytes("r050")});
    try (BufferedMutator m = conn.getBufferedMutator(name)) {
      m.mutate(new Put(row(1)).addColumn(CF, A, Bytes.toBytes("ok")));
      m.mutate(new Put(row(2)).addColumn(Bytes.toBytes("bad"), A, Bytes.toBytes("x")));
      m.mutate(new Put(row(70)).addColumn(CF, A, Bytes.toBytes("ok")));
      RetriesExhaustedWithDetailsException e = assertThrows(
          RetriesExhaustedWithDetailsException.class, m::flush);
      assertEquals(1, e.getNumExceptions());
      assertTrue(e.getCause(0) instanceof NoSuchColumnFamilyException);
      m.flush(); // reported once
    }
    List<RetriesExhaustedWithDetailsException> heard = new CopyOnWriteArrayList<>();
    try (BufferedMutator m = conn.getBufferedMutator(new BufferedMutatorParams(name)
        .listener((e, mutator) -> heard.add(e)))) {
      m.mutate(new Put(row(3)).addColumn(Bytes.toBytes("bad"), A, Bytes.toBytes("x")));
      m.flush();
    }
    assertEquals(1, heard.size());
    try (Table t = conn.getTable(name)) {
      assertEquals(2, readAll(t, new Scan()).size());
    }
  }
}
