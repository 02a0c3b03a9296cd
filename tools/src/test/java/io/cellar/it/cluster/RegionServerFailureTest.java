package io.cellar.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.Get;
import io.cellar.client.RegionLocator;
import io.cellar.client.Result;
import io.cellar.client.ResultScanner;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.Durability;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Region-server failure with real processes: writers put SYNC_WAL rows (single and batched)
 * while one region server is killed with kill -9: first one holding user regions but not meta,
 * then (a fresh server started to replace it) the one holding cellar:meta. The
 * writers keep going on their client's retries; the master splits the dead server's WAL and
 * reopens its regions elsewhere. The time from the kill until every region is OPEN on a live
 * server and answers a get is printed as {@code RECOVERY_TIME_MS=...}; afterwards every
 * acknowledged row must read back with its value. Last, a scanner open on a server that is
 * killed must still return every row once.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegionServerFailureTest {
  private static final TableName TABLE = TableName.valueOf("rs_failure");
  private static final byte[] F = Bytes.toBytes("f");
  private static final String[] SPLITS = {"2a", "55", "80", "aa", "d5"};
  private static final int REGIONS = SPLITS.length + 1;
  private static final int WRITERS = 4;

  @TempDir static Path dir;
  static ProcessCluster cluster;

  @RegisterExtension
  static final LogTailsOnFailure LOGS = new LogTailsOnFailure(() -> cluster);

  @BeforeAll
  static void startCluster() throws Exception {
    // A short session: the kill is detected when the dead server's session expires.
    cluster = ProcessCluster.start(dir, 1, 3,
        Map.of("cellar.zookeeper.session.timeout.ms", "4000"));
    byte[][] splits = new byte[SPLITS.length][];
    for (int i = 0; i < SPLITS.length; i++) {
      splits[i] = Bytes.toBytes(SPLITS[i]);
    }
    try (Admin admin = cluster.connection().getAdmin()) {
      admin.createTable(TableDescriptor.newBuilder(TABLE).setDurability(Durability.SYNC_WAL)
          .setColumnFamily(ColumnFamilyDescriptor.of("f")).build(), splits);
    }
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void killNineOfARegionServerLosesNoAcknowledgedWrite() throws Exception {
    String meta = cluster.metaServer().orElseThrow();
    Map<String, Integer> regionsPerServer = regionsPerServer();
    int victim = -1;
    for (int i = 0; i < cluster.regionServers().size(); i++) {
      String name = cluster.regionServers().get(i).serverName().toString();
      if (!name.equals(meta) && regionsPerServer.getOrDefault(name, 0) > 0
          && (victim < 0 || regionsPerServer.get(name) > regionsPerServer.get(
              cluster.regionServers().get(victim).serverName().toString()))) {
        victim = i;
      }
    }
    assertTrue(victim >= 0, "no server without meta holds a user region: "
        + regionsPerServer + ", meta on " + meta);
    killWhileWritingAndRecover(victim, "p1", "user regions only");
  }

  /** The harder case: the server holding cellar:meta (and user regions) dies. */
  @Test
  @Order(2)
  void killNineOfTheMetaServerLosesNoAcknowledgedWrite() throws Exception {
    if (cluster.liveRegionServers().size() < 3) {
      cluster.startRegionServer(); // keep three servers so the regions have somewhere to go
    }
    String meta = cluster.metaServer().orElseThrow();
    int victim = -1;
    for (int i = 0; i < cluster.regionServers().size(); i++) {
      ClusterProcess p = cluster.regionServers().get(i);
      if (p.isAlive() && p.serverName().toString().equals(meta)) {
        victim = i;
      }
    }
    assertTrue(victim >= 0, "meta is on " + meta + ", none of " + cluster.regionServers());
    killWhileWritingAndRecover(victim, "p2", "cellar:meta and user regions");
    String newMeta = cluster.metaServer().orElseThrow();
    assertTrue(cluster.liveRegionServers().contains(newMeta), "meta on dead " + newMeta);
  }

  /**
   * A scanner open on the server that dies: the client reopens it on the region's new server
   * after the last row it returned, so the scan yields every row exactly once, in order.
   */
  @Test
  @Order(3)
  void aScanOpenOnTheKilledServerReturnsEveryRowOnce() throws Exception {
    TableName scanned = TableName.valueOf("scan_during_kill");
    int rows = 6_000;
    try (Admin admin = cluster.connection().getAdmin()) {
      admin.createTable(TableDescriptor.newBuilder(scanned).setDurability(Durability.SYNC_WAL)
          .setColumnFamily(ColumnFamilyDescriptor.of("f")).build(), new byte[][] {
              scanRow(1_500), scanRow(3_000), scanRow(4_500)});
    }
    try (Table t = cluster.connection().getTable(scanned)) {
      List<io.cellar.client.Put> puts = new ArrayList<>();
      for (int i = 0; i < rows; i++) {
        puts.add(new io.cellar.client.Put(scanRow(i)).addColumn(F, Bytes.toBytes("q"),
            Bytes.toBytes("v" + i)));
      }
      t.put(puts);
    }
    List<String> seen = new ArrayList<>();
    try (Table t = cluster.connection().getTable(scanned);
        ResultScanner scanner = t.getScanner(new Scan().setCaching(100))) {
      java.util.Iterator<Result> it = scanner.iterator();
      while (seen.size() < 2_000 && it.hasNext()) {
        seen.add(Bytes.toString(it.next().getRow()));
      }
      // Kill the server serving the region the scanner is in (row 2,000: region 2 of 4).
      String holder;
      try (RegionLocator locator = cluster.connection().getRegionLocator(scanned)) {
        holder = locator.getRegionLocation(scanRow(seen.size()), true).server().toString();
      }
      int index = -1;
      for (int i = 0; i < cluster.regionServers().size(); i++) {
        ClusterProcess p = cluster.regionServers().get(i);
        if (p.isAlive() && p.serverName().toString().equals(holder)) {
          index = i;
        }
      }
      assertTrue(index >= 0, holder + " is no live region server process");
      cluster.killRegionServer(index);
      while (it.hasNext()) {
        Result r = it.next();
        assertEquals("v" + seen.size(), Bytes.toString(r.getValue(F, Bytes.toBytes("q"))));
        seen.add(Bytes.toString(r.getRow()));
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      expected.add(Bytes.toString(scanRow(i)));
    }
    ClusterEndToEndTest.assertSameRows("scan across a kill", expected, seen);
  }

  /**
   * A table created right after a kill -9, before the dead server's session has expired: the
   * master may first try to open regions on the dead server, and must still end with every
   * region open on a live one.
   */
  @Test
  @Order(4)
  void aTableCreatedBeforeTheKillIsDetectedEndsUpOpenOnLiveServers() throws Exception {
    while (cluster.liveRegionServers().size() < 2) {
      cluster.startRegionServer();
    }
    int index = -1;
    for (int i = 0; i < cluster.regionServers().size(); i++) {
      if (cluster.regionServers().get(i).isAlive()) {
        index = i;
      }
    }
    String victim = cluster.regionServers().get(index).serverName().toString();
    cluster.killRegionServer(index);
    TableName table = TableName.valueOf("created_after_kill");
    byte[][] splits = new byte[9][];
    for (int i = 0; i < splits.length; i++) {
      splits[i] = scanRow((i + 1) * 100);
    }
    try (Admin admin = cluster.connection().getAdmin()) {
      admin.createTable(TableDescriptor.newBuilder(table)
          .setColumnFamily(ColumnFamilyDescriptor.of("f")).build(), splits);
      ProcessCluster.waitFor("every region of " + table + " open on a live server", 120_000,
          () -> {
            Set<String> live = cluster.liveRegionServers();
            List<RegionLocation> locs;
            try (RegionLocator locator = cluster.connection().getRegionLocator(table)) {
              locs = locator.getAllRegionLocations();
            }
            return !live.contains(victim) && locs.size() == 10 && locs.stream().allMatch(
                r -> r.state() == MetaTable.RegionState.OPEN
                    && live.contains(r.server().toString()));
          });
    }
    try (Table t = cluster.connection().getTable(table)) {
      List<io.cellar.client.Put> puts = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        puts.add(new io.cellar.client.Put(scanRow(i)).addColumn(F, Bytes.toBytes("q"),
            Bytes.toBytes("v" + i)));
      }
      t.put(puts);
      int n = 0;
      try (ResultScanner scanner = t.getScanner(new Scan())) {
        for (Result r : scanner) {
          assertEquals("v" + n, Bytes.toString(r.getValue(F, Bytes.toBytes("q"))));
          n++;
        }
      }
      assertEquals(1_000, n);
    }
  }

  private static byte[] scanRow(int i) {
    return Bytes.toBytes(String.format("row-%05d", i));
  }

  /**
   * Runs writers, kills region server {@code index} with kill -9, waits until every region
   * serves again (printing RECOVERY_TIME_MS), lets the writers go on, then checks every
   * acknowledged row of this round.
   */
  private static void killWhileWritingAndRecover(int index, String tag, String what)
      throws Exception {
    String victim = cluster.regionServers().get(index).serverName().toString();
    int victimRegions = regionsPerServer().getOrDefault(victim, 0);
    AcknowledgedWriters writers = new AcknowledgedWriters(cluster.connection(), TABLE, F, tag);
    writers.start(WRITERS);
    try {
      ProcessCluster.waitFor("2,000 acknowledged writes", 60_000,
          () -> writers.acknowledgedCount() >= 2_000);
      int ackedBeforeKill = writers.acknowledgedCount();

      long killedAt = System.nanoTime();
      cluster.killRegionServer(index);
      ProcessCluster.waitFor("all regions serving again", 180_000,
          () -> allRegionsServing(victim));
      long recoveryMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
      System.out.println("RECOVERY_TIME_MS=" + recoveryMs + " (kill -9 of " + victim
          + " holding " + what + ": " + victimRegions + " of " + REGIONS + " user regions; "
          + WRITERS + " writers running; ZooKeeper session timeout 4000 ms)");

      // Writers must make progress on the new servers before they stop.
      int ackedAtRecovery = writers.acknowledgedCount();
      ProcessCluster.waitFor("writes after recovery", 60_000,
          () -> writers.acknowledgedCount() >= ackedAtRecovery + 1_000);
      Map<String, String> acked = writers.stopAndCollect();
      System.out.println("ACKNOWLEDGED_WRITES=" + acked.size() + " (" + ackedBeforeKill
          + " before the kill, " + ackedAtRecovery + " at recovery); failed puts: "
          + writers.failures() + " " + writers.failureSamples());
      assertEquals(0, writers.failures(), "puts that failed despite retries: "
          + writers.failureSamples());
      assertEveryAcknowledgedRowReadable(acked, tag);
      assertFalse(locations().stream().anyMatch(r -> r.server().toString().equals(victim)),
          "a region is still assigned to the dead server");
    } finally {
      writers.stopAndCollect();
    }
  }

  private static Map<String, Integer> regionsPerServer() throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (RegionLocation r : locations()) {
      counts.merge(r.server().toString(), 1, Integer::sum);
    }
    return counts;
  }

  private static List<RegionLocation> locations() throws Exception {
    try (RegionLocator locator = cluster.connection().getRegionLocator(TABLE)) {
      return locator.getAllRegionLocations();
    }
  }

  /** Every region OPEN on a live server other than the victim, and a get on each succeeds. */
  private static boolean allRegionsServing(String victim) throws Exception {
    Set<String> live = cluster.liveRegionServers();
    if (live.contains(victim)) {
      return false;
    }
    List<RegionLocation> regions = locations();
    if (regions.size() != REGIONS) {
      return false;
    }
    for (RegionLocation r : regions) {
      if (r.state() != MetaTable.RegionState.OPEN || r.server() == null
          || !live.contains(r.server().toString())) {
        return false;
      }
    }
    try (Table t = cluster.connection().getTable(TABLE)) {
      for (RegionLocation r : regions) {
        byte[] start = r.region().getStartKey();
        t.get(new Get(start.length == 0 ? Bytes.toBytes("00") : start));
      }
    }
    return true;
  }

  private static void assertEveryAcknowledgedRowReadable(Map<String, String> acked, String tag)
      throws Exception {
    try (Table t = cluster.connection().getTable(TABLE)) {
      List<String> bad = AcknowledgedWriters.unreadable(t, F, acked);
      assertTrue(bad.isEmpty(), bad.size() + " of " + acked.size()
          + " acknowledged rows are missing or wrong after recovery, e.g. "
          + bad.subList(0, Math.min(10, bad.size())));
      long scanned = 0;
      try (ResultScanner scanner = t.getScanner(new Scan().setCaching(1000))) {
        for (Result r : scanner) {
          if (Bytes.toString(r.getRow()).contains("-" + tag + "-")) {
            scanned++;
          }
        }
      }
      assertTrue(scanned >= acked.size(), "a scan sees " + scanned + " rows of " + tag + " but "
          + acked.size() + " were acknowledged");
    }
  }
}
