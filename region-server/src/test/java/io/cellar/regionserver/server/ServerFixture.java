package io.cellar.regionserver.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.cellar.client.Get;
import io.cellar.client.Mutation;
import io.cellar.client.Result;
import io.cellar.client.Scan;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.conf.Configuration;
import io.cellar.common.proto.GetRequest;
import io.cellar.common.proto.GetResponse;
import io.cellar.common.proto.MutateRequest;
import io.cellar.common.proto.MutateResponse;
import io.cellar.common.proto.OpenRegionRequest;
import io.cellar.common.proto.OpenRegionResponse;
import io.cellar.common.proto.ScanRequest;
import io.cellar.common.proto.ScanResponse;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RpcClient;
import io.cellar.common.rpc.RpcResponse;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.common.zk.EmbeddedZooKeeper;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An embedded ZooKeeper and one region server in this JVM, plus an RPC client and helpers that
 * call the server's services the way a client or the master would. Errors come back as the
 * server's typed exceptions.
 */
final class ServerFixture implements AutoCloseable {
  static final long TIMEOUT_MS = 30_000;
  static final byte[] CF = Bytes.toBytes("cf");
  static final byte[] CF2 = Bytes.toBytes("cf2");

  final Path dir;
  final EmbeddedZooKeeper zooKeeper;
  final Configuration conf;
  final RpcClient rpc;
  RegionServer server;

  private ServerFixture(Path dir, EmbeddedZooKeeper zooKeeper, Configuration conf) {
    this.dir = dir;
    this.zooKeeper = zooKeeper;
    this.conf = conf;
    this.rpc = new RpcClient(conf);
  }

  /** ZooKeeper and a server with {@code settings} (key, value, key, value...) on top. */
  static ServerFixture start(Path dir, String... settings) throws Exception {
    EmbeddedZooKeeper zk = new EmbeddedZooKeeper(dir.resolve("zk"));
    zk.start();
    Configuration conf = new Configuration()
        .set(ZooKeeperClient.QUORUM, zk.getConnectString())
        .setInt(ZooKeeperClient.SESSION_TIMEOUT_MS, 4000)
        .set(RegionServer.ROOT_DIR_KEY, dir.resolve("root").toString())
        .setInt(RegionServer.PORT_KEY, 0)
        .setLong(RegionServer.REPORT_INTERVAL_KEY, 200)
        .setInt("cellar.rpc.server.handlers", 4);
    for (int i = 0; i + 1 < settings.length; i += 2) {
      conf.set(settings[i], settings[i + 1]);
    }
    ServerFixture f = new ServerFixture(dir, zk, conf);
    f.server = new RegionServer(conf);
    f.server.start();
    return f;
  }

  /** Starts another server (a restart: a new incarnation) on the same root and ZooKeeper. */
  RegionServer restart() throws Exception {
    server = new RegionServer(conf);
    server.start();
    return server;
  }

  ZNodePaths paths() {
    return ZNodePaths.fromConf(conf);
  }

  static TableDescriptor table(String name, byte[]... families) {
    TableDescriptor.Builder t = TableDescriptor.newBuilder(TableName.valueOf(name));
    for (byte[] f : families.length == 0 ? new byte[][] {CF} : families) {
      t.setColumnFamily(ColumnFamilyDescriptor.of(Bytes.toString(f)));
    }
    return t.build();
  }

  static RegionInfo region(TableDescriptor td, String start, String end) {
    return new RegionInfo(td.getTableName(), start == null ? null : Bytes.toBytes(start),
        end == null ? null : Bytes.toBytes(end), 1L);
  }

  static byte[] b(String s) {
    return Bytes.toBytes(s);
  }

  // ---------------------------------------------------------------- calls

