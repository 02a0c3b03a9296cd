package io.cellar.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
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
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Table and namespace DDL through MasterService, against fake region servers. */
class MasterDdlTest {
  @TempDir
  Path dir;
  MiniMasterCluster cluster;
  Master master;
  FakeRegionServer rs1;
  FakeRegionServer rs2;

  @BeforeEach
  void setUp() throws Exception {
    cluster = new MiniMasterCluster(dir);
    rs1 = cluster.startServer();
    rs2 = cluster.startServer();
    cluster.conf.setInt(Master.MIN_REGION_SERVERS, 2);
    master = cluster.startMaster();
    assertTrue(master.awaitActive(20_000));
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  static TableDescriptor table(String name, String... families) {
    TableDescriptor.Builder b = TableDescriptor.newBuilder(TableName.valueOf(name));
    for (String f : families) {
      b.setColumnFamily(ColumnFamilyDescriptor.newBuilder(Bytes.toBytes(f)).build());
    }
    return b.build();
  }

  void create(TableDescriptor td, String... splits) throws Exception {
    CreateTableRequest.Builder b = CreateTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(td));
    for (String s : splits) {
      b.addSplitKeys(ByteString.copyFromUtf8(s));
    }
    cluster.call(master, "CreateTable", b.build(), CreateTableResponse.parser());
  }

  TableStateProto state(String t) throws Exception {
    return cluster.call(master, "GetTableState", GetTableStateRequest.newBuilder()
        .setTable(SchemaProtos.toProto(TableName.valueOf(t))).build(),
        GetTableStateResponse.parser()).getState();
  }

  TableNameProto name(String t) {
    return SchemaProtos.toProto(TableName.valueOf(t));
  }

  /** The table's meta rows as the fake meta holds them. */
  List<RegionLocation> metaRows(String t) {
    List<RegionLocation> out = new ArrayList<>();
    synchronized (cluster.meta) {
      cluster.meta.rows.subMap(MetaTable.tableStartRow(TableName.valueOf(t)), true,
          MetaTable.tableStopRow(TableName.valueOf(t)), false).forEach((row, cols) -> {
            List<io.cellar.common.cell.Cell> cells = new ArrayList<>();
            cols.forEach((q, v) -> cells.add(io.cellar.common.cell.KeyValue.create(row,
                MetaTable.FAMILY, q, 1L, v)));
            out.add(MetaTable.parse(io.cellar.client.Result.create(cells)));
          });
    }
    return out;
  }

  int onlineOf(FakeRegionServer s, String t) {
    return (int) s.online().stream()
        .filter(r -> r.getTable().equals(TableName.valueOf(t))).count();
  }

  @Test
  void createPreSplitTableSpreadsRegionsAndWritesMeta() throws Exception {
    create(table("t1", "cf"), "b", "c", "d");
    assertEquals(TableStateProto.TABLE_ENABLED, state("t1"));
    List<RegionLocation> rows = metaRows("t1");
    assertEquals(4, rows.size());
    for (RegionLocation r : rows) {
      assertEquals(RegionState.OPEN, r.state());
      FakeRegionServer holder = r.server().equals(rs1.name()) ? rs1 : rs2;
      assertTrue(holder.serves(r.region()), "meta row matches the server");
    }
    assertEquals(2, onlineOf(rs1, "t1"));
    assertEquals(2, onlineOf(rs2, "t1"));
    assertTrue(Files.exists(cluster.root.resolve("data/default/t1/.tabledesc")));

    assertThrows(TableExistsException.class, () -> create(table("t1", "cf")));
    assertThrows(InvalidRequestException.class, () -> create(table("t2", "cf"), "x", "x"));
    assertThrows(NamespaceNotFoundException.class, () -> create(table("nope:t", "cf")));
    // A descriptor without families, or with an illegal name, is refused as a bad request.
    assertThrows(InvalidRequestException.class, () -> cluster.call(master, "CreateTable",
        CreateTableRequest.newBuilder().setTable(TableDescriptorProto.newBuilder()
            .setName(TableNameProto.newBuilder().setNamespace("default").setQualifier("t3")))
            .build(), CreateTableResponse.parser()));
    assertThrows(InvalidRequestException.class, () -> cluster.call(master, "CreateTable",
        CreateTableRequest.newBuilder().setTable(SchemaProtos.toProto(table("t4", "cf"))
            .toBuilder().setName(TableNameProto.newBuilder().setNamespace("default")
                .setQualifier("bad name"))).build(), CreateTableResponse.parser()));
    assertThrows(InvalidRequestException.class, () -> cluster.call(master, "ModifyTable",
        ModifyTableRequest.newBuilder().setTable(SchemaProtos.toProto(MetaTable.DESCRIPTOR))
            .build(), ModifyTableResponse.parser()));
    assertTrue(cluster.call(master, "TableExists", TableExistsRequest.newBuilder()
        .setTable(name("t1")).build(), TableExistsResponse.parser()).getExists());
    assertFalse(cluster.call(master, "TableExists", TableExistsRequest.newBuilder()
        .setTable(name("t2")).build(), TableExistsResponse.parser()).getExists());
    TableDescriptor described = SchemaProtos.fromProto(cluster.call(master,
        "GetTableDescriptor", GetTableDescriptorRequest.newBuilder().setTable(name("t1"))
            .build(), GetTableDescriptorResponse.parser()).getTable());
    assertEquals(table("t1", "cf"), described);
  }

