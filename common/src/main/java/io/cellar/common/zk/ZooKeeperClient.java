package io.cellar.common.zk;

import io.cellar.common.conf.Configuration;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thin wrapper over one ZooKeeper session: waits for the connection, creates parents as needed,
 * and retries connection-loss errors where a retry cannot change the outcome (reads, deletes,
 * unconditional sets; creates and conditional sets check after a retry whether the first attempt
 * already landed). Session expiry is never retried: it goes to the {@link SessionListener} and
 * every later call fails with {@link KeeperException.SessionExpiredException}; make a new client.
 * Watchers are plain ZooKeeper {@link Watcher}s (one-shot); {@code null} means no watch.
 * Thread-safe. All nodes get open ACLs (the cluster trusts its network, as in DESIGN.md).
 */
public final class ZooKeeperClient implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperClient.class);

  /** ZooKeeper connect string, e.g. "zk1:2181,zk2:2181". */
  public static final String QUORUM = "cellar.zookeeper.quorum";
  public static final String DEFAULT_QUORUM = "127.0.0.1:2181";
  public static final String SESSION_TIMEOUT_MS = "cellar.zookeeper.session.timeout.ms";
  public static final int DEFAULT_SESSION_TIMEOUT_MS = 30_000;
  public static final String CONNECT_TIMEOUT_MS = "cellar.zookeeper.connect.timeout.ms";
  public static final long DEFAULT_CONNECT_TIMEOUT_MS = 30_000;
  /** Attempts for an operation that keeps hitting connection loss. */
  public static final String RETRIES = "cellar.zookeeper.retries";
  public static final int DEFAULT_RETRIES = 8;
  public static final String RETRY_PAUSE_MS = "cellar.zookeeper.retry.pause.ms";
  public static final long DEFAULT_RETRY_PAUSE_MS = 250;

  /** One ZooKeeper call, retried by {@link #retrying}. */
  @FunctionalInterface
  private interface ZkCall<T> {
    T run(boolean isRetry) throws KeeperException, InterruptedException;
  }

  private final ZooKeeper zk;
  private final String quorum;
  private final SessionListener listener;
  private final int retries;
  private final long retryPauseMs;
  private final CountDownLatch firstConnect = new CountDownLatch(1);
  private volatile boolean expired;

  private ZooKeeperClient(String quorum, int sessionTimeoutMs, SessionListener listener,
      int retries, long retryPauseMs) throws IOException {
    this.quorum = quorum;
    this.listener = listener;
    this.retries = Math.max(1, retries);
    this.retryPauseMs = retryPauseMs;
    this.zk = new ZooKeeper(quorum, sessionTimeoutMs, this::onSessionEvent);
  }

  /** Connects and waits until the session is established or {@code connectTimeoutMs} passes. */
  public static ZooKeeperClient connect(String quorum, int sessionTimeoutMs, long connectTimeoutMs,
      SessionListener listener) throws IOException, InterruptedException {
    return connect(quorum, sessionTimeoutMs, connectTimeoutMs, listener, DEFAULT_RETRIES,
        DEFAULT_RETRY_PAUSE_MS);
  }

  /** Connects with the {@code cellar.zookeeper.*} settings of {@code conf}. */
  public static ZooKeeperClient connect(Configuration conf, SessionListener listener)
      throws IOException, InterruptedException {
    return connect(conf.get(QUORUM, DEFAULT_QUORUM),
        conf.getInt(SESSION_TIMEOUT_MS, DEFAULT_SESSION_TIMEOUT_MS),
        conf.getLong(CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS), listener,
        conf.getInt(RETRIES, DEFAULT_RETRIES), conf.getLong(RETRY_PAUSE_MS, DEFAULT_RETRY_PAUSE_MS));
  }

  private static ZooKeeperClient connect(String quorum, int sessionTimeoutMs,
      long connectTimeoutMs, SessionListener listener, int retries, long retryPauseMs)
      throws IOException, InterruptedException {
    ZooKeeperClient c = new ZooKeeperClient(quorum, sessionTimeoutMs,
        listener == null ? SessionListener.NONE : listener, retries, retryPauseMs);
    if (!c.firstConnect.await(connectTimeoutMs, TimeUnit.MILLISECONDS)) {
      c.close();
      throw new IOException("cannot connect to ZooKeeper at " + quorum + " within "
          + connectTimeoutMs + " ms");
    }
    return c;
  }

  private void onSessionEvent(WatchedEvent e) {
    if (e.getType() != Watcher.Event.EventType.None) {
      return;
    }
    switch (e.getState()) {
      case SyncConnected, ConnectedReadOnly -> {
        firstConnect.countDown();
        listener.connected();
      }
      case Disconnected -> listener.disconnected();
      case Expired -> {
        expired = true;
        LOG.warn("ZooKeeper session 0x{} expired", Long.toHexString(zk.getSessionId()));
        listener.sessionExpired();
      }
      default -> { }
    }
  }

  /** True once the session expired; nothing more will succeed on this client. */
  public boolean isExpired() {
    return expired;
  }

  public long getSessionId() {
    return zk.getSessionId();
  }

  public String getQuorum() {
    return quorum;
  }

  /** The underlying client, for operations this wrapper does not cover. */
  public ZooKeeper getZooKeeper() {
    return zk;
  }

  /**
   * Creates {@code path} with {@code data} in the given mode, creating missing parents as empty
   * persistent nodes. Returns the created path (differs from {@code path} for sequential modes).
   * Throws NodeExistsException if the node exists (and was not made by this call's retry).
   */
  public String create(String path, byte[] data, CreateMode mode)
      throws KeeperException, InterruptedException {
    ensureParent(path);
    return retrying("create " + path, retry -> {
      for (int parentRaces = 0; ; parentRaces++) {
        try {
          return zk.create(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, mode);
        } catch (KeeperException.NodeExistsException e) {
          if (retry && !mode.isSequential() && createdByUs(path, data, mode)) {
            return path; // the attempt that lost its connection had succeeded
          }
          throw e;
        } catch (KeeperException.NoNodeException e) {
          if (parentRaces >= 3) {
            throw e;
          }
          ensureParent(path); // a parent was deleted meanwhile
        }
      }
    }, !mode.isSequential());
  }

  private boolean createdByUs(String path, byte[] data, CreateMode mode)
      throws KeeperException, InterruptedException {
    Stat stat = new Stat();
    byte[] existing = zk.getData(path, false, stat);
    if (mode.isEphemeral()) {
      return stat.getEphemeralOwner() == zk.getSessionId();
    }
    return Arrays.equals(existing, data);
  }

  public String createPersistent(String path, byte[] data)
      throws KeeperException, InterruptedException {
    return create(path, data, CreateMode.PERSISTENT);
  }

  /** An ephemeral node: it disappears when this session ends. */
  public String createEphemeral(String path, byte[] data)
      throws KeeperException, InterruptedException {
    return create(path, data, CreateMode.EPHEMERAL);
  }

  /** Creates a persistent node unless it exists; true if this call created it. */
  public boolean createIfAbsent(String path, byte[] data)
      throws KeeperException, InterruptedException {
    try {
      create(path, data, CreateMode.PERSISTENT);
      return true;
    } catch (KeeperException.NodeExistsException e) {
      return false;
    }
  }

  /** Makes sure {@code path} and its parents exist (empty persistent nodes where missing). */
  public void ensurePath(String path) throws KeeperException, InterruptedException {
    String[] parts = path.substring(1).split("/");
    StringBuilder p = new StringBuilder();
    for (String part : parts) {
      if (part.isEmpty()) {
        continue;
      }
      p.append('/').append(part);
      String current = p.toString();
      retrying("ensure " + current, retry -> {
        try {
          if (zk.exists(current, false) == null) {
            zk.create(current, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
          }
        } catch (KeeperException.NodeExistsException raced) {
          // someone else made it: fine
        }
        return null;
      }, true);
    }
  }

  private void ensureParent(String path) throws KeeperException, InterruptedException {
    int slash = path.lastIndexOf('/');
    if (slash > 0) {
      ensurePath(path.substring(0, slash));
    }
  }

  /** The node's stat, or empty if absent; {@code watcher} fires on create, change or delete. */
  public Optional<Stat> exists(String path, Watcher watcher)
      throws KeeperException, InterruptedException {
    return Optional.ofNullable(retrying("exists " + path,
        retry -> watcher == null ? zk.exists(path, false) : zk.exists(path, watcher), true));
  }

  /** Data and version; throws NoNodeException if absent. {@code watcher} fires on change/delete. */
  public VersionedData getData(String path, Watcher watcher)
      throws KeeperException, InterruptedException {
    return retrying("get " + path, retry -> {
      Stat stat = new Stat();
      byte[] data = watcher == null ? zk.getData(path, false, stat)
          : zk.getData(path, watcher, stat);
      return new VersionedData(data == null ? new byte[0] : data, stat.getVersion());
    }, true);
  }

  /** Like {@link #getData} but empty when the node does not exist (no watch is left then). */
  public Optional<VersionedData> getDataIfExists(String path, Watcher watcher)
      throws KeeperException, InterruptedException {
    try {
      return Optional.of(getData(path, watcher));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    }
  }

  /**
   * Sets the data if the node's version is {@code expectedVersion} (-1: any version); returns the
   * new version. Throws BadVersionException on a lost race, NoNodeException if absent.
   */
  public int setData(String path, byte[] data, int expectedVersion)
      throws KeeperException, InterruptedException {
    return retrying("set " + path, retry -> {
      try {
        return zk.setData(path, data, expectedVersion).getVersion();
      } catch (KeeperException.BadVersionException e) {
        if (retry) { // did the attempt that lost its connection land?
          Stat stat = new Stat();
          byte[] now = zk.getData(path, false, stat);
          if (stat.getVersion() == expectedVersion + 1 && Arrays.equals(now, data)) {
            return stat.getVersion();
          }
        }
        throw e;
      }
    }, true);
  }

  /** Child names (not paths); throws NoNodeException if absent. {@code watcher} fires on change. */
  public List<String> getChildren(String path, Watcher watcher)
      throws KeeperException, InterruptedException {
    return retrying("children " + path, retry -> watcher == null
        ? zk.getChildren(path, false) : zk.getChildren(path, watcher), true);
  }

  /** Deletes one childless node at {@code version} (-1: any). Throws NoNodeException if absent. */
  public void delete(String path, int version) throws KeeperException, InterruptedException {
    retrying("delete " + path, retry -> {
      try {
        zk.delete(path, version);
      } catch (KeeperException.NoNodeException e) {
        if (!retry) {
          throw e;
        }
      }
      return null;
    }, true);
  }

  /** Deletes {@code path} and everything under it; absent nodes are fine. */
  public void deleteRecursive(String path) throws KeeperException, InterruptedException {
    List<String> children;
    try {
      children = getChildren(path, null);
    } catch (KeeperException.NoNodeException e) {
      return;
    }
    for (String child : children) {
      deleteRecursive(path.equals("/") ? "/" + child : path + "/" + child);
    }
    try {
      delete(path, -1);
    } catch (KeeperException.NoNodeException gone) {
      // deleted concurrently
    } catch (KeeperException.NotEmptyException raced) {
      deleteRecursive(path); // a child appeared meanwhile
    }
  }

  /** Runs the operations atomically (all or none). Not retried: the caller decides. */
  public List<OpResult> multi(Iterable<Op> ops) throws KeeperException, InterruptedException {
    return zk.multi(ops);
  }

  private <T> T retrying(String what, ZkCall<T> call, boolean idempotent)
      throws KeeperException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run(attempt > 1);
      } catch (KeeperException.ConnectionLossException
          | KeeperException.OperationTimeoutException e) {
        if (!idempotent || attempt >= retries) {
          throw e;
        }
        LOG.debug("ZooKeeper {} attempt {} lost the connection; retrying", what, attempt);
        Thread.sleep(retryPauseMs * attempt);
      }
    }
  }

  @Override
  public void close() {
    try {
      zk.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
