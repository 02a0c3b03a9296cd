package io.cellar.common.zk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher.Event.EventType;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs against a real ZooKeeper server embedded in this JVM. */
class ZooKeeperClientTest {
  private static final long WAIT_S = 30;
  @TempDir static Path dir;
  private static EmbeddedZooKeeper server;

  @BeforeAll
  static void startServer() throws Exception {
    server = new EmbeddedZooKeeper(dir.resolve("zk"));
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private static ZooKeeperClient connect(SessionListener listener) throws Exception {
    return ZooKeeperClient.connect(server.getConnectString(), 4_000, 20_000, listener);
  }

  @Test
  void embeddedServerStartsOnFreePort() {
    assertTrue(server.isRunning());
    assertTrue(server.getPort() > 0);
    assertEquals("127.0.0.1:" + server.getPort(), server.getConnectString());
  }

  @Test
  void createGetSetDeleteUnderCustomRoot() throws Exception {
    ZNodePaths paths = new ZNodePaths("/custom/root1");
    try (ZooKeeperClient zk = connect(null)) {
      String table = paths.table("ns:t1");
      assertEquals(table, zk.createPersistent(table, Bytes.toBytes("ENABLED")));
      VersionedData v = zk.getData(table, null);
      assertArrayEquals(Bytes.toBytes("ENABLED"), v.data());
      assertEquals(0, v.version());
      assertEquals(1, zk.setData(table, Bytes.toBytes("DISABLED"), 0));
      assertThrows(KeeperException.BadVersionException.class,
          () -> zk.setData(table, Bytes.toBytes("X"), 0));
      assertArrayEquals(Bytes.toBytes("DISABLED"), zk.getData(table, null).data());
      assertThrows(KeeperException.NodeExistsException.class,
          () -> zk.createPersistent(table, new byte[0]));
      assertFalse(zk.createIfAbsent(table, new byte[0]));
      assertEquals(List.of("ns:t1"), zk.getChildren(paths.tables(), null));

      zk.ensurePath(paths.replicationQueue("rs1", "peer1"));
      zk.createPersistent(paths.replicationWal("rs1", "peer1", "wal.1"), Bytes.toBytes(42L));
      zk.deleteRecursive(paths.root());
      assertTrue(zk.exists(paths.root(), null).isEmpty());
      assertTrue(zk.getDataIfExists(table, null).isEmpty());
      assertThrows(KeeperException.NoNodeException.class, () -> zk.getData(table, null));
      zk.deleteRecursive(paths.root()); // absent: fine
    }
  }

  @Test
  void ephemeralNodeDisappearsWhenSessionCloses() throws Exception {
    ZNodePaths paths = new ZNodePaths("/eph");
    String rs = paths.regionServer("host1,16020,1");
    try (ZooKeeperClient watcher = connect(null)) {
      ZooKeeperClient owner = connect(null);
      owner.createEphemeral(rs, Bytes.toBytes("load"));
      BlockingQueue<WatchedEvent> events = new LinkedBlockingQueue<>();
      assertTrue(watcher.exists(rs, events::add).isPresent());
      assertEquals(List.of("host1,16020,1"), watcher.getChildren(paths.regionServers(), null));
      owner.close();
      WatchedEvent e = events.poll(WAIT_S, TimeUnit.SECONDS);
      assertEquals(EventType.NodeDeleted, e.getType());
      assertEquals(rs, e.getPath());
      assertTrue(watcher.exists(rs, null).isEmpty());
    }
  }

  @Test
  void dataAndChildWatchesFire() throws Exception {
    ZNodePaths paths = new ZNodePaths("/watches");
    try (ZooKeeperClient a = connect(null); ZooKeeperClient b = connect(null)) {
      a.ensurePath(paths.regionServers());
      BlockingQueue<WatchedEvent> childEvents = new LinkedBlockingQueue<>();
      assertEquals(List.of(), a.getChildren(paths.regionServers(), childEvents::add));
      b.createEphemeral(paths.regionServer("s1"), new byte[0]);
      assertEquals(EventType.NodeChildrenChanged,
          childEvents.poll(WAIT_S, TimeUnit.SECONDS).getType());

      BlockingQueue<WatchedEvent> created = new LinkedBlockingQueue<>();
      assertTrue(a.exists(paths.master(), created::add).isEmpty());
      b.createEphemeral(paths.master(), Bytes.toBytes("m1"));
      assertEquals(EventType.NodeCreated, created.poll(WAIT_S, TimeUnit.SECONDS).getType());

      BlockingQueue<WatchedEvent> changed = new LinkedBlockingQueue<>();
      a.getData(paths.master(), changed::add);
      b.setData(paths.master(), Bytes.toBytes("m2"), -1);
      assertEquals(EventType.NodeDataChanged, changed.poll(WAIT_S, TimeUnit.SECONDS).getType());

      a.multi(List.of(Op.create(paths.metaRegionServer(), Bytes.toBytes("rs1"),
          org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE, org.apache.zookeeper.CreateMode.PERSISTENT),
          Op.setData(paths.master(), Bytes.toBytes("m3"), -1)));
      assertArrayEquals(Bytes.toBytes("rs1"), a.getData(paths.metaRegionServer(), null).data());
      a.deleteRecursive(paths.root());
    }
  }

  @Test
  void sessionExpiryIsReportedAndEphemeralsVanish() throws Exception {
    CountDownLatch expired = new CountDownLatch(1);
    ZNodePaths paths = new ZNodePaths("/expiry");
    try (ZooKeeperClient observer = connect(null)) {
      ZooKeeperClient doomed = connect(expired::countDown);
      doomed.createEphemeral(paths.master(), new byte[0]);
      // Closing a second client bound to the same session ends that session on the server.
      // The twin must be connected first: closing a client that never reached the server sends
      // no close-session request, and the session would live on.
      CountDownLatch twinConnected = new CountDownLatch(1);
      ZooKeeper twin = new ZooKeeper(server.getConnectString(), 4_000, e -> {
        if (e.getState() == org.apache.zookeeper.Watcher.Event.KeeperState.SyncConnected) {
          twinConnected.countDown();
        }
      }, doomed.getSessionId(), doomed.getZooKeeper().getSessionPasswd());
      assertTrue(twinConnected.await(WAIT_S, TimeUnit.SECONDS));
      twin.close();
      assertTrue(expired.await(WAIT_S, TimeUnit.SECONDS));
      assertTrue(doomed.isExpired());
      assertThrows(KeeperException.SessionExpiredException.class,
          () -> doomed.exists(paths.master(), null));
      doomed.close();
      assertTrue(observer.exists(paths.master(), null).isEmpty());
    }
  }
}
