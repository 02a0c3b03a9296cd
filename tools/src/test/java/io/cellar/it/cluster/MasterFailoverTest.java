package io.cellar.it.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.ClusterMetrics;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.RegionLocator;
import io.cellar.client.Table;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.common.exceptions.TableExistsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Master failover with real processes: two masters and two region servers; the active master
 * is killed with kill -9 while writers run (they need no master and must not fail); the backup
 * takes over (the {@code master} znode changes to it); then
 * DDL (create, disable, enable, delete) and assignment (regions of a new table, a move, the
 * balancer onto a region server started after the failover) work again, with the data written
 * before the failover intact. Then a master dies in the middle of a create-table procedure and
 * the next one finishes it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MasterFailoverTest {
  private static final TableName BEFORE = TableName.valueOf("before_failover");
  private static final TableName AFTER = TableName.valueOf("after_failover");
  private static final byte[] F = Bytes.toBytes("f");
  private static final byte[] Q = Bytes.toBytes("q");
  private static final int ROWS = 500;

  @TempDir static Path dir;
  static ProcessCluster cluster;

  @RegisterExtension
  static final LogTailsOnFailure LOGS = new LogTailsOnFailure(() -> cluster);

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = ProcessCluster.start(dir, 2, 2, Map.of());
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void theBackupTakesOverAndDdlAndAssignmentWorkAgain() throws Exception {
    Admin admin = cluster.connection().getAdmin();
    admin.createTable(descriptor(BEFORE), splits("row-100", "row-200", "row-300", "row-400"));
    write(BEFORE, "before");

    ServerName firstActive = cluster.activeMaster().serverName();
    ClusterProcess backup = cluster.masters().stream()
        .filter(m -> !m.serverName().equals(firstActive)).findFirst().orElseThrow();
    // The data path needs no master: writes go on through the failover.
    AcknowledgedWriters writers = new AcknowledgedWriters(cluster.connection(), BEFORE, F, "mf");
    writers.start(2);
    ProcessCluster.waitFor("writes before the failover", 60_000,
        () -> writers.acknowledgedCount() >= 500);
    long killedAt = System.nanoTime();
    cluster.killActiveMaster();
    ProcessCluster.waitFor("the backup master to take over", 120_000,
        () -> cluster.activeMasterName().map(n -> n.equals(backup.serverName().toString()))
            .orElse(false));
    long znodeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    cluster.awaitMasterServing();
    long servingMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
    System.out.println("MASTER_FAILOVER_MS=" + servingMs + " (master znode moved after "
        + znodeMs + " ms)");

    Map<String, String> acked = writers.stopAndCollect();
    assertEquals(0, writers.failures(), "puts failed during the failover: "
        + writers.failureSamples());
    try (Table t = cluster.connection().getTable(BEFORE)) {
      List<String> bad = AcknowledgedWriters.unreadable(t, F, acked);
      assertTrue(bad.isEmpty(), bad.size() + " unreadable acknowledged rows, e.g. "
          + bad.subList(0, Math.min(10, bad.size())));
    }
    System.out.println("WRITES_DURING_MASTER_FAILOVER=" + acked.size());

    ClusterMetrics metrics = admin.getClusterMetrics();
    assertEquals(backup.serverName(), metrics.getMasterName());
    assertEquals(2, metrics.getServersName().size(), metrics.toString());

    // The data written before the failover is intact and the table still takes writes.
    assertRows(BEFORE, "before");
    write(BEFORE, "after");
    assertRows(BEFORE, "after");

    // DDL through the new master.
    admin.createTable(descriptor(AFTER), splits("row-250"));
    assertTrue(admin.tableExists(AFTER));
    assertAllOpenOnLiveServers(AFTER, 2);
    write(AFTER, "new");
    assertRows(AFTER, "new");
    admin.disableTable(BEFORE);
    assertTrue(admin.isTableDisabled(BEFORE));
    admin.enableTable(BEFORE);
    assertAllOpenOnLiveServers(BEFORE, 5);
    assertRows(BEFORE, "after");
    admin.disableTable(AFTER);
    admin.deleteTable(AFTER);
    assertFalse(admin.tableExists(AFTER));

    // Assignment: an explicit move, then the balancer onto a server started after the failover.
    RegionLocation first = locations(BEFORE).get(0);
    ServerName other = cluster.regionServers().stream().map(ClusterProcess::serverName)
        .filter(s -> !s.equals(first.server())).findFirst().orElseThrow();
    admin.move(first.region().getRegionName(), other);
    assertEquals(other, locations(BEFORE).get(0).server());

    ServerName added = cluster.startRegionServer().serverName();
    ProcessCluster.waitFor("the master to see the new region server", 60_000,
        () -> admin.getClusterMetrics().getServersName().contains(added));
    int moved = admin.balance();
    assertTrue(moved > 0, "the balancer moved nothing onto " + added);
    assertTrue(locations(BEFORE).stream().anyMatch(r -> r.server().equals(added)),
        "no region of " + BEFORE + " moved to " + added + ": " + locations(BEFORE));
    assertAllOpenOnLiveServers(BEFORE, 5);
    assertRows(BEFORE, "after");

    // A new backup registers with the new active master.
    ClusterProcess third = cluster.startMaster();
    ProcessCluster.waitFor("the new backup master to be listed", 60_000,
        () -> admin.getClusterMetrics().getBackupMasterNames().contains(third.serverName()));
    assertNotEquals(third.serverName(), admin.getClusterMetrics().getMasterName());
    admin.close();
  }

  /**
   * The active master dies while a create-table procedure is recorded in ZooKeeper and not yet
   * done: the next master finishes it. The client's call either returns or reports that the
   * table exists (its retry reached the new master after the table was made); either way the
   * table ends up enabled with every region open and usable.
   */
  @Test
  @Order(2)
  void aCreateTableInFlightWhenTheMasterDiesIsFinishedByTheNextMaster() throws Exception {
    if (cluster.masters().stream().filter(ClusterProcess::isAlive).count() < 2) {
      cluster.startMaster();
    }
    Admin admin = cluster.connection().getAdmin();
    byte[][] splits = new byte[29][];
    for (int i = 0; i < splits.length; i++) {
      splits[i] = Bytes.toBytes(String.format("row-%03d", (i + 1) * 16));
    }
    TableName table = null;
    boolean caughtInFlight = false;
    CompletableFuture<Void> create = null;
    // The procedure can finish before we see it: try a few tables until the kill lands mid-way.
    for (int attempt = 0; attempt < 5 && !caughtInFlight; attempt++) {
      table = TableName.valueOf("created_during_failover_" + attempt);
      TableName t = table;
      create = CompletableFuture.runAsync(() -> {
        try {
          admin.createTable(descriptor(t), splits);
        } catch (IOException e) {
          throw new CompletionException(e);
        }
      });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!create.isDone() && System.nanoTime() < deadline) {
        if (!cluster.procedures().isEmpty()) {
          cluster.killActiveMaster();
          caughtInFlight = true;
          break;
        }
        Thread.sleep(2);
      }
      if (!caughtInFlight) {
        create.get(60, TimeUnit.SECONDS);
      }
    }
    assertTrue(caughtInFlight, "no create-table procedure was seen in flight in 5 attempts");
    String outcome = "returned";
    try {
      create.get(120, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      assertInstanceOf(TableExistsException.class, e.getCause(), String.valueOf(e.getCause()));
      outcome = "reported " + e.getCause();
    }
    System.out.println("CREATE_TABLE_ACROSS_FAILOVER: " + table + " (client call " + outcome
        + ")");
    cluster.awaitMasterServing();
    TableName created = table;
    ProcessCluster.waitFor(created + " enabled with every region open", 60_000, () -> {
      var live = cluster.liveRegionServers();
      List<RegionLocation> locs = locations(created);
      return admin.isTableEnabled(created) && locs.size() == 30 && locs.stream().allMatch(
          r -> r.state() == MetaTable.RegionState.OPEN && live.contains(r.server().toString()));
    });
    assertTrue(cluster.procedures().isEmpty(), "procedures left: " + cluster.procedures());
    write(created, "resumed");
    assertRows(created, "resumed");
    admin.close();
  }

  // ---- helpers ----

  private static TableDescriptor descriptor(TableName name) {
    return TableDescriptor.newBuilder(name).setColumnFamily(ColumnFamilyDescriptor.of("f"))
        .build();
  }

  private static byte[][] splits(String... keys) {
    byte[][] out = new byte[keys.length][];
    for (int i = 0; i < keys.length; i++) {
      out[i] = Bytes.toBytes(keys[i]);
    }
    return out;
  }

  private static byte[] row(int i) {
    return Bytes.toBytes(String.format("row-%03d", i));
  }

  private static void write(TableName table, String tag) throws Exception {
    List<Put> puts = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      puts.add(new Put(row(i)).addColumn(F, Q, Bytes.toBytes(tag + "-" + i)));
    }
    try (Table t = cluster.connection().getTable(table)) {
      t.put(puts);
    }
  }

  private static void assertRows(TableName table, String tag) throws Exception {
    List<Get> gets = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      gets.add(new Get(row(i)));
    }
    try (Table t = cluster.connection().getTable(table)) {
      var results = t.get(gets);
      for (int i = 0; i < ROWS; i++) {
        assertArrayEquals(Bytes.toBytes(tag + "-" + i), results[i].getValue(F, Q),
            table + " row " + i);
      }
    }
  }

  private static List<RegionLocation> locations(TableName table) throws Exception {
    try (RegionLocator locator = cluster.connection().getRegionLocator(table)) {
      return locator.getAllRegionLocations();
    }
  }

  private static void assertAllOpenOnLiveServers(TableName table, int regions) throws Exception {
    List<RegionLocation> locs = locations(table);
    assertEquals(regions, locs.size(), locs.toString());
    var live = cluster.liveRegionServers();
    for (RegionLocation r : locs) {
      assertEquals(MetaTable.RegionState.OPEN, r.state(), r.toString());
      assertTrue(live.contains(r.server().toString()), r + " not on a live server " + live);
    }
  }
}
