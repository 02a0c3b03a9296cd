package io.cellar.it.master;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.meta.RegionLocation;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.Bytes;
import io.cellar.common.conf.Configuration;
import io.cellar.client.meta.MetaTable;
import io.cellar.common.proto.CreateTableRequest;
import io.cellar.common.proto.CreateTableResponse;
import io.cellar.common.proto.GetRequest;
import io.cellar.common.proto.GetResponse;
import io.cellar.common.proto.MutateRequest;
import io.cellar.common.proto.GetTableStateRequest;
import io.cellar.common.proto.GetTableStateResponse;
import io.cellar.common.proto.MutateResponse;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RpcClient;
import io.cellar.common.rpc.RpcResponse;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.common.zk.EmbeddedZooKeeper;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import io.cellar.master.Master;
import io.cellar.master.meta.MetaClient;
import io.cellar.master.meta.MetaLocation;
import io.cellar.master.server.RegionServerCalls;
import io.cellar.regionserver.Region;
import io.cellar.regionserver.server.RegionServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Embedded ZooKeeper, a real {@link Master} and real {@link RegionServer}s sharing one storage
 * root, plus raw RPC helpers: MasterService calls, and row writes/reads sent straight to the
 * region that holds the row (located by reading meta), so these tests need no client library.
 */
final class RealCluster implements AutoCloseable {
  final Configuration conf = new Configuration();
  final EmbeddedZooKeeper zkServer;
  final Path root;
  final List<Master> masters = new ArrayList<>();
  final List<RegionServer> servers = new ArrayList<>();
  final RpcClient rpc;
  final ZooKeeperClient zk;
  final MetaLocation metaLocation;
  final MetaClient meta;

  RealCluster(Path dir) throws Exception {
    zkServer = new EmbeddedZooKeeper(dir.resolve("zk"));
    zkServer.start();
    root = dir.resolve("root");
    conf.set("cellar.zookeeper.quorum", zkServer.getConnectString())
        .setInt("cellar.zookeeper.session.timeout.ms", 4000)
        .set("cellar.rootdir", root.toString())
        .setInt("cellar.master.port", 0)
        .setInt("cellar.regionserver.port", 0)
        .setLong("cellar.regionserver.report.interval.ms", 500)
        .set("cellar.blockcache.fraction", "0.02")
        .setLong("cellar.master.rpc.timeout.ms", 30_000)
        .setLong("cellar.master.procedure.step.retry.pause.ms", 100);
    rpc = new RpcClient(conf);
    zk = ZooKeeperClient.connect(conf, null);
    metaLocation = new MetaLocation(zk, ZNodePaths.fromConf(conf));
    meta = new MetaClient(new RegionServerCalls(rpc, 30_000), metaLocation);
  }

  Master startMaster() throws IOException {
    Master m = new Master(conf);
    m.start();
    masters.add(m);
    return m;
  }

  RegionServer startServer() throws IOException {
    RegionServer rs = new RegionServer(conf);
    rs.start();
    servers.add(rs);
    return rs;
  }

  <R> R master(Master m, String method, Message req, Parser<R> parser) throws IOException {
    return RegionServerCalls.await(rpc.call(m.getServerName().getAddress(), "MasterService",
        method, req, parser, 60_000));
  }

  /** The table's meta rows, read from the live meta region. */
  List<RegionLocation> regions(TableName table) throws IOException {
    metaLocation.load();
    return meta.scanTable(table);
  }

  RegionLocation regionOf(TableName table, byte[] row) throws IOException {
    for (RegionLocation r : regions(table)) {
      if (r.region().containsRow(row) && r.state() != io.cellar.client.meta.MetaTable
          .RegionState.SPLIT) {
        return r;
      }
    }
    throw new IllegalStateException("no region of " + table + " holds " + Bytes.toString(row));
  }

