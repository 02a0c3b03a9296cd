package io.cellar.it.client;

import io.cellar.common.conf.Configuration;
import io.cellar.tools.LocalCluster;
import java.io.IOException;
import java.nio.file.Path;

/** A 3-region-server in-process cluster for the client end-to-end tests. */
final class ClientClusterFixture {
  /** Cells over this many bytes are refused by the region servers (oversized-value tests). */
  static final int MAX_CELL_BYTES = 64 * 1024;

  private ClientClusterFixture() {}

  static LocalCluster start(Path dir, int regionServers) throws IOException {
    return start(dir, regionServers, new Configuration());
  }

  /** Like {@link #start(Path, int)}, adding the {@code extra} settings (cluster and client). */
  static LocalCluster start(Path dir, int regionServers, Configuration extra)
      throws IOException {
    Configuration c = new Configuration(extra);
    c.setInt(LocalCluster.ZK_PORT_KEY, 0);
    c.setInt("cellar.master.port", 0);
    c.setInt("cellar.regionserver.port", 0);
    c.setInt("cellar.zookeeper.session.timeout.ms", 4000);
    c.setLong("cellar.regionserver.report.interval.ms", 500);
    c.set("cellar.blockcache.fraction", "0.05");
    c.setLong("cellar.region.max.cell.size", MAX_CELL_BYTES);
    return new LocalCluster(c, dir, regionServers).start();
  }

  /** Client settings: the cluster's, with short pauses so retries in tests stay quick. */
  static Configuration clientConf(LocalCluster cluster) {
    Configuration c = cluster.getConfiguration();
    c.setLong("cellar.client.pause.ms", 50);
    c.setLong("cellar.client.operation.timeout.ms", 30_000);
    return c;
  }
}
