package io.cellar.it.cluster;

import io.cellar.client.Admin;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.ServerName;
import io.cellar.common.zk.EmbeddedZooKeeper;
import io.cellar.common.zk.VersionedData;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;

/**
 * A pseudo-distributed cluster for tests: an {@link EmbeddedZooKeeper} in this JVM (free port),
 * masters and region servers as separate JVMs ({@link ClusterProcess}) on loopback sharing one
 * storage root under {@code dir}, a ZooKeeper session to watch the znodes, and one shared client
 * {@link Connection}. Each process is started and waited for until it has registered; kills are
 * kill -9. {@link #close()} kills every process and stops ZooKeeper. Not thread-safe: drive it
 * from the test thread.
 */
final class ProcessCluster implements AutoCloseable {
  /** Time allowed for a process to start, or the cluster to settle. */
  static final long START_TIMEOUT_MS = 90_000;
  /**
   * ZooKeeper session timeout of every process unless a test overrides it: long enough that a
   * CPU-starved CI machine does not expire healthy servers (a failure test that measures
   * detection sets its own, shorter one).
   */
  static final int SESSION_TIMEOUT_MS = 10_000;

  private final Path dir;
  private final EmbeddedZooKeeper zkServer;
  private final Map<String, String> settings = new LinkedHashMap<>();
  private final ZooKeeperClient zk;
  private final ZNodePaths paths;
  private final List<ClusterProcess> masters = new ArrayList<>();
  private final List<ClusterProcess> regionServers = new ArrayList<>();
  private Connection connection;
  private int launched;
  /** Set once {@link #start} returned: new region servers must then also reach the master. */
  private boolean serving;

  private ProcessCluster(Path dir, Map<String, String> extra)
      throws IOException, InterruptedException {
    this.dir = dir;
    zkServer = new EmbeddedZooKeeper(dir.resolve("zk"));
    zkServer.start();
    settings.put("cellar.zookeeper.quorum", zkServer.getConnectString());
    settings.put("cellar.zookeeper.session.timeout.ms", String.valueOf(SESSION_TIMEOUT_MS));
    settings.put("cellar.rootdir", dir.resolve("root").toString());
    settings.put("cellar.master.port", "0");
    settings.put("cellar.regionserver.port", "0");
    settings.put("cellar.regionserver.report.interval.ms", "500");
    settings.put("cellar.master.rpc.timeout.ms", "30000");
    settings.put("cellar.master.procedure.step.retry.pause.ms", "100");
    settings.put("cellar.master.procedure.retry.interval.ms", "2000");
    settings.put("cellar.blockcache.fraction", "0.1");
    settings.putAll(extra);
    zk = ZooKeeperClient.connect(clientConf(), null);
    paths = ZNodePaths.fromConf(clientConf());
  }

  /**
   * ZooKeeper, {@code masters} masters (the first becomes active) and {@code regionServers}
   * region servers, returned once the active master serves DDL. {@code extra} settings go to
   * every process and to the client configuration.
   */
  static ProcessCluster start(Path dir, int masters, int regionServers, Map<String, String> extra)
      throws Exception {
    ProcessCluster c = new ProcessCluster(dir, extra);
    try {
      for (int i = 0; i < masters; i++) {
        c.startMaster();
      }
      for (int i = 0; i < regionServers; i++) {
        c.startRegionServer();
      }
      c.awaitMasterServing();
      c.serving = true;
      return c;
    } catch (Exception | Error e) {
      System.err.println(c.logTails(80));
      c.close();
      throw e;
    }
  }

  /** What a client needs to reach this cluster (plus the extra settings). */
  Configuration clientConf() {
    Configuration conf = new Configuration();
    settings.forEach(conf::set);
    return conf;
  }

  /** The shared client connection, opened on first use. */
  synchronized Connection connection() throws IOException {
    if (connection == null) {
      connection = ConnectionFactory.createConnection(clientConf());
    }
    return connection;
  }

  /** Starts a master JVM; returns once it is active or registered as a backup. */
  ClusterProcess startMaster() throws Exception {
    ClusterProcess p = ClusterProcess.launch("master-" + (launched++), "master", settings,
        "384m", dir.resolve("logs"));
    masters.add(p);
    p.awaitStarted(START_TIMEOUT_MS);
    return p;
  }

  /**
   * Starts a region server JVM; returns once its {@code rs/} znode exists and, when the cluster
   * is already serving, once the active master lists it (so it can be given regions).
   */
  ClusterProcess startRegionServer() throws Exception {
    ClusterProcess p = ClusterProcess.launch("rs-" + (launched++), "regionserver", settings,
        "512m", dir.resolve("logs"));
    regionServers.add(p);
    ServerName name = p.awaitStarted(START_TIMEOUT_MS);
    waitFor(p + " registered", START_TIMEOUT_MS,
        () -> liveRegionServers().contains(name.toString()));
    if (serving) {
      awaitMasterSeesRegionServers();
    }
    return p;
  }

