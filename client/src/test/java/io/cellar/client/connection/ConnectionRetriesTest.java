package io.cellar.client.connection;

import static io.cellar.client.connection.FakeCluster.answer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.ResultScanner;
import io.cellar.client.RetriesExhaustedException;
import io.cellar.client.Row;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.MasterNotActiveException;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.exceptions.RegionTooBusyException;
import io.cellar.common.exceptions.TableNotEnabledException;
import io.cellar.common.exceptions.TableNotFoundException;
import io.cellar.common.exceptions.UnknownScannerException;
import io.cellar.common.proto.ActionResult;
import io.cellar.common.proto.GetResponse;
import io.cellar.common.proto.ListNamespacesResponse;
import io.cellar.common.proto.MultiResponse;
import io.cellar.common.proto.RegionAction;
import io.cellar.common.proto.RegionActionResult;
import io.cellar.common.proto.ScanResponse;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RemoteErrors;
import io.cellar.common.rpc.RpcResult;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection's location and retry behaviour against scripted servers (real ZooKeeper, real
 * RPC): relocation after NotServingRegion, meta and master re-read from ZooKeeper, typed errors
 * surfacing at once, retries exhausted with a clear message, batches retrying only what failed,
 * scanners reopening past the last row.
 */
class ConnectionRetriesTest {
  static final TableName T = TableName.valueOf("t");
  static final byte[] CF = Bytes.toBytes("cf");
  static final byte[] Q = Bytes.toBytes("q");
  static final RegionInfo LOW = new RegionInfo(T, Bytes.EMPTY, Bytes.toBytes("m"), 1);
  static final RegionInfo HIGH = new RegionInfo(T, Bytes.toBytes("m"), Bytes.EMPTY, 1);

  @TempDir
  Path dir;
  FakeCluster cluster;
  FakeCluster.Server metaServer;
  FakeCluster.Server rs;

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeCluster(dir);
    metaServer = cluster.startServer();
    rs = cluster.startServer();
    cluster.metaOn(metaServer);
    cluster.tableState(T, "TABLE_ENABLED");
    cluster.region(LOW, rs, RegionState.OPEN);
    cluster.region(HIGH, rs, RegionState.OPEN);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private Connection connect(long timeoutMs) throws Exception {
    return ConnectionFactory.createConnection(cluster.clientConf(timeoutMs));
  }

  static RpcResult resultOf(String row, String value) {
    return answer(GetResponse.newBuilder().setResult(ProtobufConverter.toProto(Result.create(
        List.of(KeyValue.create(Bytes.toBytes(row), CF, Q, 1, io.cellar.common.cell.CellType.PUT,
            Bytes.toBytes(value)))))).build());
  }

