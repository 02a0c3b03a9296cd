package io.cellar.master.assign;

import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.rpc.CallTimeoutException;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.master.meta.MetaClient;
import io.cellar.master.server.RegionServerCalls;
import io.cellar.master.server.ServerTracker;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens, closes and moves user regions on region servers and records each transition in meta
 * (OPENING → OPEN, CLOSING → CLOSED) and in {@link RegionStates}. Batches run in parallel on
 * {@code pool}. An open that fails on one server is retried on another live server. A close on a
 * server that is gone counts as closed (crash recovery owns that server's regions then).
 * REQUIRES: meta is online (callers go through the master's procedure lock).
 */
public final class RegionAssigner {
  private static final Logger LOG = LoggerFactory.getLogger(RegionAssigner.class);

  private final RegionServerCalls calls;
  private final MetaClient meta;
  private final RegionStates states;
  private final ServerTracker servers;
  private final ExecutorService pool;

  public RegionAssigner(RegionServerCalls calls, MetaClient meta, RegionStates states,
      ServerTracker servers, ExecutorService pool) {
    this.calls = calls;
    this.meta = meta;
    this.states = states;
    this.servers = servers;
    this.pool = pool;
  }

  /** Opens {@code region} on {@code target} and records it OPEN there. */
  public void open(RegionInfo region, TableDescriptor td, ServerName target) throws IOException {
    meta.mutate(MetaTable.toPut(region, target, RegionState.OPENING));
    states.update(region, target, RegionState.OPENING);
    try {
      calls.openRegion(target, region, td);
    } catch (CallTimeoutException e) {
      throw e; // still OPENING there: the server may finish the open (a long replay)
    } catch (IOException e) {
      meta.mutate(MetaTable.toPut(region, null, RegionState.OFFLINE));
      states.update(region, null, RegionState.OFFLINE);
      throw e;
    }
    meta.mutate(MetaTable.toPut(region, target, RegionState.OPEN));
    states.update(region, target, RegionState.OPEN);
  }

  /**
   * Opens {@code region} on {@code preferred} (null: the least loaded live server), falling back
   * to other live servers; returns where it opened. A region already recorded on a live server
   * (opening, open or closing there: e.g. a master died mid-open) is opened on that server
   * whatever the preference, since it may be serving there already (a repeated open is a no-op)
   * and must never be open on two servers. For the same reason an open that timed out on a
   * live server is not retried elsewhere: the region stays OPENING there and the error goes to
   * the caller (whose retry opens it on that server again).
   */
  public ServerName assign(RegionInfo region, TableDescriptor td, ServerName preferred)
      throws IOException {
    Set<ServerName> tried = new HashSet<>();
    IOException last = null;
    RegionLocation recorded = states.get(region);
    if (recorded != null && recorded.server() != null
        && RegionStates.isOnServer(recorded.state()) && servers.isLive(recorded.server())) {
      preferred = recorded.server();
    }
    ServerName target = preferred != null && servers.isLive(preferred) ? preferred : null;
    while (true) {
      if (target == null) {
        target = leastLoaded(tried);
      }
      if (target == null) {
        throw last != null ? last
            : new IOException("No live region server to open " + region + " on");
      }
      tried.add(target);
      try {
        open(region, td, target);
        return target;
      } catch (DoNotRetryException e) {
        throw e;
      } catch (CallTimeoutException e) {
        if (servers.isLive(target)) {
          // Opening elsewhere could leave it open twice; the caller retries on this server.
          throw e;
        }
        last = e;
        target = null;
      } catch (IOException e) {
        LOG.warn("Opening {} on {} failed: {}", region, target, e.toString());
        last = e;
        target = null;
      }
    }
  }

  /** Opens every region, spread over live servers ({@link AssignmentPlans#place}), in parallel. */
  public void assignAll(List<RegionInfo> regions, TableDescriptor td) throws IOException {
    if (regions.isEmpty()) {
      return;
    }
    Map<ServerName, List<RegionInfo>> current = openBy();
    if (current.isEmpty()) {
      throw new IOException("No live region server to open " + td.getTableName() + " on");
    }
    Map<RegionInfo, ServerName> plan = AssignmentPlans.place(regions, current);
    List<Future<ServerName>> futures = new ArrayList<>();
    for (Map.Entry<RegionInfo, ServerName> e : plan.entrySet()) {
      futures.add(pool.submit(() -> assign(e.getKey(), td, e.getValue())));
    }
    waitAll(futures);
  }

  /** Closes the region where it is recorded and records it CLOSED (no server). */
  public void close(RegionLocation loc, boolean skipFlush) throws IOException {
    RegionInfo region = loc.region();
    ServerName server = loc.server();
    if (server != null && RegionStates.isOnServer(loc.state()) && servers.isLive(server)) {
      meta.mutate(MetaTable.toPut(region, server, RegionState.CLOSING));
      states.update(region, server, RegionState.CLOSING);
      try {
        calls.closeRegion(server, region, skipFlush);
      } catch (NotServingRegionException e) {
        LOG.debug("{} was not open on {}", region, server);
      } catch (IOException e) {
        if (servers.isLive(server)) {
          throw e;
        }
        LOG.info("{} died while closing {}; counting it closed", server, region);
      }
    }
    meta.mutate(MetaTable.toPut(region, null, RegionState.CLOSED));
    states.update(region, null, RegionState.CLOSED);
  }

  /** Closes every region, in parallel. */
  public void closeAll(List<RegionLocation> regions, boolean skipFlush) throws IOException {
    List<Future<Void>> futures = new ArrayList<>();
    for (RegionLocation loc : regions) {
      futures.add(pool.submit(() -> {
        close(loc, skipFlush);
        return null;
      }));
    }
    waitAll(futures);
  }

  /** Closes the region where it is and opens it on {@code to} (or elsewhere if that fails). */
  public ServerName move(RegionLocation loc, ServerName to, TableDescriptor td)
      throws IOException {
    close(loc, false);
    return assign(loc.region(), td, to);
  }

  /** Open regions per live server (every live server present). */
  public Map<ServerName, List<RegionInfo>> openBy() {
    return states.openBy(servers.liveServers());
  }

  private ServerName leastLoaded(Set<ServerName> exclude) {
    ServerName best = null;
    int bestCount = Integer.MAX_VALUE;
    for (Map.Entry<ServerName, List<RegionInfo>> e : openBy().entrySet()) {
      if (!exclude.contains(e.getKey()) && e.getValue().size() < bestCount) {
        best = e.getKey();
        bestCount = e.getValue().size();
      }
    }
    return best;
  }

  private static <T> void waitAll(List<Future<T>> futures) throws IOException {
    IOException first = null;
    for (Future<T> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted waiting for region transitions");
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (first == null) {
          first = c instanceof IOException io ? io : new IOException(c.toString(), c);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
