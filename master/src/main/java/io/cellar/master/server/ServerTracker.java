package io.cellar.master.server;

import io.cellar.common.proto.ServerLoadProto;
import io.cellar.common.schema.ServerName;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which region servers are alive: the {@code rs/} znode children are the truth (watched); the
 * loads come from RegionServerStartup/Report calls. A server whose znode vanishes, or that is
 * replaced by a newer incarnation on the same host and port, is reported dead once to
 * {@code onDeath} (on the tracker's own thread) and remembered in a bounded dead list.
 * Thread-safe.
 */
public final class ServerTracker implements Watcher {
  private static final Logger LOG = LoggerFactory.getLogger(ServerTracker.class);
  private static final int DEAD_LIST_SIZE = 100;

  private final ZooKeeperClient zk;
  private final ZNodePaths paths;
  private final Consumer<ServerName> onDeath;
  private final Map<ServerName, ServerLoadProto> live = new ConcurrentHashMap<>();
  private final Deque<ServerName> dead = new ArrayDeque<>();
  private final Map<ServerName, Long> lossNanos = new ConcurrentHashMap<>();
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "server-tracker");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closed;

  public ServerTracker(ZooKeeperClient zk, ZNodePaths paths, Consumer<ServerName> onDeath) {
    this.zk = zk;
    this.paths = paths;
    this.onDeath = onDeath;
  }

  /** Reads {@code rs/} and starts watching it. */
  public void start() throws KeeperException, InterruptedException {
    zk.ensurePath(paths.regionServers());
    refresh();
  }

  private synchronized void refresh() throws KeeperException, InterruptedException {
    if (closed) {
      return;
    }
    Set<ServerName> now = new HashSet<>();
    for (String child : zk.getChildren(paths.regionServers(), this)) {
      try {
        now.add(ServerName.parse(child));
      } catch (IllegalArgumentException e) {
        LOG.warn("Ignoring malformed region server znode {}", child);
      }
    }
    // A newer incarnation on the same host:port means the older one is gone.
    Set<ServerName> superseded = new HashSet<>();
    for (ServerName a : now) {
      for (ServerName b : now) {
        if (a.getAddress().equals(b.getAddress()) && a.getStartCode() < b.getStartCode()) {
          superseded.add(a);
        }
      }
    }
    now.removeAll(superseded);
    for (ServerName s : now) {
      if (!live.containsKey(s)) {
        live.put(s, ServerLoadProto.newBuilder().setServer(s.toProto()).build());
        LOG.info("Region server {} is online ({} live)", s, live.size());
      }
    }
    for (ServerName s : new ArrayList<>(live.keySet())) {
      if (!now.contains(s)) {
        live.remove(s);
        lossNanos.put(s, System.nanoTime());
        synchronized (dead) {
          dead.addLast(s);
          while (dead.size() > DEAD_LIST_SIZE) {
            dead.removeFirst();
          }
        }
        LOG.warn("Region server {} is gone ({} live)", s, live.size());
        onDeath.accept(s);
      }
    }
  }

  @Override
  public void process(WatchedEvent event) {
    if (closed || event.getType() != Event.EventType.NodeChildrenChanged) {
      return;
    }
    thread.execute(() -> {
      try {
        refresh();
      } catch (KeeperException e) {
        LOG.warn("Cannot read region servers: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  /** Records a server's load (from a startup or report call). False if it is not live. */
  public boolean recordLoad(ServerName server, ServerLoadProto load) {
    if (!isLive(server)) {
      // It may have registered its znode a moment before our watch fired: look again.
      try {
        refresh();
      } catch (KeeperException e) {
        LOG.debug("Cannot refresh region servers: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return live.computeIfPresent(server, (s, old) -> load.toBuilder()
        .setServer(s.toProto()).build()) != null;
  }

  public boolean isLive(ServerName server) {
    return live.containsKey(server);
  }

  /** Live servers, sorted. */
  public List<ServerName> liveServers() {
    return new ArrayList<>(new TreeSet<>(live.keySet()));
  }

  /** Last known load of each live server. */
  public List<ServerLoadProto> liveLoads() {
    List<ServerLoadProto> out = new ArrayList<>();
    for (ServerName s : liveServers()) {
      ServerLoadProto l = live.get(s);
      if (l != null) {
        out.add(l);
      }
    }
    return out;
  }

  /** Last known load of a live server, or null. */
  public ServerLoadProto load(ServerName server) {
    return live.get(server);
  }

  /** Recently dead servers, oldest first. */
  public List<ServerName> deadServers() {
    synchronized (dead) {
      return new ArrayList<>(dead);
    }
  }

  /** System.nanoTime() when the server's loss was seen, or null if never seen dead. */
  public Long lossNanos(ServerName server) {
    return lossNanos.get(server);
  }

  public void close() {
    closed = true;
    thread.shutdownNow();
  }
}
