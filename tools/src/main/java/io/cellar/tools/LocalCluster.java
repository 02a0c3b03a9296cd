package io.cellar.tools;

import io.cellar.common.conf.Configuration;
import io.cellar.common.zk.EmbeddedZooKeeper;
import io.cellar.master.Master;
import io.cellar.regionserver.server.RegionServer;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A whole cluster in one JVM: an embedded ZooKeeper, one master and N region servers sharing one
 * storage root. Backs {@code cellar standalone} and the in-process integration tests.
 *
 * <p>Layout under the data directory: {@code zookeeper/} (ZooKeeper's snapshots and logs) and
 * the storage root itself ({@code data/}, {@code wal/}, {@code archive/}, ...), so stopping and
 * starting again on the same directory keeps every table.
 */
public final class LocalCluster implements Closeable {
  /** ZooKeeper port of a standalone cluster; 0 picks a free one (tests). */
  public static final String ZK_PORT_KEY = "cellar.standalone.zookeeper.port";
  public static final int DEFAULT_ZK_PORT = 2181;

  private final Configuration conf;
  private final Path dataDir;
  private final int regionServerCount;
  private final List<RegionServer> regionServers = new CopyOnWriteArrayList<>();
  private final List<Master> masters = new CopyOnWriteArrayList<>();
  private EmbeddedZooKeeper zooKeeper;

  /**
   * REQUIRES: {@code conf} carries any settings to override; ZooKeeper quorum, root directory and
   * ports are filled in by {@link #start()}.
   */
  public LocalCluster(Configuration conf, Path dataDir, int regionServerCount) {
    if (regionServerCount < 1) {
      throw new IllegalArgumentException("A cluster needs at least one region server");
    }
    this.conf = new Configuration(conf);
    this.dataDir = dataDir.toAbsolutePath();
    this.regionServerCount = regionServerCount;
  }

  /** A test-friendly cluster: free ports, short timeouts. */
  public static LocalCluster forTests(Path dataDir, int regionServerCount) {
    return forTests(dataDir, regionServerCount, new Configuration());
  }

  /** {@link #forTests(Path, int)} with some settings of the caller's on top. */
  public static LocalCluster forTests(Path dataDir, int regionServerCount,
      Configuration overrides) {
    Configuration c = new Configuration();
    c.setInt(ZK_PORT_KEY, 0);
    c.setInt("cellar.master.port", 0);
    c.setInt("cellar.regionserver.port", 0);
    c.setInt("cellar.zookeeper.session.timeout.ms", 4000);
    c.setLong("cellar.regionserver.report.interval.ms", 500);
    c.set("cellar.blockcache.fraction", "0.05");
    overrides.asMap().forEach(c::set);
    return new LocalCluster(c, dataDir, regionServerCount);
  }

  /** Starts ZooKeeper, the master and the region servers; returns once the master is active. */
  public LocalCluster start() throws IOException {
    zooKeeper = new EmbeddedZooKeeper(dataDir.resolve("zookeeper"),
        conf.getInt(ZK_PORT_KEY, DEFAULT_ZK_PORT));
    zooKeeper.start();
    conf.set("cellar.zookeeper.quorum", zooKeeper.getConnectString());
    conf.set("cellar.rootdir", dataDir.toString());
    startMaster();
    for (int i = 0; i < regionServerCount; i++) {
      startRegionServer();
    }
    long timeoutMs = conf.getLong("cellar.standalone.start.timeout.ms", 120_000);
    if (!masters.get(0).awaitActive(timeoutMs)) {
      close();
      throw new IOException("The master did not become active within " + timeoutMs + " ms");
    }
    return this;
  }

  /** Starts one more master (a backup while the first is active). */
  public Master startMaster() throws IOException {
    Master m = new Master(conf);
    m.start();
    masters.add(m);
    return m;
  }

  /** Starts one more region server. */
  public RegionServer startRegionServer() throws IOException {
    RegionServer rs = new RegionServer(conf);
    rs.start();
    regionServers.add(rs);
    return rs;
  }

  /** The settings a client (or another process) uses to reach this cluster. */
  public Configuration getConfiguration() {
    return new Configuration(conf);
  }

  public List<RegionServer> getRegionServers() {
    return new ArrayList<>(regionServers);
  }

  public List<Master> getMasters() {
    return new ArrayList<>(masters);
  }

  /** The active master, or null while none is. */
  public Master getMaster() {
    for (Master m : masters) {
      if (m.isActive()) {
        return m;
      }
    }
    return null;
  }

  public EmbeddedZooKeeper getZooKeeper() {
    return zooKeeper;
  }

  public Path getDataDir() {
    return dataDir;
  }

  /**
   * Stops the masters first (so none reassigns regions while the cluster goes down), then the
   * region servers (flushing their regions), then ZooKeeper.
   */
  @Override
  public void close() {
    for (Master m : masters) {
      m.stop();
    }
    for (RegionServer rs : regionServers) {
      if (rs.isRunning()) {
        rs.stop();
      }
    }
    if (zooKeeper != null) {
      zooKeeper.close();
    }
  }
}
