package io.cellar.master;

import com.google.protobuf.Message;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.MasterNotActiveException;
import io.cellar.common.exceptions.NamespaceExistsException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.exceptions.TableNotFoundException;
import io.cellar.common.proto.*;
import io.cellar.common.rpc.RpcMethods;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.master.assign.AssignmentPlans;
import io.cellar.master.assign.RegionMove;
import io.cellar.master.assign.RegionStates;
import io.cellar.master.fs.StorageRoot;
import io.cellar.master.procedure.CreateTableProcedure;
import io.cellar.master.procedure.DeleteTableProcedure;
import io.cellar.master.procedure.DisableTableProcedure;
import io.cellar.master.procedure.EnableTableProcedure;
import io.cellar.master.procedure.ModifyTableProcedure;
import io.cellar.master.procedure.MoveRegionProcedure;
import io.cellar.master.procedure.Procedure;
import io.cellar.master.procedure.ProcedureExecutor;
import io.cellar.master.procedure.SplitRegionProcedure;
import io.cellar.master.procedure.TruncateTableProcedure;
import io.cellar.master.schema.NamespaceStore;
import io.cellar.master.schema.TableDescriptors;
import io.cellar.master.schema.TableStateStore;
import io.cellar.master.schema.ZkErrors;
import io.cellar.master.server.ServerTracker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "MasterService" RPC methods. Region-server startup and reports are accepted as soon as
 * this master holds the {@code master} znode; everything else only once it is active and
 * initialized. Otherwise a retryable {@link MasterNotActiveException} is thrown.
 */
final class MasterRpcService {
  static final String SERVICE = "MasterService";
  private static final Logger LOG = LoggerFactory.getLogger(MasterRpcService.class);

  private final Master master;
  private final AtomicLong lastRegionId = new AtomicLong();

  MasterRpcService(Master master) {
    this.master = master;
  }

  RpcMethods build() {
    return RpcMethods.builder()
        .addSimple("RegionServerStartup", RegionServerStartupRequest.parser(), this::startup)
        .addSimple("RegionServerReport", RegionServerReportRequest.parser(), this::report)
        .addSimple("CreateTable", CreateTableRequest.parser(), this::createTable)
        .addSimple("DeleteTable", DeleteTableRequest.parser(), r -> {
          run(DeleteTableProcedure.of(table(r.getTable())));
          return DeleteTableResponse.getDefaultInstance();
        })
        .addSimple("EnableTable", EnableTableRequest.parser(), r -> {
          run(EnableTableProcedure.of(table(r.getTable())));
          return EnableTableResponse.getDefaultInstance();
        })
        .addSimple("DisableTable", DisableTableRequest.parser(), r -> {
          run(DisableTableProcedure.of(table(r.getTable())));
          return DisableTableResponse.getDefaultInstance();
        })
        .addSimple("ModifyTable", ModifyTableRequest.parser(), r -> {
          run(ModifyTableProcedure.of(descriptor(r.getTable())));
          return ModifyTableResponse.getDefaultInstance();
        })
        .addSimple("TruncateTable", TruncateTableRequest.parser(), r -> {
          run(TruncateTableProcedure.of(table(r.getTable()), r.getPreserveSplits(),
              nextRegionId()));
          return TruncateTableResponse.getDefaultInstance();
        })
        .addSimple("ListTables", ListTablesRequest.parser(), this::listTables)
        .addSimple("GetTableDescriptor", GetTableDescriptorRequest.parser(), r ->
            GetTableDescriptorResponse.newBuilder().setTable(SchemaProtos.toProto(
                active().descriptors().get(existing(r.getTable())))).build())
        .addSimple("TableExists", TableExistsRequest.parser(), r ->
            TableExistsResponse.newBuilder().setExists(exists(table(r.getTable()))).build())
        .addSimple("GetTableState", GetTableStateRequest.parser(), r -> {
          TableName t = table(r.getTable());
          TableStateProto state = t.equals(MetaTable.NAME) ? TableStateProto.TABLE_ENABLED
              : active().tableState(t);
          return GetTableStateResponse.newBuilder().setState(state).build();
        })
        .addSimple("CreateNamespace", CreateNamespaceRequest.parser(), this::createNamespace)
        .addSimple("DeleteNamespace", DeleteNamespaceRequest.parser(), this::deleteNamespace)
        .addSimple("ListNamespaces", ListNamespacesRequest.parser(), r ->
            ListNamespacesResponse.newBuilder()
                .addAllNamespaces(active().namespaces().list()).build())
        .addSimple("Balance", BalanceRequest.parser(), r ->
            BalanceResponse.newBuilder().setMoves(balance()).build())
        .addSimple("GetClusterStatus", GetClusterStatusRequest.parser(), r -> clusterStatus())
        .addSimple("MasterSplitRegion", MasterSplitRegionRequest.parser(), r -> {
          RegionLocation loc = region(r.getRegionName().toByteArray());
          run(SplitRegionProcedure.of(loc.region(), r.getSplitPoint().toByteArray()));
          return MasterSplitRegionResponse.getDefaultInstance();
        })
        .addSimple("MoveRegion", MoveRegionRequest.parser(), r -> {
          RegionLocation loc = region(r.getRegionName().toByteArray());
          ServerName to = r.hasDestination() && !r.getDestination().getHost().isEmpty()
              ? ServerName.fromProto(r.getDestination()) : null;
          run(MoveRegionProcedure.of(loc.region(), to));
          return MoveRegionResponse.getDefaultInstance();
        })
        .build();
  }

