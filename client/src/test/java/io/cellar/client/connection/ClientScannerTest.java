package io.cellar.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.Result;
import io.cellar.client.ResultScanner;
import io.cellar.client.RetriesExhaustedException;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.exceptions.UnknownScannerException;
import io.cellar.common.proto.ScanProto;
import io.cellar.common.proto.ScanRequest;
import io.cellar.common.proto.ScanResponse;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RpcResult;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ClientScanner} against scripted region servers: how it positions each region's
 * scanner (forward and reversed), reopens inside a batched row without repeating cells, passes
 * the remaining limit on, and gives up.
 */
class ClientScannerTest {
  static final TableName T = TableName.valueOf("t");
  static final byte[] CF = Bytes.toBytes("cf");
  static final RegionInfo LOW = new RegionInfo(T, Bytes.EMPTY, Bytes.toBytes("m"), 1);
  static final RegionInfo HIGH = new RegionInfo(T, Bytes.toBytes("m"), Bytes.EMPTY, 1);

  @TempDir
  Path dir;
  FakeCluster cluster;
  FakeCluster.Server rs;
  final List<ScanProto> opens = new CopyOnWriteArrayList<>();
  final List<String> openedRegions = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeCluster(dir);
    FakeCluster.Server meta = cluster.startServer();
    rs = cluster.startServer();
    cluster.metaOn(meta);
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

  static Cell cell(String row, String q) {
    return KeyValue.create(Bytes.toBytes(row), CF, Bytes.toBytes(q), 1, CellType.PUT,
        Bytes.toBytes(q));
  }

  /** A scan answer: each inner list is one result; partial[i] marks result i partial. */
  static RpcResult answer(long id, boolean more, List<List<Cell>> results, boolean... partial) {
    ScanResponse.Builder b = ScanResponse.newBuilder().setScannerId(id)
        .setMoreResultsInRegion(more);
    List<Cell> all = new ArrayList<>();
    for (int i = 0; i < results.size(); i++) {
      b.addCellsPerResult(results.get(i).size())
          .addPartialFlags(i < partial.length && partial[i]);
      all.addAll(results.get(i));
    }
    return RpcResult.of(b.build(), CellBlock.ofCells(all));
  }

  private void recordOpen(ScanRequest req) {
    opens.add(req.getScan());
    openedRegions.add(req.getRegionName().equals(ByteString.copyFrom(LOW.getRegionName()))
        ? "LOW" : "HIGH");
  }

  private static List<String> cellsOf(ResultScanner s) throws Exception {
    List<String> out = new ArrayList<>();
    for (Result r : s) {
      for (Cell c : r.listCells()) {
        out.add(Bytes.toString(Cells.cloneRow(c)) + "/" + Bytes.toString(Cells.cloneQualifier(c)));
      }
    }
    return out;
  }

  @Test
  void forwardScanOpensEachRegionAtItsBoundary() throws Exception {
    rs.onScan = req -> {
      recordOpen(req);
      boolean low = openedRegions.get(openedRegions.size() - 1).equals("LOW");
      return low ? answer(0, false, List.of(List.of(cell("a", "1")), List.of(cell("b", "1"))))
          : answer(0, false, List.of(List.of(cell("x", "1"))));
    };
    try (Connection c = connect(5_000); Table t = c.getTable(T);
        ResultScanner s = t.getScanner(new Scan().setLimit(3))) {
      assertEquals(List.of("a/1", "b/1", "x/1"), cellsOf(s));
    }
    assertEquals(List.of("LOW", "HIGH"), openedRegions);
    assertEquals("", opens.get(0).getStartRow().toStringUtf8());
    assertEquals(3, opens.get(0).getLimit());
    assertEquals("m", opens.get(1).getStartRow().toStringUtf8());
    assertTrue(opens.get(1).getIncludeStartRow());
    assertEquals(1, opens.get(1).getLimit(), "two rows already came from the first region");
  }

  @Test
  void reversedScanOpensTheRegionBelowExclusively() throws Exception {
    rs.onScan = req -> {
      recordOpen(req);
      boolean high = openedRegions.get(openedRegions.size() - 1).equals("HIGH");
      return high ? answer(0, false, List.of(List.of(cell("x", "1"))))
          : answer(0, false, List.of(List.of(cell("b", "1")), List.of(cell("a", "1"))));
    };
    try (Connection c = connect(5_000); Table t = c.getTable(T);
        ResultScanner s = t.getScanner(new Scan().setReversed(true))) {
      assertEquals(List.of("x/1", "b/1", "a/1"), cellsOf(s));
    }
    assertEquals(List.of("HIGH", "LOW"), openedRegions);
    assertEquals("m", opens.get(1).getStartRow().toStringUtf8());
    assertFalse(opens.get(1).getIncludeStartRow(), "rows below 'm' only");
  }

  @Test
  void reopenInsideABatchedRowSkipsTheCellsAlreadyReturned() throws Exception {
    List<Long> nexts = new CopyOnWriteArrayList<>();
    rs.onScan = req -> {
      if (req.getCloseScanner()) {
        return answer(req.getScannerId(), false, List.of());
      }
      if (req.getScannerId() != 0) {
        nexts.add(req.getScannerId());
        throw new UnknownScannerException("lease expired");
      }
      recordOpen(req);
      if (opens.size() == 1) {
        // row a in batches of 2: the first batch, then the scanner is lost
        return answer(5, true, List.of(List.of(cell("a", "1"), cell("a", "2"))), true);
      }
      // reopened at a (inclusive): the server starts the row again
      return answer(0, false, List.of(List.of(cell("a", "1"), cell("a", "2")),
          List.of(cell("a", "3")), List.of(cell("b", "1"))), true, false, false);
    };
    try (Connection c = connect(5_000); Table t = c.getTable(T);
        ResultScanner s = t.getScanner(new Scan().setBatch(2).withStopRow(Bytes.toBytes("m")))) {
      assertEquals(List.of("a/1", "a/2", "a/3", "b/1"), cellsOf(s));
    }
    assertEquals(1, nexts.size());
    assertEquals("a", opens.get(1).getStartRow().toStringUtf8());
    assertTrue(opens.get(1).getIncludeStartRow());
  }

  @Test
  void givesUpWithTheLastErrorWhenTheRegionNeverServes() throws Exception {
    rs.onScan = req -> {
      throw new NotServingRegionException("closing");
    };
    var conf = cluster.clientConf(30_000).setInt(ClientSettings.RETRIES, 2);
    try (Connection c = ConnectionFactory.createConnection(conf); Table t = c.getTable(T);
        ResultScanner s = t.getScanner(new Scan())) {
      RetriesExhaustedException e = assertThrows(RetriesExhaustedException.class, s::next);
      assertEquals(3, rs.count("Scan"), "the first open and 2 retries");
      assertTrue(e.getCause() instanceof NotServingRegionException);
      assertTrue(e.getMessage().contains("scan of table t"), e.getMessage());
      assertEquals(null, s.next(), "a failed scanner is closed");
    }
  }

  @Test
  void requestErrorsEndTheScanAtOnce() throws Exception {
    rs.onScan = req -> {
      throw new NoSuchColumnFamilyException("Column family 'zz' does not exist");
    };
    try (Connection c = connect(5_000); Table t = c.getTable(T);
        ResultScanner s = t.getScanner(new Scan())) {
      assertThrows(NoSuchColumnFamilyException.class, s::next);
      assertEquals(1, rs.count("Scan"));
    }
  }
}
