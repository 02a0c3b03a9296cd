package io.cellar.it.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cellar.client.Result;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.MasterNotActiveException;
import io.cellar.common.proto.*;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.master.Master;
import io.cellar.regionserver.server.RegionServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Master election and takeover (abort and clean stop), region moves, splits and balancing with
 * real region servers.
 */
class MasterFailoverEndToEndTest {
  static final TableName T = TableName.valueOf("t");

  @TempDir
  Path dir;
  RealCluster cluster;
  Master first;

  @BeforeEach
  void setUp() throws Exception {
    cluster = new RealCluster(dir);
    cluster.conf.setInt(Master.MIN_REGION_SERVERS, 2);
    first = cluster.startMaster();
    cluster.startServer();
    cluster.startServer();
    assertTrue(first.awaitActive(60_000));
    cluster.master(first, "CreateTable", CreateTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(TableDescriptor.newBuilder(T)
            .setColumnFamily(ColumnFamilyDescriptor.newBuilder(Bytes.toBytes("cf")).build())
            .build()))
        .addSplitKeys(ByteString.copyFromUtf8("m")).build(), CreateTableResponse.parser());
    for (String row : List.of("b", "f", "k", "n", "r", "x")) {
      cluster.put(T, row, "cf", "v-" + row);
    }
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  void assertAllRows(String why) throws Exception {
    for (String row : List.of("b", "f", "k", "n", "r", "x")) {
      assertEquals("v-" + row, cluster.get(T, row, "cf"), row + " after " + why);
    }
  }

