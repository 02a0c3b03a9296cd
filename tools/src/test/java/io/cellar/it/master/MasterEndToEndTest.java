package io.cellar.it.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.TableNotDisabledException;
import io.cellar.common.proto.*;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.master.Master;
import io.cellar.regionserver.server.RegionServer;
import io.cellar.wal.WalConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master driving real region servers: DDL, data through ClientService, crash recovery. */
class MasterEndToEndTest {
  static final TableName T = TableName.valueOf("ns:t");
  static final String[] ROWS = {"a1", "c2", "g0", "h5", "m9", "p0", "t7", "z3"};

  @TempDir
  Path dir;
  RealCluster cluster;
  Master master;

  @BeforeEach
  void setUp() throws Exception {
    cluster = new RealCluster(dir);
    cluster.conf.setInt(Master.MIN_REGION_SERVERS, 3);
    master = cluster.startMaster();
    for (int i = 0; i < 3; i++) {
      cluster.startServer();
    }
    assertTrue(master.awaitActive(60_000), "master active");
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  static TableDescriptor descriptor(String... families) {
    TableDescriptor.Builder b = TableDescriptor.newBuilder(T);
    for (String f : families) {
      b.setColumnFamily(ColumnFamilyDescriptor.newBuilder(Bytes.toBytes(f)).build());
    }
    return b.build();
  }

  TableNameProto t() {
    return SchemaProtos.toProto(T);
  }

  void createPreSplitTable() throws Exception {
    cluster.master(master, "CreateNamespace", CreateNamespaceRequest.newBuilder()
        .setNamespace("ns").build(), CreateNamespaceResponse.parser());
    cluster.master(master, "CreateTable", CreateTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(descriptor("cf")))
        .addSplitKeys(ByteString.copyFromUtf8("g"))
        .addSplitKeys(ByteString.copyFromUtf8("p")).build(), CreateTableResponse.parser());
  }

  Set<ServerName> live() {
    Set<ServerName> out = new HashSet<>();
    for (RegionServer rs : cluster.servers) {
      if (rs.isRunning()) {
        out.add(rs.getServerName());
      }
    }
    return out;
  }

  @Test
  void createWriteCrashAndRecoverWithDataIntact() throws Exception {
    createPreSplitTable();
    List<RegionLocation> regions = cluster.regions(T);
    assertEquals(3, regions.size());
    Set<ServerName> holders = new HashSet<>();
    for (RegionLocation r : regions) {
      assertEquals(RegionState.OPEN, r.state());
      holders.add(r.server());
    }
    assertEquals(3, holders.size(), "one region per server");
    assertTrue(Files.exists(cluster.root.resolve("data/ns/t/.tabledesc")));

    for (String row : ROWS) {
      cluster.put(T, row, "cf", "v-" + row);
    }

    // Kill the server holding meta and the middle region's neighbour: everything must come back.
    ServerName metaHolder = cluster.metaLocation.load();
    RegionServer victim = cluster.servers.stream()
        .filter(rs -> rs.getServerName().equals(metaHolder)).findFirst().orElseThrow();
    // The victim holds meta and one region of T; an abort flushes nothing, so meta's rows and
    // that region's rows exist only in its WAL, which the master must split for them to survive.
    assertEquals(1, cluster.online(victim, T).size());
    Path victimWal = WalConfig.forServer(cluster.root, victim.getServerName().toString())
        .walDir();
    assertTrue(Files.exists(victimWal));
    victim.abort("test: crash");
    RealCluster.waitFor("regions reassigned", () -> {
      List<RegionLocation> now = cluster.regions(T);
      return now.size() == 3 && now.stream().allMatch(r -> r.state() == RegionState.OPEN
          && live().contains(r.server()));
    });
    assertTrue(live().contains(cluster.metaLocation.load()), "meta moved to a live server");
    assertTrue(cluster.serves(cluster.server(cluster.metaLocation.load()), MetaTable.REGION));
    for (RegionLocation r : cluster.regions(T)) {
      assertTrue(cluster.serves(cluster.server(r.server()), r.region()));
    }
    assertFalse(Files.exists(victimWal), "the dead server's WAL was split and removed");
    for (String row : ROWS) {
      assertEquals("v-" + row, cluster.get(T, row, "cf"), "row " + row + " survived");
    }
    GetClusterStatusResponse status = cluster.master(master, "GetClusterStatus",
        GetClusterStatusRequest.getDefaultInstance(), GetClusterStatusResponse.parser());
    assertEquals(2, status.getLiveServersCount());
    assertEquals(victim.getServerName(), ServerName.fromProto(status.getDeadServers(0)));
  }

