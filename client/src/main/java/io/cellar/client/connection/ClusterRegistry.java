package io.cellar.client.connection;

import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.zookeeper.KeeperException;

/**
 * What a client reads from ZooKeeper: the active master ({@code master}), the server holding
 * meta ({@code meta-region-server}) and a table's state ({@code table/<name>}). Owns one
 * session; when it expires the next read opens a new one. Reads always go to ZooKeeper: callers
 * cache and call again after a failure. Thread-safe.
 */
public final class ClusterRegistry implements AutoCloseable {
  private final Configuration conf;
  private final ZNodePaths paths;
  private ZooKeeperClient zk; // guarded by this
  private boolean closed; // guarded by this

  private ClusterRegistry(Configuration conf, ZooKeeperClient zk) {
    this.conf = conf;
    this.paths = ZNodePaths.fromConf(conf);
    this.zk = zk;
  }

  /** Connects now, so a wrong quorum fails the connection's creation. */
  public static ClusterRegistry connect(Configuration conf) throws IOException {
    return new ClusterRegistry(conf, newSession(conf));
  }

  private static ZooKeeperClient newSession(Configuration conf) throws IOException {
    try {
      return ZooKeeperClient.connect(conf, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted connecting to ZooKeeper");
    }
  }

  private synchronized ZooKeeperClient session() throws IOException {
    if (closed) {
      throw new CellarException("Connection closed");
    }
    if (zk.isExpired()) {
      zk.close();
      zk = newSession(conf);
    }
    return zk;
  }

  /** The active master, or empty if none is registered. */
  public Optional<ServerName> activeMaster() throws IOException {
    return readServer(paths.master());
  }

  /** The server holding meta, or empty if meta is not assigned. */
  public Optional<ServerName> metaServer() throws IOException {
    return readServer(paths.metaRegionServer());
  }

  /** The table's state, or empty if the table has no state node (unknown table). */
  public Optional<TableStateProto> tableState(TableName table) throws IOException {
    Optional<String> s = read(paths.table(table.getNameAsString()));
    if (s.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(TableStateProto.valueOf(s.get()));
    } catch (IllegalArgumentException e) {
      throw new CellarException("Corrupt state '" + s.get() + "' of table " + table);
    }
  }

  private Optional<ServerName> readServer(String path) throws IOException {
    Optional<String> s = read(path);
    if (s.isEmpty() || s.get().isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ServerName.parse(s.get()));
    } catch (IllegalArgumentException e) {
      throw new CellarException("Corrupt server name in ZooKeeper " + path + ": " + s.get());
    }
  }

  private Optional<String> read(String path) throws IOException {
    try {
      return session().getDataIfExists(path, null)
          .map(v -> new String(v.data(), StandardCharsets.UTF_8));
    } catch (KeeperException e) {
      throw new CellarException("ZooKeeper read of " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("Interrupted reading " + path + " from ZooKeeper");
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      zk.close();
    }
  }
}