  @Test
  void notServingRegionRelocatesThenSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    rs.onGet = req -> {
      if (calls.incrementAndGet() <= 2) {
        throw new NotServingRegionException("moving");
      }
      return resultOf("a", "v");
    };
    try (Connection c = connect(10_000); Table t = c.getTable(T)) {
      Result r = t.get(new Get(Bytes.toBytes("a")));
      assertEquals("v", Bytes.toString(r.getValue(CF, Q)));
      assertEquals(3, rs.count("Get"));
      assertEquals(3, metaServer.count("MetaScan"), "one lookup per attempt: the stale entry"
          + " was dropped each time");
      t.get(new Get(Bytes.toBytes("b")));
      assertEquals(3, metaServer.count("MetaScan"), "now cached");
      c.clearRegionLocationCache();
      t.get(new Get(Bytes.toBytes("b")));
      assertEquals(4, metaServer.count("MetaScan"), "looked up again after clearing");
    }
  }

  @Test
  void busyRegionExhaustsRetriesWithAClearError() throws Exception {
    rs.onGet = req -> {
      throw new RegionTooBusyException("memstore full");
    };
    var conf = cluster.clientConf(30_000).setInt(ClientSettings.RETRIES, 3);
    try (Connection c = ConnectionFactory.createConnection(conf); Table t = c.getTable(T)) {
      RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class,
          () -> t.get(new Get(Bytes.toBytes("row-7"))));
      assertInstanceOf(RegionTooBusyException.class, e.getCause());
      assertTrue(e.getMessage().contains("table t"), e.getMessage());
      assertTrue(e.getMessage().contains("row-7"), e.getMessage());
      assertTrue(e.getMessage().contains("after 4 attempts"), e.getMessage());
      assertTrue(e.getMessage().contains(rs.name.toString()), e.getMessage());
      assertEquals(4, rs.count("Get"), "the first attempt and 3 retries");
    }
  }

  @Test
  void operationTimeoutBoundsTheRetries() throws Exception {
    rs.onGet = req -> {
      throw new RegionTooBusyException("memstore full");
    };
    // 100 retries allowed, but pauses of 5, 10, 15, 25, 50, 100, 200 ms already pass 300 ms
    var conf = cluster.clientConf(300).setInt(ClientSettings.RETRIES, 100);
    try (Connection c = ConnectionFactory.createConnection(conf); Table t = c.getTable(T)) {
      RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class,
          () -> t.get(new Get(Bytes.toBytes("row-7"))));
      assertTrue(e.getMessage().contains("row-7"), e.getMessage());
    }
    assertTrue(rs.count("Get") >= 1 && rs.count("Get") <= 8, rs.count("Get") + " attempts");
  }

  @Test
  void requestErrorsSurfaceAtOnceTyped() throws Exception {
    rs.onGet = req -> {
      throw new NoSuchColumnFamilyException("Column family 'zz' does not exist");
    };
    try (Connection c = connect(10_000); Table t = c.getTable(T)) {
      assertThrows(NoSuchColumnFamilyException.class, () -> t.get(new Get(Bytes.toBytes("a"))));
      assertEquals(1, rs.count("Get"));
      TableName unknown = TableName.valueOf("unknown");
      TableNotFoundException nf = assertThrows(TableNotFoundException.class,
          () -> c.getTable(unknown).get(new Get(Bytes.toBytes("a"))));
      assertTrue(nf.getMessage().contains("unknown"), nf.getMessage());
    }
  }

  @Test
  void closedRegionOfADisabledTableIsNotRetried() throws Exception {
    cluster.region(LOW, null, RegionState.CLOSED);
    cluster.tableState(T, "TABLE_DISABLED");
    try (Connection c = connect(10_000); Table t = c.getTable(T)) {
      assertThrows(TableNotEnabledException.class, () -> t.get(new Get(Bytes.toBytes("a"))));
    }
  }

  @Test
  void regionInTransitionIsRetriedUntilOpen() throws Exception {
    cluster.region(LOW, null, RegionState.OPENING);
    rs.onGet = req -> resultOf("a", "late");
    try (Connection c = connect(10_000); Table t = c.getTable(T)) {
      // the region opens once the client has looked it up twice and found it opening
      Thread opener = new Thread(() -> {
        long giveUp = System.nanoTime() + 10_000_000_000L;
        while (metaServer.count("MetaScan") < 2 && System.nanoTime() < giveUp) {
          Thread.onSpinWait();
        }
        cluster.region(LOW, rs, RegionState.OPEN);
      });
      opener.start();
      assertEquals("late", Bytes.toString(t.get(new Get(Bytes.toBytes("a"))).getValue(CF, Q)));
      opener.join();
      assertTrue(metaServer.count("MetaScan") >= 2);
      assertEquals(1, rs.count("Get"), "no call went out while the region was not open");
    }
  }

  @Test
  void metaServerIsReReadFromZooKeeperAfterItFails() throws Exception {
    FakeCluster.Server oldMeta = cluster.startServer();
    cluster.metaOn(oldMeta);
    // the old meta server says meta moved, and meta's new home goes into ZooKeeper
    oldMeta.rpc.register(ServerCalls.CLIENT_SERVICE, io.cellar.common.rpc.RpcMethods.builder()
        .add("Scan", io.cellar.common.proto.ScanRequest.parser(), (q, cells, ctx) -> {
          oldMeta.calls.add("MetaScan");
          cluster.metaOn(metaServer);
          throw new NotServingRegionException("meta moved");
        }).build());
    rs.onGet = req -> resultOf("a", "v");
    try (Connection c = connect(10_000); Table t = c.getTable(T)) {
      assertEquals("v", Bytes.toString(t.get(new Get(Bytes.toBytes("a"))).getValue(CF, Q)));
      assertEquals(1, oldMeta.count("MetaScan"));
      assertEquals(1, metaServer.count("MetaScan"));
    }
  }

  @Test
  void backupMasterSendsTheCallerToTheActiveOne() throws Exception {
    FakeCluster.Server backup = cluster.startServer();
    FakeCluster.Server active = cluster.startServer();
    cluster.masterOn(backup);
    backup.onListNamespaces = req -> {
      cluster.masterOn(active);
      throw new MasterNotActiveException("not the active master");
    };
    active.onListNamespaces = req -> answer(ListNamespacesResponse.newBuilder()
        .addNamespaces("default").addNamespaces("cellar").build());
    try (Connection c = connect(10_000); var admin = c.getAdmin()) {
      assertEquals(List.of("default", "cellar"), admin.listNamespaces());
      assertEquals(1, backup.count("ListNamespaces"));
      assertEquals(1, active.count("ListNamespaces"));
    }
  }

  @Test
  void batchResendsOnlyTheRegionThatFailed() throws Exception {
    List<Integer> sizes = new ArrayList<>();
    AtomicInteger round = new AtomicInteger();
    rs.onMulti = req -> {
      MultiResponse.Builder out = MultiResponse.newBuilder();
      boolean first = round.incrementAndGet() == 1;
      for (RegionAction ra : req.getRegionActionsList()) {
        sizes.add(ra.getActionsCount());
        boolean low = ra.getRegionName().equals(ByteString.copyFrom(LOW.getRegionName()));
        if (first && low) {
          out.addResults(RegionActionResult.newBuilder().setRegionError(
              RemoteErrors.toProto(new NotServingRegionException("closing"))));
          continue;
        }
        RegionActionResult.Builder rar = RegionActionResult.newBuilder();
        for (var a : ra.getActionsList()) {
          rar.addResults(ActionResult.newBuilder().setIndex(a.getIndex()));
        }
        out.addResults(rar);
      }
      return answer(out.build());
    };
    try (Connection c = connect(10_000); Table t = c.getTable(T)) {
      List<Row> puts = new ArrayList<>();
      for (String r : List.of("a", "b", "n", "o", "p")) {
        puts.add(new Put(Bytes.toBytes(r)).addColumn(CF, Q, Bytes.toBytes(r)));
      }
      Object[] results = new Object[puts.size()];
      t.batch(puts, results);
      for (Object o : results) {
        assertInstanceOf(Result.class, o);
      }
      assertEquals(List.of(2, 3, 2), sizes, "round 1: both regions; round 2: the low one only");
    }
  }

  @Test
  void scannerReopensPastTheLastRowWhenTheServerLostIt() throws Exception {
    List<ByteString> opens = new ArrayList<>();
    rs.onScan = req -> {
      if (req.getScannerId() == 0) {
        opens.add(req.getScan().getStartRow());
        boolean first = opens.size() == 1;
        List<String> rows = first ? List.of("a", "b") : List.of("c", "d");
        return scanAnswer(first ? 7 : 8, rows, first);
      }
      throw new UnknownScannerException("lease expired");
    };
    try (Connection c = connect(10_000); Table t = c.getTable(T);
        ResultScanner s = t.getScanner(new Scan().withStopRow(Bytes.toBytes("m")))) {
      List<String> rows = new ArrayList<>();
      for (Result r : s) {
        rows.add(Bytes.toString(r.getRow()));
      }
      assertEquals(List.of("a", "b", "c", "d"), rows);
      assertEquals(2, opens.size());
      assertArrayEquals(Bytes.toBytes("b"), opens.get(1).toByteArray(), "reopened at 'b'");
    }
  }

  private static RpcResult scanAnswer(long id, List<String> rows, boolean more) {
    ScanResponse.Builder b = ScanResponse.newBuilder().setScannerId(id)
        .setMoreResultsInRegion(more);
    List<Cell> cells = new ArrayList<>();
    for (String r : rows) {
      cells.add(KeyValue.create(Bytes.toBytes(r), CF, Q, 1, io.cellar.common.cell.CellType.PUT,
          Bytes.toBytes(r)));
      b.addCellsPerResult(1).addPartialFlags(false);
    }
    return RpcResult.of(b.build(), CellBlock.ofCells(cells));
  }
}