  @Test
  void disableEnableAlterTruncateBalanceDelete() throws Exception {
    createPreSplitTable();
    for (String row : ROWS) {
      cluster.put(T, row, "cf", "v-" + row);
    }
    assertThrows(TableNotDisabledException.class, () -> cluster.master(master, "DeleteTable",
        DeleteTableRequest.newBuilder().setTable(t()).build(), DeleteTableResponse.parser()));

    cluster.master(master, "DisableTable", DisableTableRequest.newBuilder().setTable(t())
        .build(), DisableTableResponse.parser());
    assertTrue(cluster.regions(T).stream().allMatch(r -> r.state() == RegionState.CLOSED));
    cluster.master(master, "EnableTable", EnableTableRequest.newBuilder().setTable(t())
        .build(), EnableTableResponse.parser());
    for (String row : ROWS) {
      assertEquals("v-" + row, cluster.get(T, row, "cf"), "data kept over disable/enable");
    }

    // Alter while enabled: the new family is writable at once.
    cluster.master(master, "ModifyTable", ModifyTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(descriptor("cf", "cf2"))).build(),
        ModifyTableResponse.parser());
    cluster.put(T, "h5", "cf2", "second");
    assertEquals("second", cluster.get(T, "h5", "cf2"));
    assertEquals("v-h5", cluster.get(T, "h5", "cf"));

    // Balance after a fourth server joins: 3 regions + meta over 4 servers.
    RegionServer fourth = cluster.startServer();
    RealCluster.waitFor("fourth server live", () -> cluster.master(master, "GetClusterStatus",
        GetClusterStatusRequest.getDefaultInstance(), GetClusterStatusResponse.parser())
        .getLiveServersCount() == 4);
    cluster.master(master, "Balance", BalanceRequest.getDefaultInstance(),
        BalanceResponse.parser());
    for (String row : ROWS) {
      assertEquals("v-" + row, cluster.get(T, row, "cf"), "data kept over balancing");
    }
    assertTrue(cluster.regions(T).stream().allMatch(r -> r.state() == RegionState.OPEN));
    assertFalse(fourth.getServerName().toString().isEmpty());

    cluster.master(master, "DisableTable", DisableTableRequest.newBuilder().setTable(t())
        .build(), DisableTableResponse.parser());
    cluster.master(master, "TruncateTable", TruncateTableRequest.newBuilder().setTable(t())
        .setPreserveSplits(true).build(), TruncateTableResponse.parser());
    assertEquals(3, cluster.regions(T).size());
    for (String row : ROWS) {
      assertNull(cluster.get(T, row, "cf"), "truncate dropped " + row);
    }

    assertThrows(InvalidRequestException.class, () -> cluster.master(master,
        "DeleteNamespace", DeleteNamespaceRequest.newBuilder().setNamespace("ns").build(),
        DeleteNamespaceResponse.parser()));
    cluster.master(master, "DisableTable", DisableTableRequest.newBuilder().setTable(t())
        .build(), DisableTableResponse.parser());
    cluster.master(master, "DeleteTable", DeleteTableRequest.newBuilder().setTable(t())
        .build(), DeleteTableResponse.parser());
    assertTrue(cluster.regions(T).isEmpty());
    assertFalse(Files.exists(cluster.root.resolve("data/ns/t")));
    cluster.master(master, "DeleteNamespace", DeleteNamespaceRequest.newBuilder()
        .setNamespace("ns").build(), DeleteNamespaceResponse.parser());
  }
}
