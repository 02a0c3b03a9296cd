package io.cellar.master.election;

import io.cellar.common.schema.ServerName;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active/backup election on the ephemeral {@code master} znode (data = the active master's
 * ServerName). A candidate that finds the node taken registers itself under
 * {@code backup-masters/<server>} and watches {@code master}; when that node vanishes it tries
 * again. {@code onActive} runs once, on the election's own thread, after this candidate created
 * the node. REQUIRES: one election per ZooKeeper session.
 */
public final class MasterElection implements Watcher {
  private static final Logger LOG = LoggerFactory.getLogger(MasterElection.class);

  private final ZooKeeperClient zk;
  private final ZNodePaths paths;
  private final ServerName me;
  private final Runnable onActive;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "master-election");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean active;
  private volatile boolean closed;

  public MasterElection(ZooKeeperClient zk, ZNodePaths paths, ServerName me, Runnable onActive) {
    this.zk = zk;
    this.paths = paths;
    this.me = me;
    this.onActive = onActive;
  }

  /** Makes the first attempt synchronously: on return this candidate is active or a backup. */
  public void start() throws KeeperException, InterruptedException {
    attempt();
  }

  /** True once this candidate holds the {@code master} znode. */
  public boolean holdsMasterNode() {
    return active;
  }

  private synchronized void attempt() throws KeeperException, InterruptedException {
    if (active || closed) {
      return;
    }
    byte[] data = me.toString().getBytes(StandardCharsets.UTF_8);
    try {
      zk.createEphemeral(paths.master(), data);
      won();
      return;
    } catch (KeeperException.NodeExistsException taken) {
      // someone else is active (or our earlier attempt's node, checked below)
    }
    Optional<ServerName> holder = activeMaster(this);
    if (holder.isEmpty()) {
      // The node vanished between our create and the read: try again from the top.
      thread.execute(this::attemptQuietly);
      return;
    }
    if (holder.get().equals(me)) {
      won();
      return;
    }
    try {
      zk.createEphemeral(paths.backupMaster(me.toString()), data);
      LOG.info("Master {} is a backup; active master is {}", me, holder.get());
    } catch (KeeperException.NodeExistsException already) {
      // registered on an earlier attempt
    }
  }

  private void won() throws KeeperException, InterruptedException {
    active = true;
    try {
      zk.delete(paths.backupMaster(me.toString()), -1);
    } catch (KeeperException.NoNodeException notBackup) {
      // was never a backup
    }
    LOG.info("Master {} is now the active master", me);
    thread.execute(onActive);
  }

  private void attemptQuietly() {
    try {
      attempt();
    } catch (KeeperException e) {
      if (!closed) {
        LOG.warn("Master election attempt failed: {}", e.toString());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void process(WatchedEvent event) {
    if (closed || active) {
      return;
    }
    if (event.getType() == Event.EventType.NodeDeleted
        || event.getType() == Event.EventType.NodeCreated
        || event.getType() == Event.EventType.NodeDataChanged) {
      // Re-check (and re-arm the one-shot watch) off the ZooKeeper event thread.
      thread.execute(this::attemptQuietly);
    }
  }

  /** The active master named in ZooKeeper, leaving {@code watcher} on the node if non-null. */
  public Optional<ServerName> activeMaster(Watcher watcher)
      throws KeeperException, InterruptedException {
    if (watcher != null && zk.exists(paths.master(), watcher).isEmpty()) {
      return Optional.empty();
    }
    return zk.getDataIfExists(paths.master(), null)
        .map(v -> ServerName.parse(new String(v.data(), StandardCharsets.UTF_8)));
  }

  /** The registered backup masters. */
  public List<ServerName> backupMasters() throws KeeperException, InterruptedException {
    List<ServerName> out = new ArrayList<>();
    try {
      for (String child : zk.getChildren(paths.backupMasters(), null)) {
        out.add(ServerName.parse(child));
      }
    } catch (KeeperException.NoNodeException none) {
      return out;
    }
    out.sort(null);
    return out;
  }

  /** Deletes the {@code master} znode if this candidate holds it (clean shutdown). */
  public void resign() {
    closed = true;
    thread.shutdownNow();
    if (!active) {
      return;
    }
    try {
      Optional<ServerName> holder = activeMaster(null);
      if (holder.isPresent() && holder.get().equals(me)) {
        zk.delete(paths.master(), -1);
      }
    } catch (KeeperException e) {
      LOG.debug("Could not delete the master znode on shutdown: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops reacting to events without touching ZooKeeper (abort). */
  public void close() {
    closed = true;
    thread.shutdownNow();
  }
}