  // ------------------------------------------------------------------ region servers

  private Message startup(RegionServerStartupRequest r) throws IOException {
    MasterServices m = elected();
    ServerName s = ServerName.fromProto(r.getServer());
    m.servers().recordLoad(s, ServerLoadProto.newBuilder().setServer(r.getServer()).build());
    LOG.info("Region server {} reported for duty", s);
    return RegionServerStartupResponse.newBuilder()
        .putConfig(StorageRoot.ROOTDIR, m.root().path().toString())
        .build();
  }

  private Message report(RegionServerReportRequest r) throws IOException {
    MasterServices m = elected();
    ServerName s = ServerName.fromProto(r.getLoad().getServer());
    if (!m.servers().recordLoad(s, r.getLoad())) {
      throw new InvalidRequestException("Region server " + s + " has no znode under rs/:"
          + " it is considered dead");
    }
    return RegionServerReportResponse.getDefaultInstance();
  }

  // ------------------------------------------------------------------ tables

  private Message createTable(CreateTableRequest r) throws IOException {
    active();
    TableDescriptor td = descriptor(r.getTable());
    List<byte[]> splits = r.getSplitKeysList().stream().map(b -> b.toByteArray()).toList();
    run(CreateTableProcedure.of(td, splits, nextRegionId()));
    return CreateTableResponse.getDefaultInstance();
  }

  private Message listTables(ListTablesRequest r) throws IOException {
    Active m = active();
    Pattern p;
    try {
      p = r.getRegex().isEmpty() ? null : Pattern.compile(r.getRegex());
    } catch (PatternSyntaxException e) {
      throw new InvalidRequestException("Bad table name pattern: " + e.getMessage());
    }
    ListTablesResponse.Builder b = ListTablesResponse.newBuilder();
    List<TableName> names = new ArrayList<>(m.tableStates().list());
    if (r.getIncludeSystem()) {
      names.add(0, MetaTable.NAME);
    }
    for (TableName t : names) {
      if (!r.getNamespace().isEmpty() && !r.getNamespace().equals(t.getNamespace())) {
        continue;
      }
      if (p != null && !p.matcher(t.getNameAsString()).matches()) {
        continue;
      }
      m.descriptors().find(t).ifPresent(td -> b.addTables(SchemaProtos.toProto(td)));
    }
    return b.build();
  }

  private boolean exists(TableName t) throws IOException {
    return t.equals(MetaTable.NAME) || active().tableStates().get(t).isPresent();
  }

  private TableName existing(TableNameProto p) throws IOException {
    TableName t = table(p);
    if (!exists(t)) {
      throw new TableNotFoundException(t.getNameAsString());
    }
    return t;
  }

  // ------------------------------------------------------------------ namespaces

  private Message createNamespace(CreateNamespaceRequest r) throws IOException {
    if (!active().namespaces().create(r.getNamespace())) {
      throw new NamespaceExistsException("Namespace '" + r.getNamespace() + "' already exists");
    }
    return CreateNamespaceResponse.getDefaultInstance();
  }

