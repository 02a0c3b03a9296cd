package io.cellar.master;

import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.conf.Configuration;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.rpc.RpcClient;
import io.cellar.common.rpc.RpcServer;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import io.cellar.common.zk.SessionListener;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import io.cellar.master.assign.RegionAssigner;
import io.cellar.master.assign.RegionStates;
import io.cellar.master.election.MasterElection;
import io.cellar.master.fs.DeadServerWals;
import io.cellar.master.fs.StorageRoot;
import io.cellar.master.meta.MetaAssignment;
import io.cellar.master.meta.MetaClient;
import io.cellar.master.meta.MetaLocation;
import io.cellar.master.procedure.CreateTableProcedure;
import io.cellar.master.procedure.DeleteTableProcedure;
import io.cellar.master.procedure.DisableTableProcedure;
import io.cellar.master.procedure.EnableTableProcedure;
import io.cellar.master.procedure.ModifyTableProcedure;
import io.cellar.master.procedure.MoveRegionProcedure;
import io.cellar.master.procedure.ProcedureExecutor;
import io.cellar.master.procedure.ProcedureStore;
import io.cellar.master.procedure.ServerCrashProcedure;
import io.cellar.master.procedure.SplitRegionProcedure;
import io.cellar.master.procedure.TruncateTableProcedure;
import io.cellar.master.schema.NamespaceStore;
import io.cellar.master.schema.TableDescriptors;
import io.cellar.master.schema.TableStateStore;
import io.cellar.master.schema.ZkErrors;
import io.cellar.master.server.RegionServerCalls;
import io.cellar.master.server.ServerTracker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master process: serves "MasterService" on {@code cellar.master.host:port}, competes for
 * the {@code master} znode, and when it wins becomes the active master: waits for region
 * servers, brings {@code cellar:meta} online, resumes procedures left in ZooKeeper, recovers
 * servers that died meanwhile, then serves DDL. Lifecycle: construct, {@link #start}, then
 * {@link #stop} (clean: resigns) or {@link #abort} (crash: the ZooKeeper session just ends).
 */
public final class Master {
  private static final Logger LOG = LoggerFactory.getLogger(Master.class);

  public static final String PORT = "cellar.master.port";
  public static final int DEFAULT_PORT = 16000;
  public static final String HOST = "cellar.master.host";
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Timeout of each call the master makes to a region server. */
  public static final String RPC_TIMEOUT_MS = "cellar.master.rpc.timeout.ms";
  public static final long DEFAULT_RPC_TIMEOUT_MS = 60_000;
  /** Region servers to wait for before assigning meta. */
  public static final String MIN_REGION_SERVERS = "cellar.master.wait.regionservers.min";
  public static final int DEFAULT_MIN_REGION_SERVERS = 1;
  /** Threads opening/closing regions in parallel. */
  public static final String ASSIGN_THREADS = "cellar.master.assign.threads";
  public static final int DEFAULT_ASSIGN_THREADS = 8;
  /** How often procedures that ran out of step retries are tried again, ms (0: never). */
  public static final String PROCEDURE_RETRY_INTERVAL_MS =
      "cellar.master.procedure.retry.interval.ms";
  public static final long DEFAULT_PROCEDURE_RETRY_INTERVAL_MS = 30_000;
  /** How often the balancer runs by itself, ms (0: only when asked). */
  public static final String BALANCER_PERIOD_MS = "cellar.master.balancer.period.ms";
  public static final long DEFAULT_BALANCER_PERIOD_MS = 300_000;
  private static final long INIT_RETRY_PAUSE_MS = 1000;
  private static final long STOP_WAIT_MS = 10_000;

  private final Configuration conf;
  private final ZNodePaths paths;
  private volatile ServerName serverName;
  private RpcServer rpcServer;
  private RpcClient rpcClient;
  private ZooKeeperClient zk;
  private MasterElection election;
  private ServerTracker tracker;
  private ExecutorService assignPool;
  private final ExecutorService crashRecovery = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "server-crash-recovery");
    t.setDaemon(true);
    return t;
  });
  private final ScheduledExecutorService chores = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "master-chores");
        t.setDaemon(true);
        return t;
      });
  private MasterRpcService rpcService;
  private volatile MasterServices services;
  private volatile ProcedureExecutor executor;
  private volatile boolean initialized;
  private volatile boolean stopped;
  private volatile String clusterId = "";
  private final CountDownLatch activeLatch = new CountDownLatch(1);

  public Master(Configuration conf) {
    this.conf = new Configuration(conf);
    this.paths = ZNodePaths.fromConf(conf);
  }

  /** Starts serving RPC and joins the election; returns once active or registered backup. */
  public synchronized void start() throws IOException {
    if (rpcServer != null) {
      throw new IllegalStateException("Master already started");
    }
    String host = conf.get(HOST, DEFAULT_HOST);
    rpcServer = new RpcServer(conf, host, conf.getInt(PORT, DEFAULT_PORT));
    rpcService = new MasterRpcService(this);
    rpcServer.register(MasterRpcService.SERVICE, rpcService.build());
    rpcServer.start();
    serverName = new ServerName(host, rpcServer.getPort(), System.currentTimeMillis());
    rpcClient = new RpcClient(conf);
    try {
      zk = ZooKeeperClient.connect(conf, new SessionListener() {
        @Override
        public void sessionExpired() {
          // Another master may already be active: stepping down is the only safe move.
          new Thread(() -> abort("ZooKeeper session expired"), "master-abort").start();
        }
      });
      election = new MasterElection(zk, paths, serverName, this::becomeActive);
      election.start();
    } catch (KeeperException e) {
      closeQuietly();
      throw ZkErrors.io("join the master election", e);
    } catch (InterruptedException e) {
      closeQuietly();
      throw ZkErrors.interrupted(e);
    }
    LOG.info("Master {} started", serverName);
  }

  public ServerName getServerName() {
    return serverName;
  }

  /** True once this master is active and initialized (serving DDL). */
  public boolean isActive() {
    return initialized && !stopped;
  }

  /** Waits until {@link #isActive()}; false on timeout or if this master stopped. */
  public boolean awaitActive(long timeoutMs) {
    try {
      return activeLatch.await(timeoutMs, TimeUnit.MILLISECONDS) && isActive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The cluster id kept in ZooKeeper ("" until this master became active). */
  public String getClusterId() {
    return clusterId;
  }

  boolean holdsMasterNode() {
    return election != null && election.holdsMasterNode() && !stopped;
  }

  List<ServerName> backupMasters() throws KeeperException, InterruptedException {
    return election.backupMasters();
  }

  /** Services once this master holds the master znode (RS reports go here), else null. */
  MasterServices servicesIfElected() {
    return holdsMasterNode() ? services : null;
  }

  MasterRpcService.Active activeIfInitialized() {
    return isActive() ? new MasterRpcService.Active(services, executor) : null;
  }

  // ------------------------------------------------------------------ activation

  private void becomeActive() {
    try {
      wire();
    } catch (IOException | KeeperException e) {
      abort("cannot set up the active master: " + e);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    while (!stopped) {
      try {
        initialize();
        initialized = true;
        activeLatch.countDown();
        scheduleProcedureRetries();
        scheduleBalancer();
        LOG.info("Master {} is active and initialized (cluster {})", serverName, clusterId);
        return;
      } catch (IOException e) {
        LOG.warn("Master initialization failed, retrying: {}", e.toString());
        try {
          Thread.sleep(INIT_RETRY_PAUSE_MS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Builds the active master's parts and starts tracking region servers. */
  private void wire() throws IOException, KeeperException, InterruptedException {
    StorageRoot root = StorageRoot.fromConf(conf);
    AtomicInteger n = new AtomicInteger();
    assignPool = Executors.newFixedThreadPool(
        conf.getInt(ASSIGN_THREADS, DEFAULT_ASSIGN_THREADS), r -> {
          Thread t = new Thread(r, "region-assign-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    tracker = new ServerTracker(zk, paths, this::onServerDeath);
    RegionServerCalls calls = new RegionServerCalls(rpcClient,
        conf.getLong(RPC_TIMEOUT_MS, DEFAULT_RPC_TIMEOUT_MS));
    MetaLocation metaLocation = new MetaLocation(zk, paths);
    DeadServerWals wals = new DeadServerWals(root, conf);
    MetaClient meta = new MetaClient(calls, metaLocation);
    RegionStates states = new RegionStates();
    MasterServices m = new MasterServices(conf, root, tracker, calls, metaLocation,
        new MetaAssignment(metaLocation, tracker, calls, wals), meta, states,
        new RegionAssigner(calls, meta, states, tracker, assignPool),
        new NamespaceStore(zk, paths), new TableStateStore(zk, paths),
        new TableDescriptors(root), wals);
    ProcedureExecutor ex = new ProcedureExecutor(new ProcedureStore(zk, paths), m, conf);
    ex.register(CreateTableProcedure.TYPE, CreateTableProcedure::new);
    ex.register(DeleteTableProcedure.TYPE, DeleteTableProcedure::new);
    ex.register(EnableTableProcedure.TYPE, EnableTableProcedure::new);
    ex.register(DisableTableProcedure.TYPE, DisableTableProcedure::new);
    ex.register(ModifyTableProcedure.TYPE, ModifyTableProcedure::new);
    ex.register(TruncateTableProcedure.TYPE, TruncateTableProcedure::new);
    ex.register(MoveRegionProcedure.TYPE, MoveRegionProcedure::new);
    ex.register(SplitRegionProcedure.TYPE, SplitRegionProcedure::new);
    ex.register(ServerCrashProcedure.TYPE, ServerCrashProcedure::new);
    services = m;
    executor = ex;
    tracker.start();
  }

  private void initialize() throws IOException, InterruptedException {
    MasterServices m = services;
    clusterId = loadClusterId();
    m.namespaces().ensureBuiltIns();
    int min = conf.getInt(MIN_REGION_SERVERS, DEFAULT_MIN_REGION_SERVERS);
    while (!stopped && tracker.liveServers().size() < min) {
      Thread.sleep(100); // region servers register their znodes on their own schedule
    }
    if (stopped) {
      throw new IOException("stopped while waiting for region servers");
    }
    // If meta's server died while no master was active, this splits its WAL and reopens meta
    // elsewhere; that server's other regions are recovered below like any dead server's.
    m.metaLocation().load();
    executor.lock().lock();
    try {
      m.ensureMetaReady();
    } finally {
      executor.lock().unlock();
    }
    executor.resumeAll();
    for (ServerName s : m.regionStates().referencedServers()) {
      if (!tracker.isLive(s)) {
        LOG.info("Region server {} holds regions in meta but is not live: recovering it", s);
        executor.submitAndWait(ServerCrashProcedure.of(s));
      }
    }
    assignStrandedRegions(m);
  }

  /** Regions of enabled tables that are not open on a live server (e.g. a crash mid-DDL). */
  private void assignStrandedRegions(MasterServices m) throws IOException {
    for (TableName table : m.tableStates().list()) {
      Optional<TableStateProto> state = m.tableStates().get(table);
      if (state.isEmpty() || state.get() != TableStateProto.TABLE_ENABLED) {
        continue;
      }
      List<RegionInfo> stranded = new ArrayList<>();
      for (RegionLocation r : m.regionStates().ofTable(table)) {
        boolean open = r.state() == RegionState.OPEN && r.server() != null
            && tracker.isLive(r.server());
        if (!open && r.state() != RegionState.SPLIT) {
          stranded.add(r.region());
        }
      }
      if (!stranded.isEmpty()) {
        LOG.info("Opening {} stranded regions of {}", stranded.size(), table);
        executor.lock().lock();
        try {
          m.assigner().assignAll(stranded, m.descriptors().get(table));
        } finally {
          executor.lock().unlock();
        }
      }
    }
  }

  /**
   * Runs the balancer every {@link #BALANCER_PERIOD_MS}, as HBase's balancer chore: a region
   * server that joins after the tables were assigned gets its share without an operator.
   */
  private void scheduleBalancer() {
    long every = conf.getLong(BALANCER_PERIOD_MS, DEFAULT_BALANCER_PERIOD_MS);
    if (every <= 0) {
      return;
    }
    chores.scheduleWithFixedDelay(() -> {
      try {
        if (isActive()) {
          rpcService.balance();
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("Periodic balance failed: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  private void scheduleProcedureRetries() {
    long every = conf.getLong(PROCEDURE_RETRY_INTERVAL_MS, DEFAULT_PROCEDURE_RETRY_INTERVAL_MS);
    if (every <= 0) {
      return;
    }
    chores.scheduleWithFixedDelay(() -> {
      try {
        executor.resumeAll();
      } catch (IOException | RuntimeException e) {
        LOG.warn("Retrying stuck procedures failed: {}", e.toString());
      }
    }, every, every, TimeUnit.MILLISECONDS);
  }

  private String loadClusterId() throws IOException {
    try {
      zk.createIfAbsent(paths.clusterId(),
          UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
      return new String(zk.getData(paths.clusterId(), null).data(), StandardCharsets.UTF_8);
    } catch (KeeperException e) {
      throw ZkErrors.io("read the cluster id", e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  private void onServerDeath(ServerName dead) {
    crashRecovery.execute(() -> {
      try {
        while (!initialized && !stopped) {
          Thread.sleep(50); // initialization recovers servers that died before it finished
        }
        if (!stopped) {
          executor.submitAndWait(ServerCrashProcedure.of(dead));
        }
      } catch (IOException e) {
        if (stopped) {
          LOG.info("Recovery of dead server {} left for the next master: {}", dead,
              e.toString());
        } else {
          LOG.error("Recovery of dead server {} failed: {}", dead, e.toString());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  // ------------------------------------------------------------------ shutdown

  /** Clean shutdown: resigns the master znode so a backup takes over at once. Idempotent. */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    LOG.info("Master {} stopping", serverName);
    if (executor != null) {
      // No new steps; let the one in flight finish before a backup may take over.
      executor.stop();
      try {
        if (executor.lock().tryLock(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
          executor.lock().unlock();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (election != null) {
      election.resign();
    }
    closeQuietly();
  }

  /**
   * Crash-style stop (tests, fatal errors): ends the ZooKeeper session without touching any
   * znode, so the ephemeral ones vanish and in-flight procedures stay recorded. Idempotent.
   */
  public synchronized void abort(String reason) {
    if (stopped) {
      return;
    }
    stopped = true;
    LOG.error("Master {} aborting: {}", serverName, reason);
    if (election != null) {
      election.close();
    }
    closeQuietly();
  }

  private void closeQuietly() {
    if (executor != null) {
      executor.stop();
    }
    crashRecovery.shutdownNow();
    chores.shutdownNow();
    if (tracker != null) {
      tracker.close();
    }
    if (zk != null) {
      zk.close();
    }
    if (rpcServer != null) {
      rpcServer.close();
    }
    if (assignPool != null) {
      assignPool.shutdownNow();
    }
    if (rpcClient != null) {
      rpcClient.close();
    }
  }
}
