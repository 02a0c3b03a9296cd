package io.cellar.common.zk;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache ZooKeeper's real single-node server, in this JVM on 127.0.0.1, keeping its snapshots and
 * transaction log under a data directory (so a restart on the same directory keeps the data).
 * Used by standalone mode and tests. Start once; stop with {@link #close()}.
 */
public final class EmbeddedZooKeeper implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
  private static final int TICK_MS = 500;
  private static final int MAX_CLIENT_CONNECTIONS = 1000;

  private final Path dataDir;
  private final int requestedPort;
  private ZooKeeperServer server;
  private ServerCnxnFactory factory;

  /** A server on a free port. */
  public EmbeddedZooKeeper(Path dataDir) {
    this(dataDir, 0);
  }

  /** {@code port} 0 picks a free port. */
  public EmbeddedZooKeeper(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.requestedPort = port;
  }

  public synchronized void start() throws IOException {
    if (factory != null) {
      throw new IllegalStateException("EmbeddedZooKeeper already started");
    }
    Path snaps = Files.createDirectories(dataDir.resolve("snapshots"));
    Path logs = Files.createDirectories(dataDir.resolve("txnlog"));
    ZooKeeperServer zks = new ZooKeeperServer(snaps.toFile(), logs.toFile(), TICK_MS);
    // Clients ask for sessions of 1 s (tests) to 60 s (servers); allow that whole range.
    zks.setMinSessionTimeout(2 * TICK_MS);
    zks.setMaxSessionTimeout(120 * TICK_MS);
    ServerCnxnFactory f = ServerCnxnFactory.createFactory(
        new InetSocketAddress("127.0.0.1", requestedPort), MAX_CLIENT_CONNECTIONS);
    try {
      f.startup(zks);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.shutdown();
      throw new IOException("interrupted while starting ZooKeeper", e);
    }
    server = zks;
    factory = f;
    LOG.info("Embedded ZooKeeper on {} (data {})", getConnectString(), dataDir);
  }

  /** The port clients connect to. REQUIRES: started. */
  public synchronized int getPort() {
    if (factory == null) {
      throw new IllegalStateException("EmbeddedZooKeeper not started");
    }
    return factory.getLocalPort();
  }

  /** "127.0.0.1:port". REQUIRES: started. */
  public String getConnectString() {
    return "127.0.0.1:" + getPort();
  }

  public synchronized boolean isRunning() {
    return server != null && server.isRunning();
  }

  /** Stops the server; sessions end and clients see Disconnected. Idempotent. */
  @Override
  public synchronized void close() {
    if (factory == null) {
      return;
    }
    factory.shutdown();
    server.shutdown(true);
    factory = null;
    server = null;
    LOG.info("Embedded ZooKeeper stopped");
  }
}
