package io.cellar.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.proto.*;
import io.cellar.common.schema.Durability;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import io.cellar.master.procedure.CreateTableProcedure;
import io.cellar.master.procedure.ProcedureStore;
import io.cellar.wal.RecoveredEdits;
import io.cellar.wal.WalConfig;
import io.cellar.wal.WalEntry;
import io.cellar.wal.WalWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Balancing, moves, splits, crash recovery and procedure resumption, with fake servers. */
class MasterRecoveryTest {
  @TempDir
  Path dir;
  MiniMasterCluster cluster;
  Master master;
  FakeRegionServer rs1;
  FakeRegionServer rs2;
  MasterDdlTest ddl = new MasterDdlTest();

  @BeforeEach
  void setUp() throws Exception {
    cluster = new MiniMasterCluster(dir);
    rs1 = cluster.startServer();
    rs2 = cluster.startServer();
    cluster.conf.setInt(Master.MIN_REGION_SERVERS, 2);
  }

  void startMaster() throws Exception {
    master = cluster.startMaster();
    assertTrue(master.awaitActive(20_000));
    ddl.cluster = cluster;
    ddl.master = master;
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  ServerName metaServer() throws Exception {
    try (ZooKeeperClient zk = ZooKeeperClient.connect(cluster.conf, null)) {
      return ServerName.parse(new String(zk.getData(
          ZNodePaths.fromConf(cluster.conf).metaRegionServer(), null).data(),
          StandardCharsets.UTF_8));
    }
  }

  @Test
  void balanceEvensOutCountsAndMoveRegionMovesOne() throws Exception {
    startMaster();
    ddl.create(MasterDdlTest.table("t1", "cf"), "b", "c", "d", "e", "f");
    FakeRegionServer rs3 = cluster.startServer();
    MiniMasterCluster.waitFor("rs3 tracked", () -> cluster.masters.get(0)
        .activeIfInitialized().servers().isLive(rs3.name()));
    int moves = cluster.call(master, "Balance", BalanceRequest.getDefaultInstance(),
        BalanceResponse.parser()).getMoves();
    assertEquals(2, moves);
    assertEquals(2, ddl.onlineOf(rs1, "t1"));
    assertEquals(2, ddl.onlineOf(rs2, "t1"));
    assertEquals(2, ddl.onlineOf(rs3, "t1"));
    for (RegionLocation r : ddl.metaRows("t1")) {
      assertEquals(RegionState.OPEN, r.state());
    }

    RegionLocation first = ddl.metaRows("t1").get(0);
    FakeRegionServer target = first.server().equals(rs3.name()) ? rs1 : rs3;
    cluster.call(master, "MoveRegion", MoveRegionRequest.newBuilder()
        .setRegionName(ByteString.copyFrom(first.region().getRegionName()))
        .setDestination(target.name().toProto()).build(), MoveRegionResponse.parser());
    assertTrue(target.serves(first.region()));
    assertEquals(target.name(), ddl.metaRows("t1").get(0).server());
  }

  @Test
  void splitMarksParentAndOpensDaughters() throws Exception {
    startMaster();
    ddl.create(MasterDdlTest.table("t1", "cf"));
    RegionInfo parent = ddl.metaRows("t1").get(0).region();
    cluster.call(master, "MasterSplitRegion", MasterSplitRegionRequest.newBuilder()
        .setRegionName(ByteString.copyFrom(parent.getRegionName()))
        .setSplitPoint(ByteString.copyFromUtf8("k")).build(),
        MasterSplitRegionResponse.parser());
    List<RegionLocation> rows = ddl.metaRows("t1");
    assertEquals(3, rows.size());
    RegionLocation p = rows.stream().filter(r -> r.region().equals(parent)).findFirst()
        .orElseThrow();
    assertEquals(RegionState.SPLIT, p.state());
    byte[] parentRow = MetaTable.rowOf(parent);
    synchronized (cluster.meta) {
      assertTrue(cluster.meta.rows.get(parentRow).containsKey(MetaTable.SPLIT_A));
      assertTrue(cluster.meta.rows.get(parentRow).containsKey(MetaTable.SPLIT_B));
    }
    for (RegionLocation r : rows) {
      if (!r.region().equals(parent)) {
        assertEquals(RegionState.OPEN, r.state());
        FakeRegionServer holder = r.server().equals(rs1.name()) ? rs1 : rs2;
        assertTrue(holder.serves(r.region()));
      }
    }
  }

  @Test
  void crashOfTheMetaServerSplitsItsWalAndReassignsEverything() throws Exception {
    startMaster();
    ddl.create(MasterDdlTest.table("t1", "cf"), "m");
    FakeRegionServer victim = metaServer().equals(rs1.name()) ? rs1 : rs2;
    FakeRegionServer survivor = victim == rs1 ? rs2 : rs1;
    RegionInfo victimRegion = ddl.metaRows("t1").stream()
        .filter(r -> r.server().equals(victim.name())).findFirst().orElseThrow().region();

    // The victim's WAL holds an edit for one of its regions.
    WalConfig walConf = WalConfig.forServer(cluster.root, victim.name().toString());
    try (WalWriter wal = new WalWriter(walConf)) {
      wal.appendAndSync(WalEntry.of(victimRegion.getEncodedName(), victimRegion.getTable(), 7,
          System.currentTimeMillis(), List.of(KeyValue.create(Bytes.toBytes("a"),
              Bytes.toBytes("cf"), Bytes.toBytes("q"), 1L, Bytes.toBytes("v")))),
          Durability.SYNC_WAL);
    }

    victim.crash();
    MiniMasterCluster.waitFor("all regions on the survivor", () ->
        ddl.onlineOf(survivor, "t1") == 2);
    MiniMasterCluster.waitFor("meta rows point at the survivor", () ->
        ddl.metaRows("t1").stream().allMatch(r -> r.state() == RegionState.OPEN
            && r.server().equals(survivor.name())));
    assertEquals(survivor.name(), metaServer());
    assertTrue(survivor.serves(MetaTable.REGION));
    Path edits = RecoveredEdits.dirOf(cluster.root.resolve("data/default/t1")
        .resolve(victimRegion.getEncodedName()));
    assertEquals(1, RecoveredEdits.list(edits).size());
    assertFalse(Files.exists(walConf.walDir()), "split WAL directory is gone");

    GetClusterStatusResponse status = cluster.call(master, "GetClusterStatus",
        GetClusterStatusRequest.getDefaultInstance(), GetClusterStatusResponse.parser());
    assertEquals(victim.name(), ServerName.fromProto(status.getDeadServers(0)));
    assertEquals(1, status.getLiveServersCount());
  }

  @Test
  void aProcedureOutOfRetriesIsRetriedLater() throws Exception {
    cluster.conf.setLong(Master.PROCEDURE_RETRY_INTERVAL_MS, 200);
    startMaster();
    rs1.failOpens.set(1000);
    rs2.failOpens.set(1000);
    org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
        () -> ddl.create(MasterDdlTest.table("t1", "cf"), "m"));
    assertEquals(TableStateProto.TABLE_ENABLING, ddl.state("t1"));
    // While its create is still recorded, other DDL on the table waits (retryable refusal).
    io.cellar.common.exceptions.CellarException busy = org.junit.jupiter.api.Assertions
        .assertThrows(io.cellar.common.exceptions.CellarException.class, () ->
            cluster.call(master, "DisableTable", DisableTableRequest.newBuilder()
                .setTable(SchemaProtos.toProto(TableName.valueOf("t1"))).build(),
                DisableTableResponse.parser()));
    assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
    rs1.failOpens.set(0);
    rs2.failOpens.set(0);
    MiniMasterCluster.waitFor("the create finishes in the background", () -> {
      try {
        return ddl.state("t1") == TableStateProto.TABLE_ENABLED;
      } catch (Exception e) {
        return false;
      }
    });
    assertEquals(2, ddl.onlineOf(rs1, "t1") + ddl.onlineOf(rs2, "t1"));
  }

