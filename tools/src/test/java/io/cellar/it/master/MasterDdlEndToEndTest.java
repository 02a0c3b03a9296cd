package io.cellar.it.master;

import static io.cellar.it.master.RealCluster.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NamespaceExistsException;
import io.cellar.common.exceptions.NamespaceNotFoundException;
import io.cellar.common.exceptions.TableExistsException;
import io.cellar.common.exceptions.TableNotDisabledException;
import io.cellar.common.exceptions.TableNotEnabledException;
import io.cellar.common.exceptions.TableNotFoundException;
import io.cellar.common.proto.*;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.master.Master;
import io.cellar.regionserver.Region;
import io.cellar.regionserver.server.RegionServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table and namespace DDL through MasterService against two real region servers: what meta
 * records is checked against the regions each server really has open. The tests share one
 * cluster and each uses its own tables, so they do not depend on each other's order.
 */
class MasterDdlEndToEndTest {
  @TempDir
  static Path dir;
  static RealCluster cluster;
  static Master master;
  static RegionServer rs1;
  static RegionServer rs2;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new RealCluster(dir);
    cluster.conf.setInt(Master.MIN_REGION_SERVERS, 2);
    master = cluster.startMaster();
    rs1 = cluster.startServer();
    rs2 = cluster.startServer();
    assertTrue(master.awaitActive(60_000), "master active");
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  static TableNameProto name(String t) {
    return SchemaProtos.toProto(TableName.valueOf(t));
  }

  static int onlineOf(RegionServer rs, String t) {
    return cluster.online(rs, TableName.valueOf(t)).size();
  }

  static <R> R call(String method, com.google.protobuf.Message req,
      com.google.protobuf.Parser<R> parser) throws Exception {
    return cluster.master(master, method, req, parser);
  }

  @Test
  void createPreSplitTableSpreadsRegionsAndWritesMeta() throws Exception {
    cluster.create(master, table("t1", "cf"), "b", "c", "d");
    assertEquals(TableStateProto.TABLE_ENABLED, cluster.state(master, "t1"));
    List<RegionLocation> rows = cluster.regions(TableName.valueOf("t1"));
    assertEquals(4, rows.size());
    for (RegionLocation r : rows) {
      assertEquals(RegionState.OPEN, r.state());
      assertTrue(cluster.serves(cluster.server(r.server()), r.region()),
          "meta row matches the server that really serves " + r.region());
    }
    assertEquals(2, onlineOf(rs1, "t1"));
    assertEquals(2, onlineOf(rs2, "t1"));
    assertTrue(Files.exists(cluster.root.resolve("data/default/t1/.tabledesc")));

    assertThrows(TableExistsException.class, () -> cluster.create(master, table("t1", "cf")));
    assertThrows(InvalidRequestException.class,
        () -> cluster.create(master, table("t2", "cf"), "x", "x"));
    assertThrows(NamespaceNotFoundException.class,
        () -> cluster.create(master, table("nope:t", "cf")));
    // A descriptor without families, or with an illegal name, is refused as a bad request.
    assertThrows(InvalidRequestException.class, () -> call("CreateTable",
        CreateTableRequest.newBuilder().setTable(TableDescriptorProto.newBuilder()
            .setName(TableNameProto.newBuilder().setNamespace("default").setQualifier("t3")))
            .build(), CreateTableResponse.parser()));
    assertThrows(InvalidRequestException.class, () -> call("CreateTable",
        CreateTableRequest.newBuilder().setTable(SchemaProtos.toProto(table("t4", "cf"))
            .toBuilder().setName(TableNameProto.newBuilder().setNamespace("default")
                .setQualifier("bad name"))).build(), CreateTableResponse.parser()));
    assertThrows(InvalidRequestException.class, () -> call("ModifyTable",
        ModifyTableRequest.newBuilder().setTable(SchemaProtos.toProto(MetaTable.DESCRIPTOR))
            .build(), ModifyTableResponse.parser()));
    for (String refused : List.of("t2", "t3", "t4")) {
      assertFalse(Files.exists(cluster.root.resolve("data/default").resolve(refused)),
          "nothing written for refused " + refused);
    }
    assertTrue(call("TableExists", TableExistsRequest.newBuilder().setTable(name("t1"))
        .build(), TableExistsResponse.parser()).getExists());
    assertFalse(call("TableExists", TableExistsRequest.newBuilder().setTable(name("t2"))
        .build(), TableExistsResponse.parser()).getExists());
    TableDescriptor described = SchemaProtos.fromProto(call("GetTableDescriptor",
        GetTableDescriptorRequest.newBuilder().setTable(name("t1")).build(),
        GetTableDescriptorResponse.parser()).getTable());
    assertEquals(table("t1", "cf"), described);
  }

