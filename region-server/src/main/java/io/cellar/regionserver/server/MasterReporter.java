package io.cellar.regionserver.server;

import com.google.protobuf.ByteString;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.proto.MasterSplitRegionRequest;
import io.cellar.common.proto.MasterSplitRegionResponse;
import io.cellar.common.proto.RegionServerReportRequest;
import io.cellar.common.proto.RegionServerReportResponse;
import io.cellar.common.proto.RegionServerStartupRequest;
import io.cellar.common.proto.RegionServerStartupResponse;
import io.cellar.common.proto.ServerLoadProto;
import io.cellar.common.rpc.RpcClient;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.zk.VersionedData;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.io.Closeable;
import io.cellar.regionserver.Region;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the active master informed: finds it in the {@code master} znode (watched, so a new
 * master is noticed at once), sends it RegionServerStartup, then RegionServerReport with the
 * server's load every interval. A new master (a different ServerName in the znode) gets a
 * startup again. After each report it asks the master to split the regions that outgrew
 * MAX_FILESIZE ({@link SplitRequests}). Failures (no master yet, master down or switching) are logged and retried at
 * the next interval; they never stop the server. One daemon thread.
 */
final class MasterReporter implements Closeable {
  static final String SERVICE = "MasterService";
  private static final Logger LOG = LoggerFactory.getLogger(MasterReporter.class);

  private final ZooKeeperClient zk;
  private final ZNodePaths paths;
  private final RpcClient rpc;
  private final ServerName self;
  private final Supplier<ServerLoadProto> load;
  private final Supplier<List<Region>> regions;
  private final SplitRequests splits = new SplitRequests();
  private final Consumer<Map<String, String>> startupConfig;
  private final long intervalMs;
  private final long rpcTimeoutMs;
  private final Thread thread;
  private final Object wakeUp = new Object();
  private volatile boolean masterChanged = true;
  private volatile boolean closed;
  private volatile ServerName master;
  private ServerName startedWith; // the master that accepted our startup; reporter thread only
  private volatile long reportsSent;
  private boolean failing; // reporter thread only: log a failure streak once

  MasterReporter(ZooKeeperClient zk, ZNodePaths paths, RpcClient rpc, ServerName self,
      Supplier<ServerLoadProto> load, Supplier<List<Region>> regions,
      Consumer<Map<String, String>> startupConfig, long intervalMs, long rpcTimeoutMs) {
    this.zk = zk;
    this.paths = paths;
    this.rpc = rpc;
    this.self = self;
    this.load = load;
    this.regions = regions;
    this.startupConfig = startupConfig;
    this.intervalMs = intervalMs;
    this.rpcTimeoutMs = rpcTimeoutMs;
    this.thread = new Thread(this::run, "master-reporter-" + self);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** The active master last read from ZooKeeper, or null if none is known. */
  ServerName getMaster() {
    return master;
  }

  /** Reports the current master acknowledged (startup included); for tests and metrics. */
  long getReportsSent() {
    return reportsSent;
  }

  private final Watcher masterWatcher = event -> {
    masterChanged = true;
    wake();
  };

  private void wake() {
    synchronized (wakeUp) {
      wakeUp.notifyAll();
    }
  }

  private void run() {
    while (!closed) {
      try {
        if (masterChanged) {
          masterChanged = false;
          master = readMaster();
        }
        ServerName m = master;
        if (m != null) {
          if (!m.equals(startedWith)) {
            sendStartup(m);
            startedWith = m;
          } else {
            sendReport(m);
          }
          requestSplits(m);
          reportsSent++;
          if (failing) {
            LOG.info("Reporting to master {} again", m);
            failing = false;
          }
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        if (closed) {
          return;
        }
        if (e instanceof KeeperException) {
          masterChanged = true; // read the znode again next time
        }
        if (!failing) {
          LOG.warn("Cannot report to the master {} (will keep trying every {} ms): {}",
              master, intervalMs, e.toString());
          failing = true;
        }
      }
      pause();
    }
  }

  private void pause() {
    synchronized (wakeUp) {
      if (closed || masterChanged) {
        return;
      }
      try {
        wakeUp.wait(intervalMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The master in the znode (watching it), or null (watching for its creation). */
  private ServerName readMaster() throws KeeperException, InterruptedException {
    Optional<VersionedData> data = zk.getDataIfExists(paths.master(), masterWatcher);
    if (data.isEmpty()) {
      zk.exists(paths.master(), masterWatcher);
      data = zk.getDataIfExists(paths.master(), null); // created between the two calls?
      if (data.isEmpty()) {
        LOG.debug("No active master in ZooKeeper yet");
        return null;
      }
      masterChanged = true; // make sure the next round sets a data watch on it
    }
    String text = new String(data.get().data(), StandardCharsets.UTF_8).trim();
    try {
      return ServerName.parse(text);
    } catch (IllegalArgumentException e) {
      LOG.warn("The master znode holds '{}', not a server name", text);
      return null;
    }
  }

  private void sendStartup(ServerName m) throws Exception {
    RegionServerStartupResponse resp = call(m, "RegionServerStartup",
        RegionServerStartupRequest.newBuilder().setServer(self.toProto()).build(),
        RegionServerStartupResponse.parser());
    LOG.info("Registered with master {}", m);
    startupConfig.accept(resp.getConfigMap());
  }

  private void sendReport(ServerName m) throws Exception {
    call(m, "RegionServerReport",
        RegionServerReportRequest.newBuilder().setLoad(load.get()).build(),
        RegionServerReportResponse.parser());
  }

  /** Asks the master to split the regions over MAX_FILESIZE. */
  private void requestSplits(ServerName m) throws Exception {
    for (RegionInfo r : splits.due(regions.get())) {
      try {
        call(m, "MasterSplitRegion", MasterSplitRegionRequest.newBuilder()
            .setRegionName(ByteString.copyFrom(r.getRegionName())).build(),
            MasterSplitRegionResponse.parser());
        splits.done(r);
      } catch (DoNotRetryException e) {
        LOG.info("The master declined to split region {}: {}", r.getEncodedName(),
            e.getMessage());
        splits.done(r);
      }
    }
  }

  private <R> R call(ServerName m, String method, com.google.protobuf.Message req,
      com.google.protobuf.Parser<R> parser) throws Exception {
    try {
      return rpc.call(m.getAddress(), SERVICE, method, req, parser, rpcTimeoutMs)
          .get(rpcTimeoutMs + 1000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
    }
  }

  @Override
  public void close() {
    closed = true;
    wake();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