  @Test
  void aTableLeftEnablingCanBeDisabled() throws Exception {
    startMaster();
    ddl.create(MasterDdlTest.table("t1", "cf"), "m");
    try (ZooKeeperClient zk = ZooKeeperClient.connect(cluster.conf, null)) {
      new io.cellar.master.schema.TableStateStore(zk, ZNodePaths.fromConf(cluster.conf))
          .set(TableName.valueOf("t1"), TableStateProto.TABLE_ENABLING);
    }
    cluster.call(master, "DisableTable", DisableTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(TableName.valueOf("t1"))).build(),
        DisableTableResponse.parser());
    assertEquals(TableStateProto.TABLE_DISABLED, ddl.state("t1"));
    assertEquals(0, ddl.onlineOf(rs1, "t1") + ddl.onlineOf(rs2, "t1"));
  }

  @Test
  void aNewMasterResumesARecordedProcedure() throws Exception {
    // A master died right after recording a create: the next one must finish it.
    Files.createDirectories(cluster.root);
    try (ZooKeeperClient zk = ZooKeeperClient.connect(cluster.conf, null)) {
      ZNodePaths paths = ZNodePaths.fromConf(cluster.conf);
      zk.createIfAbsent(paths.namespace("default"), new byte[0]);
      CreateTableProcedure p = CreateTableProcedure.of(MasterDdlTest.table("t9", "cf"),
          List.of(Bytes.toBytes("g")), 42L);
      new ProcedureStore(zk, paths).create(p.record());
    }
    startMaster();
    assertEquals(TableStateProto.TABLE_ENABLED, ddl.state("t9"));
    List<RegionLocation> rows = ddl.metaRows("t9");
    assertEquals(2, rows.size());
    assertEquals(42L, rows.get(0).region().getRegionId());
    assertEquals(2, ddl.onlineOf(rs1, "t9") + ddl.onlineOf(rs2, "t9"));
    try (ZooKeeperClient zk = ZooKeeperClient.connect(cluster.conf, null)) {
      assertTrue(zk.getChildren(ZNodePaths.fromConf(cluster.conf).procedures(), null)
          .isEmpty());
    }
  }

  @Test
  void masterFailoverKeepsServingTheSameCluster() throws Exception {
    startMaster();
    ddl.create(MasterDdlTest.table("t1", "cf"), "m");
    Master backup = cluster.startMaster();
    Map<String, ServerName> before = new java.util.HashMap<>();
    ddl.metaRows("t1").forEach(r -> before.put(r.region().getEncodedName(), r.server()));
    master.abort("test");
    assertTrue(backup.awaitActive(20_000));
    ddl.master = backup;
    ddl.metaRows("t1").forEach(r ->
        assertEquals(before.get(r.region().getEncodedName()), r.server()));
    assertEquals(TableStateProto.TABLE_ENABLED, ddl.state("t1"));
    cluster.call(backup, "DisableTable", DisableTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(TableName.valueOf("t1"))).build(),
        DisableTableResponse.parser());
    assertEquals(0, ddl.onlineOf(rs1, "t1") + ddl.onlineOf(rs2, "t1"));
    assertNotEquals(master.getServerName(), backup.getServerName());
  }
}
