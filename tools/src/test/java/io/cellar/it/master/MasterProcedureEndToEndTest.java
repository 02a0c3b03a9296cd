package io.cellar.it.master;

import static io.cellar.it.master.RealCluster.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.proto.DisableTableRequest;
import io.cellar.common.proto.DisableTableResponse;
import io.cellar.common.proto.EnableTableRequest;
import io.cellar.common.proto.EnableTableResponse;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.TableName;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.master.Master;
import io.cellar.master.procedure.CreateTableProcedure;
import io.cellar.master.procedure.ProcedureExecutor;
import io.cellar.master.procedure.ProcedureStore;
import io.cellar.master.schema.TableStateStore;
import io.cellar.regionserver.server.RegionServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Procedures against real region servers: a step that keeps failing (a real file in the way of
 * the master's descriptor write, or of a region server's region open) reaches the caller, keeps
 * the table busy and is finished in the background once the fault is gone; a table left ENABLING can be disabled; a procedure recorded while no master was active
 * is finished by the next master. The tests share one cluster, each with its own table.
 */
class MasterProcedureEndToEndTest {
  @TempDir
  static Path dir;
  static RealCluster cluster;
  static volatile Master master;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new RealCluster(dir);
    cluster.conf.setInt(Master.MIN_REGION_SERVERS, 2)
        .setInt(ProcedureExecutor.STEP_ATTEMPTS, 3)
        .setLong(ProcedureExecutor.STEP_RETRY_PAUSE_MS, 50)
        .setLong(Master.PROCEDURE_RETRY_INTERVAL_MS, 200);
    master = cluster.startMaster();
    cluster.startServer();
    cluster.startServer();
    assertTrue(master.awaitActive(60_000), "master active");
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  int online(String table) {
    int n = 0;
    for (RegionServer rs : cluster.servers) {
      n += cluster.online(rs, TableName.valueOf(table)).size();
    }
    return n;
  }

  void disable(String table) throws IOException {
    cluster.master(master, "DisableTable", DisableTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(TableName.valueOf(table))).build(),
        DisableTableResponse.parser());
  }

  @Test
  void aProcedureOutOfRetriesIsRetriedLater() throws Exception {
    // A plain file where the table's directory must go: writing .tabledesc fails every time.
    Path blocker = cluster.root.resolve("data/default/stuck");
    Files.createDirectories(blocker.getParent());
    Files.write(blocker, new byte[] {1});
    IOException failed = assertThrows(IOException.class,
        () -> cluster.create(master, table("stuck", "cf"), "m"));
    assertFalse(failed instanceof DoNotRetryException, failed.toString());
    assertEquals(TableStateProto.TABLE_ENABLING, cluster.state(master, "stuck"));

    // While its create is still recorded, other DDL on the table waits (retryable refusal).
    CellarException busy = assertThrows(CellarException.class, () -> disable("stuck"));
    assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
    assertFalse(busy instanceof DoNotRetryException);

    Files.delete(blocker);
    RealCluster.waitFor("the create finishes in the background",
        () -> cluster.state(master, "stuck") == TableStateProto.TABLE_ENABLED);
    assertEquals(2, online("stuck"));
    for (RegionLocation r : cluster.regions(TableName.valueOf("stuck"))) {
      assertTrue(cluster.serves(cluster.server(r.server()), r.region()));
    }
    cluster.put(TableName.valueOf("stuck"), "x", "cf", "works");
    assertEquals("works", cluster.get(TableName.valueOf("stuck"), "x", "cf"));
  }

  @Test
  void aRegionThatFailsToOpenIsRetriedUntilItOpens() throws Exception {
    TableName t = TableName.valueOf("broken");
    cluster.create(master, table("broken", "cf"), "m");
    cluster.put(t, "a", "cf", "flushed on disable");
    disable("broken");
    RegionInfo low = cluster.regions(t).get(0).region();
    // A plain file where the region's family directory must be: every OpenRegion of it fails
    // on the region server.
    Path family = cluster.root.resolve("data/default/broken").resolve(low.getEncodedName())
        .resolve("cf");
    Path aside = dir.resolve("cf-aside");
    Files.move(family, aside);
    Files.write(family, new byte[] {1});
    IOException failed = assertThrows(IOException.class, () -> cluster.master(master,
        "EnableTable", EnableTableRequest.newBuilder()
            .setTable(SchemaProtos.toProto(t)).build(), EnableTableResponse.parser()));
    assertFalse(failed instanceof DoNotRetryException, failed.toString());
    assertEquals(TableStateProto.TABLE_ENABLING, cluster.state(master, "broken"));
    assertTrue(cluster.servers.stream().noneMatch(rs -> cluster.serves(rs, low)));
    CellarException busy = assertThrows(CellarException.class, () -> disable("broken"));
    assertTrue(busy.getMessage().contains("busy"), busy.getMessage());

    Files.delete(family);
    Files.move(aside, family);
    RealCluster.waitFor("the enable finishes in the background",
        () -> cluster.state(master, "broken") == TableStateProto.TABLE_ENABLED);
    assertEquals(2, online("broken"));
    assertEquals("flushed on disable", cluster.get(t, "a", "cf"));
  }

  @Test
  void aTableLeftEnablingCanBeDisabled() throws Exception {
    cluster.create(master, table("left", "cf"), "m");
    assertEquals(2, online("left"));
    new TableStateStore(cluster.zk, ZNodePaths.fromConf(cluster.conf))
        .set(TableName.valueOf("left"), TableStateProto.TABLE_ENABLING);
    disable("left");
    assertEquals(TableStateProto.TABLE_DISABLED, cluster.state(master, "left"));
    assertEquals(0, online("left"));
  }

  @Test
  void aNewMasterResumesAProcedureRecordedWhileNoneWasActive() throws Exception {
    // The active master dies; a create is recorded (as if its master died right after
    // recording it); the next master must finish it.
    master.abort("test: active master dies");
    ZNodePaths paths = ZNodePaths.fromConf(cluster.conf);
    ProcedureStore store = new ProcedureStore(cluster.zk, paths);
    store.create(CreateTableProcedure.of(table("t9", "cf"), List.of(Bytes.toBytes("g")), 42L)
        .record());
    Master next = cluster.startMaster();
    assertTrue(next.awaitActive(60_000), "the new master became active");
    master = next;

    assertEquals(TableStateProto.TABLE_ENABLED, cluster.state(master, "t9"));
    List<RegionLocation> rows = cluster.regions(TableName.valueOf("t9"));
    assertEquals(2, rows.size());
    assertEquals(42L, rows.get(0).region().getRegionId());
    assertEquals(2, online("t9"));
    assertTrue(store.list().isEmpty(), "the finished procedure is no longer recorded");
    cluster.put(TableName.valueOf("t9"), "h", "cf", "resumed");
    assertEquals("resumed", cluster.get(TableName.valueOf("t9"), "h", "cf"));
  }
}
