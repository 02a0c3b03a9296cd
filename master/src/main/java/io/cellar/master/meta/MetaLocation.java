package io.cellar.master.meta;

import io.cellar.common.schema.ServerName;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import io.cellar.master.schema.ZkErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.KeeperException;

/**
 * Where {@code cellar:meta} is served: the {@code meta-region-server} znode (data = ServerName
 * string), cached. Only the active master writes it. Thread-safe.
 */
public final class MetaLocation {
  private final ZooKeeperClient zk;
  private final ZNodePaths paths;
  private volatile ServerName cached;

  public MetaLocation(ZooKeeperClient zk, ZNodePaths paths) {
    this.zk = zk;
    this.paths = paths;
  }

  /** The server named in ZooKeeper (re-read), or null if meta was never assigned. */
  public ServerName load() throws IOException {
    try {
      cached = zk.getDataIfExists(paths.metaRegionServer(), null)
          .map(v -> ServerName.parse(new String(v.data(), StandardCharsets.UTF_8)))
          .orElse(null);
      return cached;
    } catch (KeeperException e) {
      throw ZkErrors.io("read meta location", e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  /** The cached location (null if unknown). */
  public ServerName get() {
    return cached;
  }

  public void set(ServerName server) throws IOException {
    byte[] data = server.toString().getBytes(StandardCharsets.UTF_8);
    String path = paths.metaRegionServer();
    try {
      try {
        zk.setData(path, data, -1);
      } catch (KeeperException.NoNodeException e) {
        if (!zk.createIfAbsent(path, data)) {
          zk.setData(path, data, -1);
        }
      }
      cached = server;
    } catch (KeeperException e) {
      throw ZkErrors.io("write meta location", e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }
}
