package io.cellar.client.connection;

import io.cellar.client.Admin;
import io.cellar.client.BufferedMutator;
import io.cellar.client.BufferedMutatorParams;
import io.cellar.client.Connection;
import io.cellar.client.RegionLocator;
import io.cellar.client.Table;
import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.rpc.RpcClient;
import io.cellar.common.schema.TableName;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@link Connection}: one {@link RpcClient}, one ZooKeeper session
 * ({@link ClusterRegistry}), the region location cache and lookup, the retrying callers, and
 * the background threads of BufferedMutators. Thread-safe. Closing it closes the mutators it
 * made (flushing them), then the RPC client and the ZooKeeper session.
 */
public final class ClusterConnection implements Connection {
  private final Configuration conf;
  private final ClientSettings settings;
  private final RpcClient rpc;
  private final ServerCalls calls;
  private final ClusterRegistry registry;
  private final RegionLookup lookup;
  private final RetryingCaller caller;
  private final BatchExecutor batches;
  private final MasterCaller master;
  private final ExecutorService flushers;
  private final ScheduledExecutorService timer;
  private final Set<BufferingMutator> mutators = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private ClusterConnection(Configuration conf, ClusterRegistry registry) {
    this.conf = new Configuration(conf);
    this.settings = ClientSettings.from(conf);
    this.registry = registry;
    this.rpc = new RpcClient(conf);
    this.calls = new ServerCalls(rpc);
    this.lookup = new RegionLookup(calls, registry, new RegionLocationCache(),
        settings.metaLookupRows());
    this.caller = RetryingCaller.of(settings, lookup);
    this.batches = new BatchExecutor(calls, lookup, settings);
    this.master = new MasterCaller(calls, registry, caller);
    this.flushers = Executors.newCachedThreadPool(new DefaultThreadFactory("cellar-mutator", true));
    this.timer = Executors.newSingleThreadScheduledExecutor(
        new DefaultThreadFactory("cellar-mutator-timer", true));
  }

  /** Connects to ZooKeeper; the RPC connections open on first use. */
  public static ClusterConnection open(Configuration conf) throws IOException {
    ClientSettings.from(conf); // fail fast on bad settings
    return new ClusterConnection(conf, ClusterRegistry.connect(conf));
  }

  @Override
  public Configuration getConfiguration() {
    return new Configuration(conf);
  }

  @Override
  public Table getTable(TableName name) {
    checkOpenUnchecked();
    return new RemoteTable(this, name);
  }

  @Override
  public Admin getAdmin() {
    checkOpenUnchecked();
    return new ClusterAdmin(this);
  }

  @Override
  public BufferedMutator getBufferedMutator(TableName name) {
    return getBufferedMutator(new BufferedMutatorParams(name));
  }

  @Override
  public BufferedMutator getBufferedMutator(BufferedMutatorParams params) {
    checkOpenUnchecked();
    BufferingMutator m = new BufferingMutator(this, params);
    mutators.add(m);
    return m;
  }

  @Override
  public RegionLocator getRegionLocator(TableName name) {
    checkOpenUnchecked();
    return new TableRegionLocator(this, name);
  }

  @Override
  public void clearRegionLocationCache() {
    lookup.cache().clearAll();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  void checkOpen() throws IOException {
    if (closed) {
      throw new CellarException("Connection closed");
    }
  }

  private void checkOpenUnchecked() {
    if (closed) {
      throw new IllegalStateException("Connection closed");
    }
  }

  ClientSettings settings() {
    return settings;
  }

  ServerCalls calls() {
    return calls;
  }

  RegionLookup lookup() {
    return lookup;
  }

  RetryingCaller caller() {
    return caller;
  }

  BatchExecutor batches() {
    return batches;
  }

  MasterCaller master() {
    return master;
  }

  ExecutorService flushers() {
    return flushers;
  }

  ScheduledExecutorService timer() {
    return timer;
  }

  void forget(BufferingMutator m) {
    mutators.remove(m);
  }

  /** Locations cached so far (for tests and tools). */
  public RegionLocationCache locationCache() {
    return lookup.cache();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    IOException first = null;
    for (BufferingMutator m : mutators) {
      try {
        m.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    closed = true;
    timer.shutdownNow();
    flushers.shutdown();
    try {
      flushers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    rpc.close();
    registry.close();
    if (first != null) {
      throw first;
    }
  }
}
