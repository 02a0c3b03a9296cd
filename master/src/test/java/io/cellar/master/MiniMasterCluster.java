package io.cellar.master;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.cellar.common.conf.Configuration;
import io.cellar.common.rpc.RpcClient;
import io.cellar.common.zk.EmbeddedZooKeeper;
import io.cellar.common.zk.ZooKeeperClient;
import io.cellar.master.fs.StorageRoot;
import io.cellar.master.procedure.ProcedureExecutor;
import io.cellar.master.server.RegionServerCalls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Embedded ZooKeeper, masters and {@link FakeRegionServer}s for master tests, plus a blocking
 * MasterService caller. Close it in {@code @AfterEach}.
 */
final class MiniMasterCluster implements AutoCloseable {
  final Configuration conf = new Configuration();
  final EmbeddedZooKeeper zkServer;
  final FakeRegionServer.SharedMeta meta = new FakeRegionServer.SharedMeta();
  final List<Master> masters = new ArrayList<>();
  final List<FakeRegionServer> servers = new ArrayList<>();
  final RpcClient rpc;
  final Path root;

  MiniMasterCluster(Path dir) throws IOException {
    zkServer = new EmbeddedZooKeeper(dir.resolve("zk"));
    zkServer.start();
    root = dir.resolve("root");
    conf.set(ZooKeeperClient.QUORUM, zkServer.getConnectString())
        .setInt(ZooKeeperClient.SESSION_TIMEOUT_MS, 4000)
        .set(StorageRoot.ROOTDIR, root.toString())
        .setInt(Master.PORT, 0)
        .setLong(Master.RPC_TIMEOUT_MS, 10_000)
        .setInt(ProcedureExecutor.STEP_ATTEMPTS, 3)
        .setLong(ProcedureExecutor.STEP_RETRY_PAUSE_MS, 50);
    rpc = new RpcClient(conf);
  }

  Master startMaster() throws IOException {
    Master m = new Master(conf);
    m.start();
    masters.add(m);
    return m;
  }

  FakeRegionServer startServer() throws Exception {
    FakeRegionServer s = new FakeRegionServer(conf, meta);
    s.start();
    servers.add(s);
    return s;
  }

  /** Calls the MasterService of {@code m}. */
  <R> R call(Master m, String method, Message request, Parser<R> parser) throws IOException {
    return RegionServerCalls.await(rpc.call(m.getServerName().getAddress(),
        MasterRpcService.SERVICE, method, request, parser, 20_000));
  }

  /** Polls {@code condition} until true or 20 s pass (then fails the test). */
  static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    for (Master m : masters) {
      m.stop();
    }
    for (FakeRegionServer s : servers) {
      s.close();
    }
    rpc.close();
    zkServer.close();
  }
}
