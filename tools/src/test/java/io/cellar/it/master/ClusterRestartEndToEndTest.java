package io.cellar.it.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.common.Bytes;
import io.cellar.common.proto.*;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.master.Master;
import io.cellar.regionserver.server.RegionServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole cluster stopped and started again on the same ZooKeeper data and storage root (as
 * {@code cellar standalone} does): every table, region and row is back, under new server
 * incarnations. Covers both a clean stop and a crash of everything.
 */
class ClusterRestartEndToEndTest {
  static final TableName T = TableName.valueOf("t");
  static final List<String> ROWS = List.of("b", "f", "k", "n", "r", "x");

  @TempDir
  Path dir;

  void startAndLoad(RealCluster c) throws Exception {
    Master m = startCluster(c);
    c.master(m, "CreateTable", CreateTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(TableDescriptor.newBuilder(T)
            .setColumnFamily(ColumnFamilyDescriptor.newBuilder(Bytes.toBytes("cf")).build())
            .build()))
        .addSplitKeys(ByteString.copyFromUtf8("g"))
        .addSplitKeys(ByteString.copyFromUtf8("p")).build(), CreateTableResponse.parser());
    for (String row : ROWS) {
      c.put(T, row, "cf", "v-" + row);
    }
  }

  static Master startCluster(RealCluster c) throws Exception {
    c.conf.setInt(Master.MIN_REGION_SERVERS, 2);
    Master m = c.startMaster();
    c.startServer();
    c.startServer();
    assertTrue(m.awaitActive(60_000));
    return m;
  }

  void assertRestored(RealCluster c, Master m) throws Exception {
    RealCluster.waitFor("all regions open on new servers", () ->
        c.regions(T).size() == 3 && c.regions(T).stream().allMatch(r ->
            r.state() == RegionState.OPEN && c.servers.stream().anyMatch(rs ->
                rs.getServerName().equals(r.server()))));
    for (String row : ROWS) {
      assertEquals("v-" + row, c.get(T, row, "cf"), row + " after restart");
    }
    assertEquals(TableStateProto.TABLE_ENABLED, c.master(m, "GetTableState",
        GetTableStateRequest.newBuilder().setTable(SchemaProtos.toProto(T)).build(),
        GetTableStateResponse.parser()).getState());
  }

  @Test
  void cleanStopThenStart() throws Exception {
    try (RealCluster c = new RealCluster(dir)) {
      startAndLoad(c);
      // Master first, then servers (so nothing is reassigned while the cluster goes down).
      c.masters.forEach(Master::stop);
      c.servers.forEach(RegionServer::stop);
    }
    try (RealCluster c = new RealCluster(dir)) {
      assertRestored(c, startCluster(c));
    }
  }

  @Test
  void serversStopBeforeTheMasterThenStart() throws Exception {
    try (RealCluster c = new RealCluster(dir)) {
      startAndLoad(c);
      // The master sees each server leave and moves its regions to the ones still up.
      c.servers.forEach(RegionServer::stop);
      c.masters.forEach(Master::stop);
    }
    try (RealCluster c = new RealCluster(dir)) {
      assertRestored(c, startCluster(c));
    }
  }

  @Test
  void everythingCrashesThenStarts() throws Exception {
    try (RealCluster c = new RealCluster(dir)) {
      startAndLoad(c);
      c.masters.forEach(m -> m.abort("test: power cut"));
      c.servers.forEach(rs -> rs.abort("test: power cut"));
    }
    try (RealCluster c = new RealCluster(dir)) {
      assertRestored(c, startCluster(c));
    }
  }
}
