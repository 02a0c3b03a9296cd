package io.cellar.regionserver.server;

import io.cellar.common.conf.Configuration;
import io.cellar.common.rpc.RpcClient;
import io.cellar.common.rpc.RpcServer;
import io.cellar.common.schema.ServerName;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.compaction.CompactionConfig;
import io.cellar.lsm.compaction.CompactionRunner;
import io.cellar.regionserver.Region;
import io.cellar.regionserver.RegionServices;
import io.cellar.regionserver.ServerClock;
import io.cellar.wal.WalConfig;
import io.cellar.wal.WalWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A region server process: serves "ClientService" and "AdminService" over RPC for the regions
 * the master opens on it, with one WAL ({@code <root>/wal/<serverName>/}), one block cache, one
 * flusher and the compaction threads shared by all its regions. It registers as the ephemeral
 * znode {@code rs/<serverName>}, reports to the active master ({@link MasterReporter}) and aborts
 * when its ZooKeeper session expires or its connection stays down for a whole session timeout
 * ({@link SessionWatchdog}; the master then treats it as dead and recovers its regions from its
 * WAL).
 *
 * <p>Lifecycle: construct, {@link #start}, then {@link #stop} (clean: regions flushed, WAL closed
 * and archived, znode deleted) or {@link #abort} (as a crash: nothing flushed, the WAL left for
 * the master to split). {@link #join} waits for either. One start per instance.
 */
public final class RegionServer {
  /** Storage root shared by the cluster. */
  public static final String ROOT_DIR_KEY = "cellar.rootdir";
  public static final String DEFAULT_ROOT_DIR = "./cellar-data";
  /** Address to bind and to publish. */
  public static final String HOST_KEY = "cellar.regionserver.host";
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** RPC port; 0 picks a free one. */
  public static final String PORT_KEY = "cellar.regionserver.port";
  public static final int DEFAULT_PORT = 16020;
  public static final String REPORT_INTERVAL_KEY = "cellar.regionserver.report.interval.ms";
  public static final long DEFAULT_REPORT_INTERVAL_MS = 3000;
  /** Idle time after which an open scanner is closed. */
  public static final String SCANNER_LEASE_KEY = "cellar.regionserver.scanner.lease.ms";
  public static final long DEFAULT_SCANNER_LEASE_MS = 60_000;
  /** Rows per scan call when neither the call nor the scan's caching says. */
  public static final String SCAN_DEFAULT_ROWS_KEY = "cellar.regionserver.scan.default.rows";
  public static final int DEFAULT_SCAN_DEFAULT_ROWS = 100;
  /** Timeout of the calls to the master (startup, reports). */
  public static final String MASTER_RPC_TIMEOUT_KEY = "cellar.regionserver.master.rpc.timeout.ms";
  public static final long DEFAULT_MASTER_RPC_TIMEOUT_MS = 10_000;
  /** Fraction of the heap for the block cache. */
  public static final String BLOCK_CACHE_FRACTION_KEY = "cellar.blockcache.fraction";
  public static final double DEFAULT_BLOCK_CACHE_FRACTION = 0.4;
  /** Fraction of the heap all memstores together may hold before the biggest are flushed. */
  public static final String GLOBAL_MEMSTORE_FRACTION_KEY = "cellar.memstore.global.fraction";
  public static final double DEFAULT_GLOBAL_MEMSTORE_FRACTION = 0.4;
  /** How long a write waits for the global memstore to drop under its limit. */
  public static final String GLOBAL_MEMSTORE_BLOCK_TIMEOUT_KEY =
      "cellar.memstore.global.block.timeout.ms";
  public static final long DEFAULT_GLOBAL_MEMSTORE_BLOCK_TIMEOUT_MS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(RegionServer.class);

  private final Configuration conf;
  private final Path rootDir;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object lifecycle = new Object();
  private volatile boolean running;
  private volatile boolean aborted;
  private boolean started; // guarded by lifecycle
  private boolean shutDown; // guarded by lifecycle

  private ServerName serverName;
  private RpcServer rpcServer;
  private RpcClient rpcClient;
  private WalWriter wal;
  private CompactionRunner compactions;
  private MemStoreFlusher flusher;
  private RegionServices services;
  private ScannerLeases scanners;
  private OnlineRegions regions;
  private ZooKeeperClient zk;
  private ZNodePaths paths;
  private MasterReporter reporter;
  private SessionWatchdog watchdog;
  private WalFailureWatch walWatch;

  public RegionServer(Configuration conf) {
    this.conf = new Configuration(conf);
    this.rootDir = Path.of(conf.get(ROOT_DIR_KEY, DEFAULT_ROOT_DIR)).toAbsolutePath();
  }

  /**
   * Binds the RPC port, opens the WAL, registers in ZooKeeper and starts reporting to the master.
   * On failure everything started is shut down again and the error is thrown.
   */
  public void start() throws IOException {
    synchronized (lifecycle) {
      if (started) {
        throw new IllegalStateException("RegionServer already started");
      }
      started = true;
    }
    try {
      startParts();
    } catch (IOException | RuntimeException e) {
      LOG.error("Region server failed to start", e);
      shutDown(OnlineRegions.CloseMode.ABORT);
      throw e;
    }
  }

  private void startParts() throws IOException {
    String host = conf.get(HOST_KEY, DEFAULT_HOST);
    rpcServer = new RpcServer(conf, host, conf.getInt(PORT_KEY, DEFAULT_PORT));
    rpcServer.start();
    serverName = new ServerName(host, rpcServer.getPort(), System.currentTimeMillis());
    wal = new WalWriter(WalConfig.fromConfiguration(conf, rootDir, serverName.toString()));
    long heap = Runtime.getRuntime().maxMemory();
    BlockCache cache = new BlockCache((long) (heap
        * conf.getDouble(BLOCK_CACHE_FRACTION_KEY, DEFAULT_BLOCK_CACHE_FRACTION)));
    compactions = new CompactionRunner(CompactionConfig.from(conf));
    long globalLimit = (long) (heap
        * conf.getDouble(GLOBAL_MEMSTORE_FRACTION_KEY, DEFAULT_GLOBAL_MEMSTORE_FRACTION));
    flusher = new MemStoreFlusher("flusher-" + serverName, () -> regions.regions(), wal,
        globalLimit, conf.getLong(GLOBAL_MEMSTORE_BLOCK_TIMEOUT_KEY,
            DEFAULT_GLOBAL_MEMSTORE_BLOCK_TIMEOUT_MS));
    services = new RegionServices(rootDir, wal, cache, compactions, flusher, conf,
        ServerClock.system());
    scanners = new ScannerLeases(conf.getLong(SCANNER_LEASE_KEY, DEFAULT_SCANNER_LEASE_MS),
        serverName.toString());
    regions = new OnlineRegions(services, serverName, scanners::closeRegion,
        this::abortInBackground);
    flusher.start();
    rpcServer.register(ClientService.NAME, new ClientService(regions, scanners, flusher,
        conf.getInt(SCAN_DEFAULT_ROWS_KEY, DEFAULT_SCAN_DEFAULT_ROWS)).methods());
    rpcServer.register(AdminService.NAME, new AdminService(regions,
        new RegionSplitter(regions, services), serverName).methods());
    running = true;
    registerInZooKeeper();
    rpcClient = new RpcClient(conf);
    reporter = new MasterReporter(zk, paths, rpcClient, serverName,
        () -> ServerLoads.of(serverName, regions), () -> regions.regions(),
        this::checkMasterConfig,
        conf.getLong(REPORT_INTERVAL_KEY, DEFAULT_REPORT_INTERVAL_MS),
        conf.getLong(MASTER_RPC_TIMEOUT_KEY, DEFAULT_MASTER_RPC_TIMEOUT_MS));
    reporter.start();
    walWatch = new WalFailureWatch(wal, this::abortInBackground, serverName.toString());
    LOG.info("Region server {} started (root {}, block cache {} bytes, global memstore limit"
        + " {} bytes)", serverName, rootDir, cache.getCapacityBytes(), globalLimit);
  }

  private void registerInZooKeeper() throws IOException {
    paths = ZNodePaths.fromConf(conf);
    try {
      watchdog = new SessionWatchdog(conf.getInt(ZooKeeperClient.SESSION_TIMEOUT_MS,
          ZooKeeperClient.DEFAULT_SESSION_TIMEOUT_MS), this::abortInBackground,
          serverName.toString());
      zk = ZooKeeperClient.connect(conf, watchdog);
      zk.createEphemeral(paths.regionServer(serverName.toString()),
          serverName.toString().getBytes(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while registering in ZooKeeper");
    } catch (KeeperException e) {
      throw new IOException("Cannot register " + serverName + " in ZooKeeper", e);
    }
  }

  /** The master hands its settings at startup: a different storage root is a setup error. */
  private void checkMasterConfig(Map<String, String> masterConf) {
    String masterRoot = masterConf.get(ROOT_DIR_KEY);
    if (masterRoot != null && !Path.of(masterRoot).toAbsolutePath().equals(rootDir)) {
      LOG.error("The master uses storage root {} but this region server uses {}: they must share"
          + " one root", masterRoot, rootDir);
    }
  }

  /** host,port,startcode of this incarnation. REQUIRES: started. */
  public ServerName getServerName() {
    return serverName;
  }

  public boolean isRunning() {
    return running;
  }

  /** True once {@link #abort} ran (session expiry or a test's crash). */
  public boolean isAborted() {
    return aborted;
  }

  /** The regions serving now. */
  public Collection<Region> getOnlineRegions() {
    OnlineRegions r = regions;
    return r == null ? java.util.List.of() : r.regions();
  }

  /** The storage root this server uses. */
  public Path getRootDir() {
    return rootDir;
  }

  /** Waits until the server has stopped or aborted. */
  public void join() throws InterruptedException {
    stopped.await();
  }

  /** Clean shutdown: regions closed with a flush, WAL closed and archived, znode deleted. */
  public void stop() {
    LOG.info("Stopping region server {}", serverName);
    shutDown(OnlineRegions.CloseMode.FLUSH);
  }

  /**
   * Stops as a crash would, minus the process exit: regions closed without flushing (their edits
   * stay only in the WAL, for the master to split), ZooKeeper session closed so the master sees
   * the server gone at once.
   */
  public void abort(String reason) {
    LOG.error("Aborting region server {}: {}", serverName, reason);
    aborted = true;
    shutDown(OnlineRegions.CloseMode.ABORT);
  }

  /** Aborts on a new thread: the caller may be a thread the abort stops or waits for. */
  private void abortInBackground(String reason) {
    Thread t = new Thread(() -> abort(reason), "rs-abort");
    t.setDaemon(true);
    t.start();
  }

  private void shutDown(OnlineRegions.CloseMode mode) {
    synchronized (lifecycle) {
      if (shutDown) {
        return;
      }
      shutDown = true;
    }
    running = false;
    boolean clean = mode == OnlineRegions.CloseMode.FLUSH;
    if (watchdog != null) {
      watchdog.close();
    }
    if (walWatch != null) {
      walWatch.close();
    }
    // regions first: on an abort the master may already be splitting the WAL
    if (regions != null) {
      clean &= regions.closeAll(mode);
    }
    if (reporter != null) {
      reporter.close();
    }
    if (scanners != null) {
      scanners.close();
    }
    if (flusher != null) {
      flusher.close();
    }
    if (compactions != null) {
      compactions.close();
    }
    if (wal != null) {
      try {
        wal.close();
      } catch (IOException e) {
        clean = false;
        LOG.error("Closing the WAL of {} failed", serverName, e);
      }
      // nothing to recover after a clean stop, or when no edit was ever logged (failed start);
      // done before the znode goes, so the master never splits a directory being emptied
      if (clean || wal.getAppendCount() == 0) {
        WalDirectory.archiveAll(wal.getConfig());
      }
    }
    if (zk != null) {
      if (mode == OnlineRegions.CloseMode.FLUSH) {
        deleteZNode();
      }
      zk.close();
    }
    if (rpcClient != null) {
      rpcClient.close();
    }
    if (rpcServer != null) {
      rpcServer.close();
    }
    stopped.countDown();
    LOG.info("Region server {} {}", serverName, mode == OnlineRegions.CloseMode.FLUSH
        ? "stopped" : "aborted");
  }

  private void deleteZNode() {
    try {
      zk.delete(paths.regionServer(serverName.toString()), -1);
    } catch (KeeperException.NoNodeException gone) {
      // the session ended already
    } catch (KeeperException e) {
      LOG.warn("Could not delete the znode of {}: {}", serverName, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- for tests in this package

  ScannerLeases scannerLeases() {
    return scanners;
  }

  MemStoreFlusher memStoreFlusher() {
    return flusher;
  }

  MasterReporter masterReporter() {
    return reporter;
  }

  WalWriter wal() {
    return wal;
  }

  ZooKeeperClient zooKeeper() {
    return zk;
  }
}