  private Message deleteNamespace(DeleteNamespaceRequest r) throws IOException {
    Active m = active();
    String ns = r.getNamespace();
    m.executor().lock().lock();
    try {
      m.services().namespaces().checkExists(ns);
      List<String> tables = m.services().tableStates().list().stream()
          .filter(t -> t.getNamespace().equals(ns)).map(TableName::getNameAsString).toList();
      if (!tables.isEmpty()) {
        throw new InvalidRequestException("Namespace '" + ns + "' is not empty: it holds "
            + tables + "; drop those tables first");
      }
      m.services().namespaces().delete(ns);
    } finally {
      m.executor().lock().unlock();
    }
    return DeleteNamespaceResponse.getDefaultInstance();
  }

  // ------------------------------------------------------------------ regions, cluster

  /** Moves regions until server counts differ by at most one; returns the moves made. */
  int balance() throws IOException {
    Active m = active();
    List<RegionMove> plan;
    m.executor().lock().lock();
    try {
      m.services().ensureMetaReady();
      plan = AssignmentPlans.balance(m.services().assigner().openBy());
    } finally {
      m.executor().lock().unlock();
    }
    int done = 0;
    for (RegionMove move : plan) {
      try {
        run(MoveRegionProcedure.of(move.region(), move.to()));
        done++;
      } catch (IOException e) {
        LOG.warn("Balancer move of {} to {} failed: {}", move.region(), move.to(),
            e.toString());
      }
    }
    LOG.info("Balancer made {} of {} planned moves", done, plan.size());
    return done;
  }

  private Message clusterStatus() throws IOException {
    Active m = active();
    GetClusterStatusResponse.Builder b = GetClusterStatusResponse.newBuilder()
        .setActiveMaster(master.getServerName().toProto())
        .addAllLiveServers(m.servers().liveLoads())
        .setRegionsInTransition(m.regionStates().inTransition())
        .setClusterId(master.getClusterId());
    try {
      for (ServerName s : master.backupMasters()) {
        b.addBackupMasters(s.toProto());
      }
    } catch (KeeperException e) {
      throw ZkErrors.io("list backup masters", e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
    for (ServerName s : m.servers().deadServers()) {
      b.addDeadServers(s.toProto());
    }
    return b.build();
  }

  private RegionLocation region(byte[] regionName) throws IOException {
    RegionLocation loc = active().regionStates().byRegionName(regionName);
    if (loc == null) {
      throw new NotServingRegionException("Unknown region "
          + Bytes.toStringBinary(regionName));
    }
    return loc;
  }

  // ------------------------------------------------------------------ helpers

  private void run(Procedure p) throws IOException {
    active().executor().submitAndWait(p);
  }

  /** Region ids are creation times in ms, kept strictly increasing within this master. */
  private long nextRegionId() {
    long now = System.currentTimeMillis();
    return lastRegionId.updateAndGet(prev -> Math.max(prev + 1, now));
  }

  private static TableName table(TableNameProto p) throws InvalidRequestException {
    try {
      return SchemaProtos.fromProto(p);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  private static TableDescriptor descriptor(TableDescriptorProto p)
      throws InvalidRequestException {
    try {
      return SchemaProtos.fromProto(p);
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      throw new InvalidRequestException("Bad table descriptor: " + e.getMessage());
    }
  }

  private MasterServices elected() throws MasterNotActiveException {
    MasterServices m = master.servicesIfElected();
    if (m == null) {
      throw new MasterNotActiveException("Master " + master.getServerName()
          + (master.holdsMasterNode() ? " is still starting up" : " is not the active master"));
    }
    return m;
  }

  private Active active() throws MasterNotActiveException {
    Active a = master.activeIfInitialized();
    if (a == null) {
      throw new MasterNotActiveException("Master " + master.getServerName()
          + (master.holdsMasterNode() ? " is still initializing" : " is not the active master"));
    }
    return a;
  }

  /** The active master's parts, as the handlers need them. */
  record Active(MasterServices services, ProcedureExecutor executor) {
    TableDescriptors descriptors() {
      return services.descriptors();
    }

    TableStateStore tableStates() {
      return services.tableStates();
    }

    NamespaceStore namespaces() {
      return services.namespaces();
    }

    RegionStates regionStates() {
      return services.regionStates();
    }

    ServerTracker servers() {
      return services.servers();
    }

    TableStateProto tableState(TableName t) throws IOException {
      return services.tableState(t);
    }
  }
}
