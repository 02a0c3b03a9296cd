package io.cellar.regionserver.server;

import static io.cellar.regionserver.server.ServerFixture.CF;
import static io.cellar.regionserver.server.ServerFixture.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cellar.client.Put;
import io.cellar.common.conf.Configuration;
import io.cellar.common.proto.MasterSplitRegionRequest;
import io.cellar.common.proto.MasterSplitRegionResponse;
import io.cellar.common.proto.RegionServerReportRequest;
import io.cellar.common.proto.RegionServerReportResponse;
import io.cellar.common.proto.RegionServerStartupRequest;
import io.cellar.common.proto.RegionServerStartupResponse;
import io.cellar.common.proto.ServerLoadProto;
import io.cellar.common.rpc.RpcMethods;
import io.cellar.common.rpc.RpcServer;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.zk.ZooKeeperClient;
import io.cellar.wal.WalConfig;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.TableName;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registration in ZooKeeper, reports to the (changing) master, session expiry, clean stop. */
class RegionServerZooKeeperTest {
  @TempDir
  Path dir;

  /** A stand-in master: records the startups and reports it receives. */
  static final class FakeMaster implements AutoCloseable {
    final RpcServer rpc = new RpcServer(new Configuration(), "127.0.0.1", 0);
    final List<ServerName> startups = new CopyOnWriteArrayList<>();
    final List<ServerLoadProto> reports = new CopyOnWriteArrayList<>();
    final List<ByteString> splitRequests = new CopyOnWriteArrayList<>();
    ServerName name;

    FakeMaster start(String rootDir) throws Exception {
      rpc.register(MasterReporter.SERVICE, RpcMethods.builder()
          .addSimple("RegionServerStartup", RegionServerStartupRequest.parser(), req -> {
            startups.add(ServerName.fromProto(req.getServer()));
            return RegionServerStartupResponse.newBuilder()
                .putConfig(RegionServer.ROOT_DIR_KEY, rootDir).build();
          })
          .addSimple("RegionServerReport", RegionServerReportRequest.parser(), req -> {
            reports.add(req.getLoad());
            return RegionServerReportResponse.getDefaultInstance();
          })
          .addSimple("MasterSplitRegion", MasterSplitRegionRequest.parser(), req -> {
            splitRequests.add(req.getRegionName());
            return MasterSplitRegionResponse.getDefaultInstance();
          })
          .build());
      rpc.start();
      name = new ServerName("127.0.0.1", rpc.getPort(), System.currentTimeMillis());
      return this;
    }

    @Override
    public void close() {
      rpc.close();
    }
  }

  private static ZooKeeperClient zk(ServerFixture f) throws Exception {
    return ZooKeeperClient.connect(f.conf, null);
  }

  @Test
  void registersAndReportsToTheActiveMasterAcrossAMasterChange() throws Exception {
    try (ServerFixture f = ServerFixture.start(dir);
        ZooKeeperClient zk = zk(f);
        FakeMaster first = new FakeMaster().start(f.server.getRootDir().toString());
        FakeMaster second = new FakeMaster().start(f.server.getRootDir().toString())) {
      ServerName self = f.server.getServerName();
      String rsNode = f.paths().regionServer(self.toString());
      assertEquals(self.toString(), new String(zk.getData(rsNode, null).data(),
          StandardCharsets.UTF_8));
      TableDescriptor td = ServerFixture.table("reported");
      RegionInfo region = ServerFixture.region(td, null, null);
      f.open(region, td);
      f.mutate(region, new Put(b("r")).addColumn(CF, b("q"), b("v")));

      // a master appears after the server started: the watch notices it
      zk.createEphemeral(f.paths().master(), first.name.toString().getBytes(StandardCharsets.UTF_8));
      ServerFixture.await("startup at the first master", () -> first.startups.contains(self));
      ServerFixture.await("reports naming the region", () -> first.reports.stream().anyMatch(
          l -> l.getServer().equals(self.toProto()) && l.getRegionsList().stream().anyMatch(
              r -> SchemaProtos.fromProto(r.getRegion()).equals(region)
                  && r.getWriteRequests() == 1)));
      assertEquals(1, first.startups.size());

      // the master dies and another takes over
      first.close();
      zk.delete(f.paths().master(), -1);
      zk.createEphemeral(f.paths().master(),
          second.name.toString().getBytes(StandardCharsets.UTF_8));
      ServerFixture.await("startup at the second master", () -> second.startups.contains(self));
      ServerFixture.await("reports to the second master", () -> second.reports.size() >= 2);
      assertTrue(f.server.isRunning());
      assertEquals(second.name, f.server.masterReporter().getMaster());
    }
  }

