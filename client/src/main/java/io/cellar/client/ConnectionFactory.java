package io.cellar.client;

import io.cellar.client.connection.ClusterConnection;
import io.cellar.common.conf.Configuration;
import java.io.IOException;

/**
 * Creates {@link Connection}s. Reads {@code cellar.zookeeper.quorum} (and
 * {@code cellar.zookeeper.root}) to find the cluster, and the {@code cellar.client.*} settings
 * listed in {@link io.cellar.client.connection.ClientSettings}.
 */
public final class ConnectionFactory {
  private ConnectionFactory() {}

  /** Connects to ZooKeeper now; throws IOException if the quorum cannot be reached. */
  public static Connection createConnection(Configuration conf) throws IOException {
    return ClusterConnection.open(conf);
  }
}
