package io.cellar.master;

import com.google.protobuf.ByteString;
import io.cellar.client.Mutation;
import io.cellar.client.Scan;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.proto.*;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RpcMethods;
import io.cellar.common.rpc.RpcResult;
import io.cellar.common.rpc.RpcServer;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in region server for master tests: real RPC ("AdminService", "ClientService") and a
 * real {@code rs/} znode, but regions are just names in a set, and the only table it serves
 * data for is meta, kept in a {@link SharedMeta} that outlives any one fake (as the shared
 * storage root would). {@link #crash()} ends its ZooKeeper session and RPC server at once.
 */
final class FakeRegionServer implements Closeable {
  /** Meta rows: row → qualifier → value (family {@code info} only). */
  static final class SharedMeta {
    final NavigableMap<byte[], NavigableMap<byte[], byte[]>> rows =
        new TreeMap<>(Bytes::compare);
  }

  private final Configuration conf;
  private final SharedMeta meta;
  private final Set<RegionInfo> online = ConcurrentHashMap.newKeySet();
  final Map<String, TableDescriptorProto> openedWith = new ConcurrentHashMap<>();
  /** OpenRegion calls still to fail (fault injection). */
  final java.util.concurrent.atomic.AtomicInteger failOpens =
      new java.util.concurrent.atomic.AtomicInteger();
  private RpcServer rpc;
  private ZooKeeperClient zk;
  private ServerName name;

  FakeRegionServer(Configuration conf, SharedMeta meta) {
    this.conf = conf;
    this.meta = meta;
  }

  void start() throws Exception {
    rpc = new RpcServer(conf, "127.0.0.1", 0);
    rpc.register("AdminService", admin());
    rpc.register("ClientService", client());
    rpc.start();
    name = new ServerName("127.0.0.1", rpc.getPort(), System.currentTimeMillis());
    zk = ZooKeeperClient.connect(conf, null);
    zk.createEphemeral(ZNodePaths.fromConf(conf).regionServer(name.toString()), new byte[0]);
  }

  ServerName name() {
    return name;
  }

  Set<RegionInfo> online() {
    return online;
  }

  boolean serves(RegionInfo r) {
    return online.contains(r);
  }

  /** Dies at once: znode (via session close) and RPC endpoint gone, nothing flushed. */
  void crash() {
    zk.close();
    rpc.close();
  }

  @Override
  public void close() {
    crash();
  }

  private RpcMethods admin() {
    return RpcMethods.builder()
        .addSimple("OpenRegion", OpenRegionRequest.parser(), r -> {
          RegionInfo region = SchemaProtos.fromProto(r.getRegion());
          if (failOpens.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new java.io.IOException("injected open failure of " + region);
          }
          online.add(region);
          openedWith.put(region.getEncodedName(), r.getTable());
          return OpenRegionResponse.getDefaultInstance();
        })
        .addSimple("CloseRegion", CloseRegionRequest.parser(), r -> {
          RegionInfo region = find(r.getRegionName().toByteArray());
          online.remove(region);
          return CloseRegionResponse.getDefaultInstance();
        })
        .addSimple("SplitRegion", SplitRegionRequest.parser(), r -> {
          RegionInfo parent = find(r.getRegionName().toByteArray());
          byte[] mid = r.getSplitPoint().toByteArray();
          online.remove(parent);
          RegionInfo a = new RegionInfo(parent.getTable(), parent.getStartKey(), mid,
              parent.getRegionId() + 1);
          RegionInfo b = new RegionInfo(parent.getTable(), mid, parent.getEndKey(),
              parent.getRegionId() + 1);
          return SplitRegionResponse.newBuilder().addDaughters(SchemaProtos.toProto(a))
              .addDaughters(SchemaProtos.toProto(b)).build();
        })
        .addSimple("GetOnlineRegions", GetOnlineRegionsRequest.parser(), r -> {
          GetOnlineRegionsResponse.Builder b = GetOnlineRegionsResponse.newBuilder();
          online.forEach(o -> b.addRegions(SchemaProtos.toProto(o)));
          return b.build();
        })
        .build();
  }

  private RegionInfo find(byte[] regionName) throws NotServingRegionException {
    for (RegionInfo r : online) {
      if (java.util.Arrays.equals(r.getRegionName(), regionName)) {
        return r;
      }
    }
    throw new NotServingRegionException(Bytes.toStringBinary(regionName) + " not on " + name);
  }

  private RpcMethods client() {
    return RpcMethods.builder()
        .addSimple("Mutate", MutateRequest.parser(), r -> {
          find(r.getRegionName().toByteArray());
          apply(ProtobufConverter.fromProto(r.getMutation()));
          return MutateResponse.getDefaultInstance();
        })
        .addSimple("Multi", MultiRequest.parser(), r -> {
          MultiResponse.Builder out = MultiResponse.newBuilder();
          for (RegionAction ra : r.getRegionActionsList()) {
            find(ra.getRegionName().toByteArray());
            RegionActionResult.Builder rr = RegionActionResult.newBuilder();
            for (Action a : ra.getActionsList()) {
              apply(ProtobufConverter.fromProto(a.getMutation()));
              rr.addResults(ActionResult.newBuilder().setIndex(a.getIndex()));
            }
            out.addResults(rr);
          }
          return out.build();
        })
        .add("Scan", ScanRequest.parser(), (r, cells, ctx) -> {
          find(r.getRegionName().toByteArray());
          Scan scan = ProtobufConverter.fromProto(r.getScan());
          List<Cell> out = new ArrayList<>();
          ScanResponse.Builder b = ScanResponse.newBuilder().setScannerId(1);
          synchronized (meta) {
            for (var e : meta.rows.entrySet()) {
              byte[] row = e.getKey();
              if (Bytes.compare(row, scan.getStartRow()) < 0
                  || (scan.getStopRow().length > 0 && Bytes.compare(row, scan.getStopRow()) >= 0)) {
                continue;
              }
              for (var q : e.getValue().entrySet()) {
                out.add(KeyValue.create(row, MetaTable.FAMILY, q.getKey(), 1L, q.getValue()));
              }
              b.addCellsPerResult(e.getValue().size());
            }
          }
          return RpcResult.of(b.setMoreResultsInRegion(false).build(), CellBlock.ofCells(out));
        })
        .build();
  }

  /** A Put sets columns; a Delete without cells drops the row (all meta needs). */
  private void apply(Mutation m) {
    synchronized (meta) {
      if (m.getCells().isEmpty()) {
        meta.rows.remove(m.getRow());
      } else {
        NavigableMap<byte[], byte[]> row =
            meta.rows.computeIfAbsent(m.getRow(), k -> new TreeMap<>(Bytes::compare));
        for (Cell c : m.getCells()) {
          row.put(Cells.cloneQualifier(c), Cells.cloneValue(c));
        }
      }
    }
  }

  static ByteString bytes(byte[] b) {
    return ByteString.copyFrom(b);
  }
}