  @Test
  void asksTheMasterOnceToSplitARegionOverMaxFileSize() throws Exception {
    try (ServerFixture f = ServerFixture.start(dir);
        ZooKeeperClient zk = zk(f);
        FakeMaster master = new FakeMaster().start(f.server.getRootDir().toString())) {
      TableDescriptor big = TableDescriptor.newBuilder(TableName.valueOf("big"))
          .setColumnFamily(ColumnFamilyDescriptor.of("cf")).setMaxFileSize(1024 * 1024).build();
      RegionInfo region = ServerFixture.region(big, null, null);
      TableDescriptor small = ServerFixture.table("small");
      RegionInfo smallRegion = ServerFixture.region(small, null, null);
      f.open(region, big);
      f.open(smallRegion, small);
      for (int i = 0; i < 15; i++) {
        f.mutate(region, new Put(b("r" + i)).addColumn(CF, b("q"), new byte[100 * 1024]));
        f.mutate(smallRegion, new Put(b("r" + i)).addColumn(CF, b("q"), new byte[100 * 1024]));
      }
      f.server.getOnlineRegions().forEach(r -> {
        try {
          r.flush(true);
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      });
      zk.createEphemeral(f.paths().master(),
          master.name.toString().getBytes(StandardCharsets.UTF_8));
      ServerFixture.await("a split request", () -> !master.splitRequests.isEmpty());
      int reports = master.reports.size();
      ServerFixture.await("more reports", () -> master.reports.size() >= reports + 3);
      assertEquals(List.of(ServerFixture.name(region)), master.splitRequests);
    }
  }

  @Test
  void sessionExpiryAbortsTheServer() throws Exception {
    try (ServerFixture f = ServerFixture.start(dir); ZooKeeperClient zk = zk(f)) {
      TableDescriptor td = ServerFixture.table("expiry");
      RegionInfo region = ServerFixture.region(td, null, null);
      f.open(region, td);
      f.mutate(region, new Put(b("r")).addColumn(CF, b("q"), b("unflushed")));
      ServerName self = f.server.getServerName();
      Path walDir = WalConfig.walDir(f.server.getRootDir(), self.toString());
      expireSession(f.server.zooKeeper(), f.zooKeeper.getConnectString());
      ServerFixture.await("the server to abort", f.server::isAborted);
      f.server.join();
      assertFalse(f.server.isRunning());
      ServerFixture.await("its znode to go", () -> {
        try {
          return zk.exists(f.paths().regionServer(self.toString()), null).isEmpty();
        } catch (Exception e) {
          return false;
        }
      });
      // nothing was flushed: the edit is only in the WAL, left for the master to split
      assertTrue(Files.isDirectory(walDir));
      assertTrue(Files.list(walDir).findAny().isPresent());
    }
  }

  @Test
  void aConnectionDownForASessionTimeoutAbortsTheServer() throws Exception {
    try (ServerFixture f = ServerFixture.start(dir, ZooKeeperClient.SESSION_TIMEOUT_MS, "2000")) {
      TableDescriptor td = ServerFixture.table("partitioned");
      RegionInfo region = ServerFixture.region(td, null, null);
      f.open(region, td);
      f.zooKeeper.close(); // as a partition from ZooKeeper: the session expires on its side
      ServerFixture.await("the server to abort", f.server::isAborted);
      f.server.join();
      assertTrue(f.server.getOnlineRegions().isEmpty());
    }
  }

  @Test
  void aFailedStartCleansUpAfterItself() throws Exception {
    int deadPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      deadPort = s.getLocalPort(); // nothing listens there once closed
    }
    Configuration conf = new Configuration()
        .set(ZooKeeperClient.QUORUM, "127.0.0.1:" + deadPort)
        .setLong(ZooKeeperClient.CONNECT_TIMEOUT_MS, 1000)
        .set(RegionServer.ROOT_DIR_KEY, dir.resolve("root").toString())
        .setInt(RegionServer.PORT_KEY, 0);
    RegionServer rs = new RegionServer(conf);
    org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, rs::start);
    assertFalse(rs.isRunning());
    rs.join(); // returns: the failed start shut everything down
    Path walRoot = dir.resolve("root").resolve("wal");
    assertTrue(!Files.exists(walRoot) || Files.list(walRoot).findAny().isEmpty(),
        "no WAL directory is left for a server that never served");
  }

  /** Ends a session from outside, the standard way: a second client on it closes it. */
  private static void expireSession(ZooKeeperClient victim, String connect) throws Exception {
    ZooKeeper zk = victim.getZooKeeper();
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper twin = new ZooKeeper(connect, 4000, e -> {
      if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
        connected.countDown();
      }
    }, zk.getSessionId(), zk.getSessionPasswd());
    assertTrue(connected.await(20, TimeUnit.SECONDS));
    twin.close();
  }

  @Test
  void cleanStopFlushesDeletesTheZnodeAndArchivesTheWal() throws Exception {
    try (ServerFixture f = ServerFixture.start(dir); ZooKeeperClient zk = zk(f)) {
      TableDescriptor td = ServerFixture.table("stopped");
      RegionInfo region = ServerFixture.region(td, null, null);
      f.open(region, td);
      f.mutate(region, new Put(b("r")).addColumn(CF, b("q"), b("flushed on stop")));
      ServerName self = f.server.getServerName();
      Path walDir = WalConfig.walDir(f.server.getRootDir(), self.toString());
      assertTrue(Files.isDirectory(walDir));
      f.server.stop();
      f.server.join();
      assertFalse(f.server.isRunning());
      assertFalse(f.server.isAborted());
      assertTrue(zk.exists(f.paths().regionServer(self.toString()), null).isEmpty());
      assertFalse(Files.exists(walDir), "a clean stop leaves no WAL to split");
      // a new incarnation on the same root reads the flushed data
      f.restart();
      f.open(region, td);
      assertEquals("flushed on stop", f.value(region, "r", "q"));
    }
  }
}