  @Test
  void disableEnableAlterTruncateDelete() throws Exception {
    create(table("t1", "cf"), "m");
    assertThrows(TableNotDisabledException.class, () -> cluster.call(master, "DeleteTable",
        DeleteTableRequest.newBuilder().setTable(name("t1")).build(),
        DeleteTableResponse.parser()));
    assertThrows(TableNotDisabledException.class, () -> cluster.call(master, "EnableTable",
        EnableTableRequest.newBuilder().setTable(name("t1")).build(),
        EnableTableResponse.parser()));

    // Alter an enabled table: regions reopen with the new family.
    cluster.call(master, "ModifyTable", ModifyTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(table("t1", "cf", "cf2"))).build(),
        ModifyTableResponse.parser());
    for (RegionLocation r : metaRows("t1")) {
      FakeRegionServer holder = r.server().equals(rs1.name()) ? rs1 : rs2;
      assertEquals(2, holder.openedWith.get(r.region().getEncodedName()).getFamiliesCount());
    }

    cluster.call(master, "DisableTable", DisableTableRequest.newBuilder()
        .setTable(name("t1")).build(), DisableTableResponse.parser());
    assertEquals(TableStateProto.TABLE_DISABLED, state("t1"));
    assertEquals(0, onlineOf(rs1, "t1") + onlineOf(rs2, "t1"));
    metaRows("t1").forEach(r -> assertEquals(RegionState.CLOSED, r.state()));
    assertThrows(TableNotEnabledException.class, () -> cluster.call(master, "DisableTable",
        DisableTableRequest.newBuilder().setTable(name("t1")).build(),
        DisableTableResponse.parser()));

