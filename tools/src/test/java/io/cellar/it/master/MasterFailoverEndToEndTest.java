package io.cellar.it.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.proto.*;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.master.Master;
import io.cellar.regionserver.server.RegionServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backup master takeover, region moves and splits with real region servers. */
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
    first.abort("test: active master dies");
    assertTrue(backup.awaitActive(60_000), "backup became active");
    assertAllRows("master failover");

    // The new master must also notice region servers dying.
    RegionServer victim = cluster.servers.get(0);
    victim.abort("test: crash under the new master");
    RealCluster.waitFor("regions reassigned by the new master", () ->
        cluster.regions(T).stream().allMatch(r -> r.state() == RegionState.OPEN
            && !r.server().equals(victim.getServerName())));
    assertAllRows("crash recovery by the new master");
    GetClusterStatusResponse status = cluster.master(backup, "GetClusterStatus",
        GetClusterStatusRequest.getDefaultInstance(), GetClusterStatusResponse.parser());
    assertEquals(backup.getServerName(), ServerName.fromProto(status.getActiveMaster()));
  }

  @Test
  void moveAndSplitKeepData() throws Exception {
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
    assertAllRows("split");
    cluster.put(T, "t", "cf", "after-split");
    assertEquals("after-split", cluster.get(T, "t", "cf"));
  }
}