  <R> R call(String service, String method, Message req, Parser<R> parser) throws Exception {
    try {
      return rpc.call(server.getServerName().getAddress(), service, method, req, parser,
          TIMEOUT_MS).get(TIMEOUT_MS + 5000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  RpcResponse callRaw(String service, String method, Message req) throws Exception {
    return callRaw(service, method, req, CellBlock.empty());
  }

  RpcResponse callRaw(String service, String method, Message req, CellBlock cells)
      throws Exception {
    try {
      return rpc.call(server.getServerName().getAddress(), service, method, req,
          cells, TIMEOUT_MS).get(TIMEOUT_MS + 5000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  void open(RegionInfo info, TableDescriptor td) throws Exception {
    call(AdminService.NAME, "OpenRegion", OpenRegionRequest.newBuilder()
        .setRegion(SchemaProtos.toProto(info)).setTable(SchemaProtos.toProto(td)).build(),
        OpenRegionResponse.parser());
  }

  static ByteString name(RegionInfo info) {
    return ByteString.copyFrom(info.getRegionName());
  }

  /** Sends the cells in the cell block, as the client does. */
  Result mutate(RegionInfo info, Mutation m) throws Exception {
    MutateResponse r = callRaw(ClientService.NAME, "Mutate", MutateRequest.newBuilder()
        .setRegionName(name(info)).setMutation(ProtobufConverter.toProtoWithoutCells(m)).build(),
        ProtobufConverter.cellBlock(m)).parse(MutateResponse.parser());
    return r.hasResult() ? ProtobufConverter.fromProto(r.getResult()) : null;
  }

  Result get(RegionInfo info, Get get) throws Exception {
    RpcResponse raw = callRaw(ClientService.NAME, "Get", GetRequest.newBuilder()
        .setRegionName(name(info)).setGet(ProtobufConverter.toProto(get)).build());
    return ProtobufConverter.fromGetResponse(raw.parse(GetResponse.parser()), raw.cells());
  }

  /** The newest value of cf:q in the row, as a string, or null. */
  String value(RegionInfo info, String row, String q) throws Exception {
    byte[] v = get(info, new Get(b(row))).getValue(CF, b(q));
    return v == null ? null : Bytes.toString(v);
  }

  /** One scan call's decoded answer. */
  record ScanPage(ScanResponse response, List<List<Cell>> results) {}

  ScanPage scanCall(ScanRequest req) throws Exception {
    RpcResponse raw = callRaw(ClientService.NAME, "Scan", req);
    ScanResponse resp = raw.parse(ScanResponse.parser());
    List<KeyValue> cells = raw.cells().cells();
    List<List<Cell>> results = new ArrayList<>();
    int pos = 0;
    for (int n : resp.getCellsPerResultList()) {
      results.add(new ArrayList<>(cells.subList(pos, pos + n)));
      pos += n;
    }
    if (pos != cells.size()) {
      throw new AssertionError("cell block holds " + cells.size() + " cells, counts say " + pos);
    }
    return new ScanPage(resp, results);
  }

  ScanPage openScanner(RegionInfo info, Scan scan, int rows) throws Exception {
    return scanCall(ScanRequest.newBuilder().setRegionName(name(info))
        .setScan(ProtobufConverter.toProto(scan)).setNumberOfRows(rows).build());
  }

  ScanPage next(long scannerId, int rows) throws Exception {
    return scanCall(ScanRequest.newBuilder().setScannerId(scannerId).setNumberOfRows(rows)
        .build());
  }

  /** Every row of the scan in the region, fetched {@code rows} at a time; counts calls. */
  List<String> scanRows(RegionInfo info, Scan scan, int rows, int[] calls) throws Exception {
    List<String> out = new ArrayList<>();
    ScanPage page = openScanner(info, scan, rows);
    calls[0] = 1;
    while (true) {
      for (List<Cell> r : page.results()) {
        out.add(Bytes.toString(io.cellar.common.cell.Cells.cloneRow(r.get(0))));
      }
      if (!page.response().getMoreResultsInRegion()) {
        return out;
      }
      page = next(page.response().getScannerId(), rows);
      calls[0]++;
    }
  }

  /** Polls until {@code condition} holds; fails after 20 s (a hang, not a timing assertion). */
  static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.stop();
    }
    rpc.close();
    zooKeeper.close();
  }
}