    // Alter a disabled table: a removed family's directories go away.
    RegionInfo first = metaRows("t1").get(0).region();
    Path cf2 = cluster.root.resolve("data/default/t1").resolve(first.getEncodedName())
        .resolve("cf2");
    Files.createDirectories(cf2);
    cluster.call(master, "ModifyTable", ModifyTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(table("t1", "cf"))).build(),
        ModifyTableResponse.parser());
    assertFalse(Files.exists(cf2));
    assertEquals(TableStateProto.TABLE_DISABLED, state("t1"));

    cluster.call(master, "EnableTable", EnableTableRequest.newBuilder()
        .setTable(name("t1")).build(), EnableTableResponse.parser());
    assertEquals(TableStateProto.TABLE_ENABLED, state("t1"));
    assertEquals(2, onlineOf(rs1, "t1") + onlineOf(rs2, "t1"));

    // Truncate keeps the splits, makes new regions, and leaves the table enabled.
    cluster.call(master, "DisableTable", DisableTableRequest.newBuilder()
        .setTable(name("t1")).build(), DisableTableResponse.parser());
    Path oldRegionDir = cluster.root.resolve("data/default/t1").resolve(first.getEncodedName());
    Files.createDirectories(oldRegionDir.resolve("cf"));
    cluster.call(master, "TruncateTable", TruncateTableRequest.newBuilder()
        .setTable(name("t1")).setPreserveSplits(true).build(), TruncateTableResponse.parser());
    List<RegionLocation> after = metaRows("t1");
    assertEquals(2, after.size());
    assertTrue(after.stream().noneMatch(r -> r.region().getRegionId() == first.getRegionId()));
    assertEquals("m", Bytes.toString(after.get(1).region().getStartKey()));
    assertFalse(Files.exists(oldRegionDir));
    assertTrue(Files.exists(cluster.root.resolve("data/default/t1/.tabledesc")));
    assertEquals(TableStateProto.TABLE_ENABLED, state("t1"));

    cluster.call(master, "DisableTable", DisableTableRequest.newBuilder()
        .setTable(name("t1")).build(), DisableTableResponse.parser());
    cluster.call(master, "DeleteTable", DeleteTableRequest.newBuilder()
        .setTable(name("t1")).build(), DeleteTableResponse.parser());
    assertTrue(metaRows("t1").isEmpty());
    assertFalse(Files.exists(cluster.root.resolve("data/default/t1")));
    assertThrows(TableNotFoundException.class, () -> state("t1"));
  }

  @Test
  void concurrentCreatesAllFinishAndSpreadEachTable() throws Exception {
    List<Thread> threads = new ArrayList<>();
    List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 4; i++) {
      String name = "c" + i;
      Thread t = new Thread(() -> {
        try {
          create(table(name, "cf"), "h", "p", "x");
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
      assertEquals(TableStateProto.TABLE_ENABLED, state("c" + i));
      assertEquals(2, onlineOf(rs1, "c" + i), "table c" + i + " spread evenly");
      assertEquals(2, onlineOf(rs2, "c" + i));
    }
  }

  @Test
  void namespacesAndListing() throws Exception {
    List<String> builtIn = cluster.call(master, "ListNamespaces",
        ListNamespacesRequest.getDefaultInstance(), ListNamespacesResponse.parser())
        .getNamespacesList();
    assertEquals(List.of("cellar", "default"), builtIn);
    cluster.call(master, "CreateNamespace", CreateNamespaceRequest.newBuilder()
        .setNamespace("ns1").build(), CreateNamespaceResponse.parser());
    assertThrows(NamespaceExistsException.class, () -> cluster.call(master, "CreateNamespace",
        CreateNamespaceRequest.newBuilder().setNamespace("ns1").build(),
        CreateNamespaceResponse.parser()));
    create(table("ns1:a", "cf"));
    create(table("b", "cf"));
    assertThrows(InvalidRequestException.class, () -> cluster.call(master, "DeleteNamespace",
        DeleteNamespaceRequest.newBuilder().setNamespace("ns1").build(),
        DeleteNamespaceResponse.parser()));
    assertThrows(InvalidRequestException.class, () -> cluster.call(master, "DeleteNamespace",
        DeleteNamespaceRequest.newBuilder().setNamespace("default").build(),
        DeleteNamespaceResponse.parser()));
    assertThrows(InvalidRequestException.class, () -> create(table("cellar:x", "cf")));

    List<String> all = names(ListTablesRequest.getDefaultInstance());
    assertEquals(List.of("b", "ns1:a"), all);
    assertEquals(List.of("ns1:a"), names(ListTablesRequest.newBuilder().setRegex("ns1:.*")
        .build()));
    assertEquals(List.of("ns1:a"), names(ListTablesRequest.newBuilder().setNamespace("ns1")
        .build()));
    assertEquals(List.of("cellar:meta", "b", "ns1:a"), names(ListTablesRequest.newBuilder()
        .setIncludeSystem(true).build()));

    cluster.call(master, "DisableTable", DisableTableRequest.newBuilder()
        .setTable(name("ns1:a")).build(), DisableTableResponse.parser());
    cluster.call(master, "DeleteTable", DeleteTableRequest.newBuilder()
        .setTable(name("ns1:a")).build(), DeleteTableResponse.parser());
    cluster.call(master, "DeleteNamespace", DeleteNamespaceRequest.newBuilder()
        .setNamespace("ns1").build(), DeleteNamespaceResponse.parser());
    assertThrows(NamespaceNotFoundException.class, () -> cluster.call(master,
        "DeleteNamespace", DeleteNamespaceRequest.newBuilder().setNamespace("ns1").build(),
        DeleteNamespaceResponse.parser()));
  }

  List<String> names(ListTablesRequest req) throws Exception {
    List<String> out = new ArrayList<>();
    for (TableDescriptorProto p : cluster.call(master, "ListTables", req,
        ListTablesResponse.parser()).getTablesList()) {
      out.add(SchemaProtos.fromProto(p.getName()).getNameAsString());
    }
    return out;
  }
}