  @Test
  void backupTakesOverAndThenRecoversACrashedServer() throws Exception {
    Master backup = cluster.startMaster();
    assertFalse(backup.isActive());
    ZNodePaths paths = ZNodePaths.fromConf(cluster.conf);
    assertEquals(first.getServerName().toString(), new String(
        cluster.zk.getData(paths.master(), null).data(), StandardCharsets.UTF_8));
    assertTrue(cluster.zk.exists(paths.backupMaster(backup.getServerName().toString()), null)
        .isPresent());
    // The backup refuses MasterService calls with a retryable error.
    assertThrows(MasterNotActiveException.class, () -> status(backup));
    GetClusterStatusResponse before = status(first);
    assertEquals(first.getServerName(), ServerName.fromProto(before.getActiveMaster()));
    assertEquals(backup.getServerName(), ServerName.fromProto(before.getBackupMasters(0)));
    assertEquals(2, before.getLiveServersCount());
    assertFalse(before.getClusterId().isEmpty());
    Map<RegionInfo, ServerName> placement = new HashMap<>();
    cluster.regions(T).forEach(r -> placement.put(r.region(), r.server()));

    first.abort("test: active master dies");
    assertTrue(backup.awaitActive(60_000), "backup became active");
    GetClusterStatusResponse after = status(backup);
    assertEquals(backup.getServerName(), ServerName.fromProto(after.getActiveMaster()));
    assertEquals(0, after.getBackupMastersCount());
    assertEquals(before.getClusterId(), after.getClusterId(), "cluster id persists in ZK");
    cluster.regions(T).forEach(r -> assertEquals(placement.get(r.region()), r.server(),
        "the new master leaves " + r.region() + " where it is"));
    assertEquals(TableStateProto.TABLE_ENABLED, cluster.state(backup, "t"));
    assertAllRows("master failover");

    // The new master must also notice region servers dying.
    RegionServer victim = cluster.servers.get(0);
    victim.abort("test: crash under the new master");
    RealCluster.waitFor("regions reassigned by the new master", () ->
        cluster.regions(T).stream().allMatch(r -> r.state() == RegionState.OPEN
            && !r.server().equals(victim.getServerName())));
    assertAllRows("crash recovery by the new master");

    // ... and drive the surviving server: disable closes every region there.
    cluster.master(backup, "DisableTable", DisableTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(T)).build(), DisableTableResponse.parser());
    assertTrue(cluster.online(cluster.servers.get(1), T).isEmpty());
  }

  @Test
  void cleanStopHandsOver() throws Exception {
    Master second = cluster.startMaster();
    first.stop();
    assertTrue(second.awaitActive(60_000), "backup took over from a clean stop");
    assertFalse(first.isActive());
    assertEquals(second.getServerName(), ServerName.fromProto(status(second)
        .getActiveMaster()));
    cluster.create(second, RealCluster.table("t2", "cf"));
    assertEquals(TableStateProto.TABLE_ENABLED, cluster.state(second, "t2"));
    assertAllRows("hand-over");
  }

  GetClusterStatusResponse status(Master m) throws Exception {
    return cluster.master(m, "GetClusterStatus", GetClusterStatusRequest.getDefaultInstance(),
        GetClusterStatusResponse.parser());
  }

  @Test
  void moveSplitAndBalanceKeepData() throws Exception {
    RegionLocation low = cluster.regionOf(T, Bytes.toBytes("b"));
    ServerName other = cluster.servers.stream().map(RegionServer::getServerName)
        .filter(s -> !s.equals(low.server())).findFirst().orElseThrow();
    cluster.master(first, "MoveRegion", MoveRegionRequest.newBuilder()
        .setRegionName(ByteString.copyFrom(low.region().getRegionName()))
        .setDestination(other.toProto()).build(), MoveRegionResponse.parser());
    assertEquals(other, cluster.regionOf(T, Bytes.toBytes("b")).server());
    assertAllRows("move");

    RegionLocation high = cluster.regionOf(T, Bytes.toBytes("r"));
    cluster.master(first, "MasterSplitRegion", MasterSplitRegionRequest.newBuilder()
        .setRegionName(ByteString.copyFrom(high.region().getRegionName()))
        .setSplitPoint(ByteString.copyFromUtf8("s")).build(),
        MasterSplitRegionResponse.parser());
    List<RegionLocation> rows = cluster.regions(T);
    assertEquals(4, rows.size(), "the low region, the split parent and its two daughters");
    RegionLocation parent = rows.stream().filter(r -> r.region().equals(high.region()))
        .findFirst().orElseThrow();
    assertEquals(RegionState.SPLIT, parent.state());
    RegionLocation daughter = cluster.regionOf(T, Bytes.toBytes("x"));
    assertNotEquals(high.region(), daughter.region());
    assertEquals(RegionState.OPEN, daughter.state());
    Result parentRow = cluster.metaRow(MetaTable.rowOf(high.region()));
    assertNotNull(parentRow.getValue(MetaTable.FAMILY, MetaTable.SPLIT_A), "parent names A");
    assertNotNull(parentRow.getValue(MetaTable.FAMILY, MetaTable.SPLIT_B), "parent names B");
    for (RegionLocation r : rows) {
      boolean served = cluster.servers.stream().anyMatch(rs -> cluster.serves(rs, r.region()));
      if (r.region().equals(high.region())) {
        assertFalse(served, "the split parent is closed everywhere");
      } else {
        assertEquals(RegionState.OPEN, r.state());
        assertTrue(cluster.serves(cluster.server(r.server()), r.region()));
      }
    }
    assertAllRows("split");
    cluster.put(T, "t", "cf", "after-split");
    assertEquals("after-split", cluster.get(T, "t", "cf"));

    // A third server joins: Balance evens out the open regions and reports its moves.
    RegionServer third = cluster.startServer();
    RealCluster.waitFor("third server live", () -> status(first).getLiveServersCount() == 3);
    Map<RegionInfo, ServerName> before = openPlacement();
    int moves = cluster.master(first, "Balance", BalanceRequest.getDefaultInstance(),
        BalanceResponse.parser()).getMoves();
    Map<RegionInfo, ServerName> after = openPlacement();
    assertEquals(before.keySet(), after.keySet());
    long moved = before.keySet().stream().filter(r -> !before.get(r).equals(after.get(r)))
        .count();
    assertEquals(moved, moves);
    assertTrue(moves >= 1);
    Map<ServerName, Long> counts = new HashMap<>();
    cluster.servers.forEach(rs -> counts.put(rs.getServerName(), 0L));
    after.values().forEach(s -> counts.merge(s, 1L, Long::sum));
    assertTrue(counts.get(third.getServerName()) >= 1, counts.toString());
    assertTrue(Collections.max(counts.values()) - Collections.min(counts.values()) <= 1,
        "counts differ by at most one: " + counts);
    after.forEach((r, s) -> assertTrue(cluster.serves(cluster.server(s), r), r + " on " + s));
    assertAllRows("balance");
  }

  /** Open regions of T and the server meta names for each. */
  Map<RegionInfo, ServerName> openPlacement() throws Exception {
    Map<RegionInfo, ServerName> out = new HashMap<>();
    for (RegionLocation r : cluster.regions(T)) {
      if (r.state() == RegionState.OPEN) {
        out.put(r.region(), r.server());
      }
    }
    return out;
  }
}