  /** Waits until the active master lists every region server process that is alive. */
  void awaitMasterSeesRegionServers() throws Exception {
    waitFor("the master to list every live region server", START_TIMEOUT_MS, () -> {
      List<ServerName> known;
      try (Admin admin = connection().getAdmin()) {
        known = admin.getClusterMetrics().getServersName();
      }
      for (ClusterProcess p : regionServers) {
        if (p.isAlive() && !known.contains(p.serverName())) {
          return false;
        }
      }
      return true;
    });
  }

  List<ClusterProcess> regionServers() {
    return List.copyOf(regionServers);
  }

  List<ClusterProcess> masters() {
    return List.copyOf(masters);
  }

  /** kill -9 of region server {@code i} (in start order). */
  ClusterProcess killRegionServer(int i) throws InterruptedException {
    ClusterProcess p = regionServers.get(i);
    p.kill();
    return p;
  }

  /** kill -9 of the active master; returns it. */
  ClusterProcess killActiveMaster() throws Exception {
    ClusterProcess active = activeMaster();
    active.kill();
    return active;
  }

  /** The master process named by the {@code master} znode. */
  ClusterProcess activeMaster() throws Exception {
    String name = activeMasterName().orElseThrow(() -> new IllegalStateException("no master"));
    for (ClusterProcess m : masters) {
      if (m.serverName() != null && m.serverName().toString().equals(name)) {
        return m;
      }
    }
    throw new IllegalStateException("active master " + name + " is none of " + masters);
  }

  /** The data of the {@code master} znode, if any. */
  Optional<String> activeMasterName() throws KeeperException, InterruptedException {
    return zk.getDataIfExists(paths.master(), null)
        .map(d -> new String(d.data(), StandardCharsets.UTF_8));
  }

  /** Server names under {@code rs/}. */
  Set<String> liveRegionServers() throws KeeperException, InterruptedException {
    return new HashSet<>(zk.getChildren(paths.regionServers(), null));
  }

  /** Ids of the master's in-flight procedures (children of {@code procedures}). */
  List<String> procedures() throws KeeperException, InterruptedException {
    try {
      return zk.getChildren(paths.procedures(), null);
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    }
  }

  /** The server named by the {@code meta-region-server} znode, if any. */
  Optional<String> metaServer() throws KeeperException, InterruptedException {
    return zk.getDataIfExists(paths.metaRegionServer(), null).map(VersionedData::data)
        .map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /**
   * Waits until the active master answers an Admin call (meta is online, DDL is served) and
   * lists every live region server.
   */
  void awaitMasterServing() throws Exception {
    waitFor("an active master with meta online", START_TIMEOUT_MS, () -> {
      Optional<String> meta = metaServer();
      if (activeMasterName().isEmpty() || meta.isEmpty()
          || !liveRegionServers().contains(meta.get())) {
        return false;
      }
      try (Admin admin = connection().getAdmin()) {
        admin.listTableNames();
      }
      return true;
    });
    awaitMasterSeesRegionServers();
  }

  /** The last {@code lines} log lines of every process started. */
  String logTails(int lines) {
    StringBuilder sb = new StringBuilder();
    for (ClusterProcess p : masters) {
      sb.append("---- ").append(p).append(p.isAlive() ? "" : " [dead]").append('\n')
          .append(p.tail(lines));
    }
    for (ClusterProcess p : regionServers) {
      sb.append("---- ").append(p).append(p.isAlive() ? "" : " [dead]").append('\n')
          .append(p.tail(lines));
    }
    return sb.toString();
  }

  /** Polls {@code c} every 100 ms until true; IOExceptions count as "not yet". */
  static void waitFor(String what, long timeoutMs, Condition c) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    Exception last = null;
    while (true) {
      try {
        if (c.test()) {
          return;
        }
      } catch (IOException | KeeperException e) {
        last = e;
      }
      if (System.nanoTime() > deadline) {
        AssertionError err = new AssertionError("timed out after " + timeoutMs
            + " ms waiting for " + what);
        if (last != null) {
          err.initCause(last);
        }
        throw err;
      }
      Thread.sleep(100);
    }
  }

  /** A condition polled by {@link #waitFor}. */
  @FunctionalInterface
  interface Condition {
    boolean test() throws Exception;
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (IOException | RuntimeException e) {
        System.err.println("closing the client connection: " + e);
      }
      connection = null;
    }
    for (ClusterProcess p : regionServers) {
      killQuietly(p);
    }
    for (ClusterProcess p : masters) {
      killQuietly(p);
    }
    zk.close();
    zkServer.close();
  }

  private static void killQuietly(ClusterProcess p) {
    try {
      p.kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