  @Test
  void disableEnableAlterTruncateDelete() throws Exception {
    TableName t = TableName.valueOf("life");
    cluster.create(master, table("life", "cf"), "m");
    assertThrows(TableNotDisabledException.class, () -> call("DeleteTable",
        DeleteTableRequest.newBuilder().setTable(name("life")).build(),
        DeleteTableResponse.parser()));
    assertThrows(TableNotDisabledException.class, () -> call("EnableTable",
        EnableTableRequest.newBuilder().setTable(name("life")).build(),
        EnableTableResponse.parser()));

    // Alter an enabled table: every region reopens with the new family, which takes writes.
    call("ModifyTable", ModifyTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(table("life", "cf", "cf2"))).build(),
        ModifyTableResponse.parser());
    for (RegionServer rs : List.of(rs1, rs2)) {
      for (Region r : cluster.online(rs, t)) {
        assertEquals(2, r.getTableDescriptor().getColumnFamilies().size(),
            r + " reopened with the new descriptor");
      }
    }
    cluster.put(t, "a", "cf", "kept");
    cluster.put(t, "a", "cf2", "dropped-with-cf2");

    call("DisableTable", DisableTableRequest.newBuilder().setTable(name("life")).build(),
        DisableTableResponse.parser());
    assertEquals(TableStateProto.TABLE_DISABLED, cluster.state(master, "life"));
    assertEquals(0, onlineOf(rs1, "life") + onlineOf(rs2, "life"));
    cluster.regions(t).forEach(r -> assertEquals(RegionState.CLOSED, r.state()));
    assertThrows(TableNotEnabledException.class, () -> call("DisableTable",
        DisableTableRequest.newBuilder().setTable(name("life")).build(),
        DisableTableResponse.parser()));

