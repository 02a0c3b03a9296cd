package io.cellar.master.meta;

import io.cellar.client.meta.MetaTable;
import io.cellar.common.schema.ServerName;
import io.cellar.master.fs.DeadServerWals;
import io.cellar.master.server.RegionServerCalls;
import io.cellar.master.server.ServerTracker;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code cellar:meta} open somewhere: if its recorded server is missing or dead, splits
 * the dead server's WAL (meta's own edits are in it) and opens meta on the first live
 * server, then records the new location. REQUIRES: called under the master's procedure lock.
 */
public final class MetaAssignment {
  private static final Logger LOG = LoggerFactory.getLogger(MetaAssignment.class);

  private final MetaLocation location;
  private final ServerTracker servers;
  private final RegionServerCalls calls;
  private final DeadServerWals wals;

  public MetaAssignment(MetaLocation location, ServerTracker servers, RegionServerCalls calls,
      DeadServerWals wals) {
    this.location = location;
    this.servers = servers;
    this.calls = calls;
    this.wals = wals;
  }

  /** True if meta's recorded server is live. */
  public boolean isOnline() {
    ServerName s = location.get();
    return s != null && servers.isLive(s);
  }

  /** Makes sure meta is open on a live server; returns that server. */
  public ServerName ensureOnline() throws IOException {
    ServerName current = location.get();
    if (current != null && servers.isLive(current)) {
      return current;
    }
    if (current != null) {
      wals.split(current);
    }
    List<ServerName> live = servers.liveServers();
    if (live.isEmpty()) {
      throw new IOException("No live region server to open cellar:meta on");
    }
    IOException last = null;
    for (ServerName target : live) {
      try {
        long start = System.nanoTime();
        calls.openRegion(target, MetaTable.REGION, MetaTable.DESCRIPTOR);
        location.set(target);
        LOG.info("cellar:meta is open on {} (was {}), {} ms", target, current,
            (System.nanoTime() - start) / 1_000_000);
        return target;
      } catch (IOException e) {
        LOG.warn("Opening cellar:meta on {} failed: {}", target, e.toString());
        last = e;
      }
    }
    throw last;
  }
}