  void put(TableName table, String row, String family, String value) throws IOException {
    RegionLocation r = regionOf(table, Bytes.toBytes(row));
    Put p = new Put(Bytes.toBytes(row)).addColumn(Bytes.toBytes(family), Bytes.toBytes("q"),
        Bytes.toBytes(value));
    RegionServerCalls.await(rpc.call(r.server().getAddress(), "ClientService", "Mutate",
        MutateRequest.newBuilder()
            .setRegionName(ByteString.copyFrom(r.region().getRegionName()))
            .setMutation(ProtobufConverter.toProto(p)).build(),
        MutateResponse.parser(), 30_000));
  }

  /** The value of {@code family:q} in {@code row}, or null. */
  String get(TableName table, String row, String family) throws IOException {
    RegionLocation r = regionOf(table, Bytes.toBytes(row));
    Result result = getRow(r.server(), r.region().getRegionName(), Bytes.toBytes(row));
    byte[] v = result.getValue(Bytes.toBytes(family), Bytes.toBytes("q"));
    return v == null ? null : Bytes.toString(v);
  }

  /** A descriptor of {@code name} with the given families (default settings). */
  static TableDescriptor table(String name, String... families) {
    TableDescriptor.Builder b = TableDescriptor.newBuilder(TableName.valueOf(name));
    for (String f : families) {
      b.setColumnFamily(ColumnFamilyDescriptor.newBuilder(Bytes.toBytes(f)).build());
    }
    return b.build();
  }

  /** CreateTable through {@code m}, pre-split at {@code splits}. */
  void create(Master m, TableDescriptor td, String... splits) throws IOException {
    CreateTableRequest.Builder b = CreateTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(td));
    for (String s : splits) {
      b.addSplitKeys(ByteString.copyFromUtf8(s));
    }
    master(m, "CreateTable", b.build(), CreateTableResponse.parser());
  }

  TableStateProto state(Master m, String table) throws IOException {
    return master(m, "GetTableState", GetTableStateRequest.newBuilder()
        .setTable(SchemaProtos.toProto(TableName.valueOf(table))).build(),
        GetTableStateResponse.parser()).getState();
  }

  /** The region server with this name (started by this cluster). */
  RegionServer server(ServerName name) {
    return servers.stream().filter(rs -> rs.getServerName().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no server " + name));
  }

  /** Regions of {@code table} that {@code rs} really has open right now. */
  List<Region> online(RegionServer rs, TableName table) {
    List<Region> out = new ArrayList<>();
    for (Region r : rs.getOnlineRegions()) {
      if (r.getRegionInfo().getTable().equals(table)) {
        out.add(r);
      }
    }
    return out;
  }

  /** True if {@code rs} has {@code region} open. */
  boolean serves(RegionServer rs, RegionInfo region) {
    return rs.getOnlineRegions().stream().anyMatch(r -> r.getRegionInfo().equals(region));
  }

  /** Every column of one meta row, read from the meta region where ZooKeeper says it is. */
  Result metaRow(byte[] row) throws IOException {
    ServerName at = metaLocation.load();
    return getRow(at, MetaTable.REGION.getRegionName(), row);
  }

  /** One Get call; the row's cells come in the response's cell block. */
  private Result getRow(ServerName at, byte[] regionName, byte[] row) throws IOException {
    RpcResponse raw = RegionServerCalls.await(rpc.call(at.getAddress(), "ClientService", "Get",
        GetRequest.newBuilder()
            .setRegionName(ByteString.copyFrom(regionName))
            .setGet(ProtobufConverter.toProto(new Get(row))).build(),
        CellBlock.empty(), 30_000));
    return ProtobufConverter.fromGetResponse(raw.parse(GetResponse.parser()), raw.cells());
  }

  /** Polls until true or 60 s pass. */
  static void waitFor(String what, CheckedCondition c) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        if (c.test()) {
          return;
        }
      } catch (IOException retry) {
        // the cluster is moving things: look again
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  @FunctionalInterface
  interface CheckedCondition {
    boolean test() throws Exception;
  }

  @Override
  public void close() {
    for (Master m : masters) {
      m.stop();
    }
    for (RegionServer rs : servers) {
      if (rs.isRunning()) {
        rs.abort("test over");
      }
    }
    zk.close();
    rpc.close();
    zkServer.close();
  }
}
