package io.cellar.client.connection;

import com.google.protobuf.Message;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.meta.MetaTable;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.conf.Configuration;
import io.cellar.common.proto.GetRequest;
import io.cellar.common.proto.ListNamespacesRequest;
import io.cellar.common.proto.MultiRequest;
import io.cellar.common.proto.ScanProto;
import io.cellar.common.proto.ScanRequest;
import io.cellar.common.proto.ScanResponse;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RpcMethods;
import io.cellar.common.rpc.RpcResult;
import io.cellar.common.rpc.RpcServer;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import io.cellar.common.zk.EmbeddedZooKeeper;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted cluster for client tests: a real embedded ZooKeeper and fake servers speaking the
 * real RPC protocol. The meta server answers meta scans from an in-memory row map; every other
 * call is answered by a per-test handler, so a test decides exactly which attempt fails how.
 */
final class FakeCluster implements Closeable {
  /** A scripted answer; may throw any exception to fail the call with it. */
  @FunctionalInterface
  interface Handler<Q> {
    RpcResult handle(Q request) throws Exception;
  }

  /** One fake server. */
  final class Server implements Closeable {
    final RpcServer rpc;
    final ServerName name;
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile Handler<GetRequest> onGet = r -> {
      throw new UnsupportedOperationException("no Get handler");
    };
    volatile Handler<ScanRequest> onScan = r -> {
      throw new UnsupportedOperationException("no Scan handler");
    };
    volatile Handler<MultiRequest> onMulti = r -> {
      throw new UnsupportedOperationException("no Multi handler");
    };
    volatile Handler<ListNamespacesRequest> onListNamespaces = r -> {
      throw new UnsupportedOperationException("no ListNamespaces handler");
    };

    Server() throws IOException {
      rpc = new RpcServer(new Configuration(), "127.0.0.1", 0);
      rpc.register(ServerCalls.CLIENT_SERVICE, RpcMethods.builder()
          .add("Get", GetRequest.parser(), (q, c, x) -> record("Get", () -> onGet.handle(q)))
          .add("Multi", MultiRequest.parser(), (q, c, x) -> record("Multi", () -> onMulti.handle(q)))
          .add("Scan", ScanRequest.parser(), (q, c, x) -> {
            if (q.getScannerId() == 0 && q.getRegionName().equals(
                com.google.protobuf.ByteString.copyFrom(MetaTable.REGION.getRegionName()))) {
              calls.add("MetaScan");
              return scanMeta(q.getScan());
            }
            return record("Scan", () -> onScan.handle(q));
          })
          .build());
      rpc.register(ServerCalls.MASTER_SERVICE, RpcMethods.builder()
          .add("ListNamespaces", ListNamespacesRequest.parser(),
              (q, c, x) -> record("ListNamespaces", () -> onListNamespaces.handle(q)))
          .build());
      rpc.start();
      name = new ServerName("127.0.0.1", rpc.getPort(), 1);
    }

    /** Counts the call (failed ones too), then answers it. */
    private RpcResult record(String call, java.util.concurrent.Callable<RpcResult> answer)
        throws Exception {
      calls.add(call);
      return answer.call();
    }

    long count(String call) {
      return calls.stream().filter(call::equals).count();
    }

    @Override
    public void close() {
      rpc.close();
    }
  }

  final EmbeddedZooKeeper zkServer;
  final ZooKeeperClient zk;
  final ZNodePaths paths = new ZNodePaths(ZNodePaths.DEFAULT_ROOT);
  final NavigableMap<byte[], Result> meta = new ConcurrentSkipListMap<>(Bytes::compare);
  final List<Server> servers = new ArrayList<>();

  FakeCluster(Path dir) throws Exception {
    zkServer = new EmbeddedZooKeeper(dir, 0);
    zkServer.start();
    zk = ZooKeeperClient.connect(zkServer.getConnectString(), 4000, 10_000, null);
  }

  Server startServer() throws IOException {
    Server s = new Server();
    servers.add(s);
    return s;
  }

  /** Client settings for this cluster: quick pauses, the given operation timeout. */
  Configuration clientConf(long operationTimeoutMs) {
    Configuration c = new Configuration();
    c.set(ZooKeeperClient.QUORUM, zkServer.getConnectString());
    c.setLong(ClientSettings.PAUSE_MS, 5);
    c.setLong(ClientSettings.OPERATION_TIMEOUT_MS, operationTimeoutMs);
    return c;
  }

  void setZNode(String path, String value) throws Exception {
    byte[] data = value.getBytes(StandardCharsets.UTF_8);
    if (zk.exists(path, null).isPresent()) {
      zk.setData(path, data, -1);
    } else {
      zk.createPersistent(path, data);
    }
  }

  void metaOn(Server s) throws Exception {
    setZNode(paths.metaRegionServer(), s.name.toString());
  }

  void masterOn(Server s) throws Exception {
    setZNode(paths.master(), s.name.toString());
  }

  void tableState(TableName t, String state) throws Exception {
    setZNode(paths.table(t.getNameAsString()), state);
  }

  /** Records a region in meta. */
  void region(RegionInfo r, Server s, MetaTable.RegionState state) {
    Put p = MetaTable.toPut(r, s == null ? null : s.name, state);
    List<Cell> cells = p.getCells();
    meta.put(MetaTable.rowOf(r), Result.create(cells));
  }

  private RpcResult scanMeta(ScanProto s) {
    byte[] start = s.getStartRow().toByteArray();
    byte[] stop = s.getStopRow().toByteArray();
    boolean rev = s.getReversed();
    NavigableMap<byte[], Result> view;
    if (start.length == 0) {
      view = rev ? meta.descendingMap() : meta;
    } else {
      view = rev ? meta.headMap(start, s.getIncludeStartRow()).descendingMap()
          : meta.tailMap(start, s.getIncludeStartRow());
    }
    List<Cell> cells = new ArrayList<>();
    ScanResponse.Builder b = ScanResponse.newBuilder().setMoreResultsInRegion(false);
    int n = 0;
    for (Map.Entry<byte[], Result> e : view.entrySet()) {
      if (stop.length > 0) {
        int c = Bytes.compare(e.getKey(), stop);
        if (rev ? (c < 0 || (c == 0 && !s.getIncludeStopRow()))
            : (c > 0 || (c == 0 && !s.getIncludeStopRow()))) {
          break;
        }
      }
      cells.addAll(e.getValue().listCells());
      b.addCellsPerResult(e.getValue().size()).addPartialFlags(false);
      if (s.getLimit() > 0 && ++n >= s.getLimit()) {
        break;
      }
    }
    return RpcResult.of(b.build(), CellBlock.ofCells(cells));
  }

  static RpcResult answer(Message m) {
    return RpcResult.of(m);
  }

  @Override
  public void close() {
    for (Server s : servers) {
      s.close();
    }
    zk.close();
    zkServer.close();
  }
}