    // Alter a disabled table: the removed family's directory (flushed on close) goes away.
    RegionInfo first = cluster.regions(t).get(0).region();
    Path cf2 = cluster.root.resolve("data/default/life").resolve(first.getEncodedName())
        .resolve("cf2");
    assertTrue(Files.exists(cf2), "the disable flushed cf2 into its directory");
    call("ModifyTable", ModifyTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(table("life", "cf"))).build(),
        ModifyTableResponse.parser());
    assertFalse(Files.exists(cf2));
    assertEquals(TableStateProto.TABLE_DISABLED, cluster.state(master, "life"));

    call("EnableTable", EnableTableRequest.newBuilder().setTable(name("life")).build(),
        EnableTableResponse.parser());
    assertEquals(TableStateProto.TABLE_ENABLED, cluster.state(master, "life"));
    assertEquals(2, onlineOf(rs1, "life") + onlineOf(rs2, "life"));
    assertEquals("kept", cluster.get(t, "a", "cf"));

    // Truncate keeps the splits, makes new regions, and leaves the table enabled and empty.
    call("DisableTable", DisableTableRequest.newBuilder().setTable(name("life")).build(),
        DisableTableResponse.parser());
    Path oldRegionDir = cluster.root.resolve("data/default/life")
        .resolve(first.getEncodedName());
    assertTrue(Files.exists(oldRegionDir));
    call("TruncateTable", TruncateTableRequest.newBuilder().setTable(name("life"))
        .setPreserveSplits(true).build(), TruncateTableResponse.parser());
    List<RegionLocation> after = cluster.regions(t);
    assertEquals(2, after.size());
    assertTrue(after.stream().noneMatch(r -> r.region().getRegionId() == first.getRegionId()));
    assertEquals("m", Bytes.toString(after.get(1).region().getStartKey()));
    assertFalse(Files.exists(oldRegionDir));
    assertTrue(Files.exists(cluster.root.resolve("data/default/life/.tabledesc")));
    assertEquals(TableStateProto.TABLE_ENABLED, cluster.state(master, "life"));
    assertEquals(2, onlineOf(rs1, "life") + onlineOf(rs2, "life"));
    assertNull(cluster.get(t, "a", "cf"), "truncate dropped the row");

    call("DisableTable", DisableTableRequest.newBuilder().setTable(name("life")).build(),
        DisableTableResponse.parser());
    call("DeleteTable", DeleteTableRequest.newBuilder().setTable(name("life")).build(),
        DeleteTableResponse.parser());
    assertTrue(cluster.regions(t).isEmpty());
    assertFalse(Files.exists(cluster.root.resolve("data/default/life")));
    assertThrows(TableNotFoundException.class, () -> cluster.state(master, "life"));
  }

  @Test
  void concurrentCreatesAllFinishAndSpreadEachTable() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 4; i++) {
      String name = "c" + i;
      Thread t = new Thread(() -> {
        try {
          cluster.create(master, table(name, "cf"), "h", "p", "x");
        } catch (Throwable e) {
          errors.add(e);
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertTrue(errors.isEmpty(), errors.toString());
    for (int i = 0; i < 4; i++) {
      assertEquals(TableStateProto.TABLE_ENABLED, cluster.state(master, "c" + i));
      assertEquals(2, onlineOf(rs1, "c" + i), "table c" + i + " spread evenly");
      assertEquals(2, onlineOf(rs2, "c" + i));
      for (RegionLocation r : cluster.regions(TableName.valueOf("c" + i))) {
        assertTrue(cluster.serves(cluster.server(r.server()), r.region()));
      }
    }
  }

  @Test
  void namespacesAndListing() throws Exception {
    List<String> before = namespaces();
    assertTrue(before.containsAll(List.of("cellar", "default")), before.toString());
    assertFalse(before.contains("ns1"));
    call("CreateNamespace", CreateNamespaceRequest.newBuilder().setNamespace("ns1").build(),
        CreateNamespaceResponse.parser());
    assertEquals(Stream.concat(before.stream(), Stream.of("ns1")).sorted().toList(),
        namespaces());
    assertThrows(NamespaceExistsException.class, () -> call("CreateNamespace",
        CreateNamespaceRequest.newBuilder().setNamespace("ns1").build(),
        CreateNamespaceResponse.parser()));
    cluster.create(master, table("ns1:a", "cf"));
    cluster.create(master, table("b", "cf"));
    assertThrows(InvalidRequestException.class, () -> call("DeleteNamespace",
        DeleteNamespaceRequest.newBuilder().setNamespace("ns1").build(),
        DeleteNamespaceResponse.parser()));
    assertThrows(InvalidRequestException.class, () -> call("DeleteNamespace",
        DeleteNamespaceRequest.newBuilder().setNamespace("default").build(),
        DeleteNamespaceResponse.parser()));
    assertThrows(InvalidRequestException.class,
        () -> cluster.create(master, table("cellar:x", "cf")));

    // Other tests' tables may be listed too: check membership and the sorted order.
    List<String> all = names(ListTablesRequest.getDefaultInstance());
    assertTrue(all.containsAll(List.of("b", "ns1:a")), all.toString());
    assertFalse(all.contains("cellar:meta"));
    assertEquals(sortedByName(all), all);
    assertEquals(List.of("ns1:a"), names(ListTablesRequest.newBuilder().setRegex("ns1:.*")
        .build()));
    assertEquals(List.of("ns1:a"), names(ListTablesRequest.newBuilder().setNamespace("ns1")
        .build()));
    List<String> withSystem = names(ListTablesRequest.newBuilder().setIncludeSystem(true)
        .build());
    assertEquals("cellar:meta", withSystem.get(0));
    assertEquals(all, withSystem.subList(1, withSystem.size()));

    call("DisableTable", DisableTableRequest.newBuilder().setTable(name("ns1:a")).build(),
        DisableTableResponse.parser());
    call("DeleteTable", DeleteTableRequest.newBuilder().setTable(name("ns1:a")).build(),
        DeleteTableResponse.parser());
    call("DeleteNamespace", DeleteNamespaceRequest.newBuilder().setNamespace("ns1").build(),
        DeleteNamespaceResponse.parser());
    assertEquals(before, namespaces());
    assertThrows(NamespaceNotFoundException.class, () -> call("DeleteNamespace",
        DeleteNamespaceRequest.newBuilder().setNamespace("ns1").build(),
        DeleteNamespaceResponse.parser()));
  }

  static List<String> namespaces() throws Exception {
    return call("ListNamespaces", ListNamespacesRequest.getDefaultInstance(),
        ListNamespacesResponse.parser()).getNamespacesList();
  }

  static List<String> sortedByName(List<String> names) {
    return names.stream().map(TableName::valueOf).sorted().map(TableName::getNameAsString)
        .toList();
  }

  static List<String> names(ListTablesRequest req) throws Exception {
    List<String> out = new ArrayList<>();
    for (TableDescriptorProto p : call("ListTables", req, ListTablesResponse.parser())
        .getTablesList()) {
      out.add(SchemaProtos.fromProto(p.getName()).getNameAsString());
    }
    return out;
  }
}
