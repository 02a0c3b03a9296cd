package io.cellar.client.connection;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.cellar.client.Admin;
import io.cellar.client.ClusterMetrics;
import io.cellar.client.Connection;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.exceptions.TableNotFoundException;
import io.cellar.common.proto.*;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@link Admin} over a {@link ClusterConnection}: DDL and cluster calls through
 * {@link MasterCaller}; flush and compactions through {@link RegionAdminCalls} to each region's
 * server; region lists from meta.
 */
final class ClusterAdmin implements Admin {
  private final ClusterConnection conn;
  private final MasterCaller master;
  private final RegionAdminCalls regionCalls;

  ClusterAdmin(ClusterConnection conn) {
    this.conn = conn;
    this.master = conn.master();
    this.regionCalls = new RegionAdminCalls(conn);
  }

  @Override
  public Connection getConnection() {
    return conn;
  }

  private static TableNameProto proto(TableName t) {
    return SchemaProtos.toProto(t);
  }

  private <R> R callMaster(String what, String method, Message req,
      com.google.protobuf.Parser<R> parser) throws IOException {
    conn.checkOpen();
    return master.call(what, method, req, parser);
  }

  @Override
  public void createTable(TableDescriptor desc) throws IOException {
    createTable(desc, new byte[0][]);
  }

  @Override
  public void createTable(TableDescriptor desc, byte[][] splitKeys) throws IOException {
    CreateTableRequest.Builder req = CreateTableRequest.newBuilder()
        .setTable(SchemaProtos.toProto(desc));
    for (byte[] k : splitKeys) {
      if (k == null || k.length == 0) {
        throw new IllegalArgumentException("Split keys must not be empty");
      }
      req.addSplitKeys(ByteString.copyFrom(k));
    }
    callMaster("createTable " + desc.getTableName().getNameAsString(), "CreateTable",
        req.build(), CreateTableResponse.parser());
    conn.lookup().cache().clear(desc.getTableName());
  }

  @Override
  public void createTable(TableDescriptor desc, byte[] startKey, byte[] endKey, int numRegions)
      throws IOException {
    createTable(desc, EvenSplits.between(startKey, endKey, numRegions));
  }

  @Override
  public void deleteTable(TableName name) throws IOException {
    callMaster("deleteTable " + name.getNameAsString(), "DeleteTable",
        DeleteTableRequest.newBuilder().setTable(proto(name)).build(),
        DeleteTableResponse.parser());
    conn.lookup().cache().clear(name);
  }

  @Override
  public void truncateTable(TableName name, boolean preserveSplits) throws IOException {
    callMaster("truncateTable " + name.getNameAsString(), "TruncateTable",
        TruncateTableRequest.newBuilder().setTable(proto(name))
            .setPreserveSplits(preserveSplits).build(), TruncateTableResponse.parser());
    conn.lookup().cache().clear(name);
  }

  @Override
  public void enableTable(TableName name) throws IOException {
    callMaster("enableTable " + name.getNameAsString(), "EnableTable",
        EnableTableRequest.newBuilder().setTable(proto(name)).build(),
        EnableTableResponse.parser());
    conn.lookup().cache().clear(name);
  }

  @Override
  public void disableTable(TableName name) throws IOException {
    callMaster("disableTable " + name.getNameAsString(), "DisableTable",
        DisableTableRequest.newBuilder().setTable(proto(name)).build(),
        DisableTableResponse.parser());
    conn.lookup().cache().clear(name);
  }

  private TableStateProto state(TableName name) throws IOException {
    return callMaster("getTableState " + name.getNameAsString(), "GetTableState",
        GetTableStateRequest.newBuilder().setTable(proto(name)).build(),
        GetTableStateResponse.parser()).getState();
  }

  @Override
  public boolean isTableEnabled(TableName name) throws IOException {
    return state(name) == TableStateProto.TABLE_ENABLED;
  }

  @Override
  public boolean isTableDisabled(TableName name) throws IOException {
    return state(name) == TableStateProto.TABLE_DISABLED;
  }

  @Override
  public boolean tableExists(TableName name) throws IOException {
    return callMaster("tableExists " + name.getNameAsString(), "TableExists",
        TableExistsRequest.newBuilder().setTable(proto(name)).build(),
        TableExistsResponse.parser()).getExists();
  }

  @Override
  public boolean isTableAvailable(TableName name) throws IOException {
    List<RegionLocation> regions;
    try {
      regions = regionCalls.regions(name);
    } catch (TableNotFoundException e) {
      return false;
    }
    for (RegionLocation loc : regions) {
      if (!RegionLookup.isOnline(loc)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<TableDescriptor> listTableDescriptors() throws IOException {
    return list("");
  }

  @Override
  public List<TableDescriptor> listTableDescriptors(Pattern pattern) throws IOException {
    return list(pattern == null ? "" : pattern.pattern());
  }

  private List<TableDescriptor> list(String regex) throws IOException {
    ListTablesResponse r = callMaster("listTables", "ListTables",
        ListTablesRequest.newBuilder().setRegex(regex).build(), ListTablesResponse.parser());
    List<TableDescriptor> out = new ArrayList<>(r.getTablesCount());
    for (TableDescriptorProto p : r.getTablesList()) {
      out.add(SchemaProtos.fromProto(p));
    }
    return out;
  }

  @Override
  public List<TableName> listTableNames() throws IOException {
    return names(listTableDescriptors());
  }

  @Override
  public List<TableName> listTableNames(Pattern pattern) throws IOException {
    return names(listTableDescriptors(pattern));
  }

  private static List<TableName> names(List<TableDescriptor> ds) {
    List<TableName> out = new ArrayList<>(ds.size());
    for (TableDescriptor d : ds) {
      out.add(d.getTableName());
    }
    return out;
  }

  @Override
  public TableDescriptor getDescriptor(TableName name) throws IOException {
    return SchemaProtos.fromProto(callMaster("getDescriptor " + name.getNameAsString(),
        "GetTableDescriptor", GetTableDescriptorRequest.newBuilder().setTable(proto(name))
            .build(), GetTableDescriptorResponse.parser()).getTable());
  }

  @Override
  public void modifyTable(TableDescriptor desc) throws IOException {
    callMaster("modifyTable " + desc.getTableName().getNameAsString(), "ModifyTable",
        ModifyTableRequest.newBuilder().setTable(SchemaProtos.toProto(desc)).build(),
        ModifyTableResponse.parser());
    conn.lookup().cache().clear(desc.getTableName());
  }

  @Override
  public void addColumnFamily(TableName name, ColumnFamilyDescriptor family)
      throws IOException {
    TableDescriptor td = getDescriptor(name);
    if (td.hasColumnFamily(family.getName())) {
      throw new InvalidRequestException("Table " + name.getNameAsString()
          + " already has column family '" + family.getNameAsString() + "'");
    }
    modifyTable(TableDescriptor.newBuilder(td).setColumnFamily(family).build());
  }

  @Override
  public void modifyColumnFamily(TableName name, ColumnFamilyDescriptor family)
      throws IOException {
    TableDescriptor td = getDescriptor(name);
    if (!td.hasColumnFamily(family.getName())) {
      throw new NoSuchColumnFamilyException("Table " + name.getNameAsString()
          + " has no column family '" + family.getNameAsString() + "'");
    }
    modifyTable(TableDescriptor.newBuilder(td).setColumnFamily(family).build());
  }

  @Override
  public void deleteColumnFamily(TableName name, byte[] family) throws IOException {
    TableDescriptor td = getDescriptor(name);
    if (!td.hasColumnFamily(family)) {
      throw new NoSuchColumnFamilyException("Table " + name.getNameAsString()
          + " has no column family '" + io.cellar.common.Bytes.toStringBinary(family) + "'");
    }
    if (td.getColumnFamilies().size() == 1) {
      throw new InvalidRequestException("Cannot delete the only column family of table "
          + name.getNameAsString());
    }
    modifyTable(TableDescriptor.newBuilder(td).removeColumnFamily(family).build());
  }

  @Override
  public void createNamespace(String namespace) throws IOException {
    TableName.checkNamespaceName(namespace);
    callMaster("createNamespace " + namespace, "CreateNamespace",
        CreateNamespaceRequest.newBuilder().setNamespace(namespace).build(),
        CreateNamespaceResponse.parser());
  }

  @Override
  public void deleteNamespace(String namespace) throws IOException {
    callMaster("deleteNamespace " + namespace, "DeleteNamespace",
        DeleteNamespaceRequest.newBuilder().setNamespace(namespace).build(),
        DeleteNamespaceResponse.parser());
  }

  @Override
  public List<String> listNamespaces() throws IOException {
    return List.copyOf(callMaster("listNamespaces", "ListNamespaces",
        ListNamespacesRequest.getDefaultInstance(), ListNamespacesResponse.parser())
        .getNamespacesList());
  }

  @Override
  public void flush(TableName name) throws IOException {
    regionCalls.forEachRegion(name, "flush", loc -> FlushRegionRequest.newBuilder()
        .setRegionName(RegionLookup.regionName(loc)).build(), "FlushRegion");
  }

  @Override
  public void compact(TableName name) throws IOException {
    compact(name, false);
  }

  @Override
  public void majorCompact(TableName name) throws IOException {
    compact(name, true);
  }

  private void compact(TableName name, boolean major) throws IOException {
    regionCalls.forEachRegion(name, major ? "majorCompact" : "compact",
        loc -> CompactRegionRequest.newBuilder().setRegionName(RegionLookup.regionName(loc))
            .setMajor(major).build(), "CompactRegion");
  }

  @Override
  public void flushRegion(byte[] regionName) throws IOException {
    regionCalls.onRegion(regionName, "flush", "FlushRegion", loc -> FlushRegionRequest
        .newBuilder().setRegionName(RegionLookup.regionName(loc)).build());
  }

  @Override
  public void compactRegion(byte[] regionName) throws IOException {
    regionCalls.onRegion(regionName, "compact", "CompactRegion", loc -> CompactRegionRequest
        .newBuilder().setRegionName(RegionLookup.regionName(loc)).build());
  }

  @Override
  public void majorCompactRegion(byte[] regionName) throws IOException {
    regionCalls.onRegion(regionName, "majorCompact", "CompactRegion", loc -> CompactRegionRequest
        .newBuilder().setRegionName(RegionLookup.regionName(loc)).setMajor(true).build());
  }

  @Override
  public void splitRegion(byte[] regionName) throws IOException {
    splitRegion(regionName, null);
  }

  @Override
  public void splitRegion(byte[] regionName, byte[] splitPoint) throws IOException {
    RegionLocation loc = conn.caller().call("split of region "
        + io.cellar.common.Bytes.toStringBinary(regionName), null,
        t -> conn.lookup().byRegionName(regionName, t.rpcTimeoutMs()));
    if (splitPoint != null && !loc.region().containsRow(splitPoint)) {
      throw new InvalidRequestException("Split point '"
          + io.cellar.common.Bytes.toStringBinary(splitPoint) + "' is outside region "
          + loc.region());
    }
    splitRegion(loc.region(), splitPoint);
  }

  @Override
  public List<RegionInfo> getRegions(ServerName server) throws IOException {
    conn.checkOpen();
    GetOnlineRegionsResponse r = conn.caller().call("region listing of server " + server, null,
        t -> {
          t.atServer(server);
          return conn.calls().call(server, ServerCalls.ADMIN_SERVICE, "GetOnlineRegions",
              GetOnlineRegionsRequest.getDefaultInstance(), GetOnlineRegionsResponse.parser(),
              t.rpcTimeoutMs());
        });
    List<RegionInfo> out = new ArrayList<>(r.getRegionsCount());
    for (RegionInfoProto p : r.getRegionsList()) {
      out.add(SchemaProtos.fromProto(p));
    }
    out.sort(null);
    return out;
  }

  @Override
  public List<TableDescriptor> listTableDescriptorsByNamespace(String namespace)
      throws IOException {
    ListTablesResponse r = callMaster("listTables of namespace " + namespace, "ListTables",
        ListTablesRequest.newBuilder().setNamespace(namespace)
            .setIncludeSystem(TableName.SYSTEM_NAMESPACE.equals(namespace)).build(),
        ListTablesResponse.parser());
    List<TableDescriptor> out = new ArrayList<>(r.getTablesCount());
    for (TableDescriptorProto p : r.getTablesList()) {
      out.add(SchemaProtos.fromProto(p));
    }
    return out;
  }

  @Override
  public List<TableName> listTableNamesByNamespace(String namespace) throws IOException {
    return names(listTableDescriptorsByNamespace(namespace));
  }

  @Override
  public void split(TableName name) throws IOException {
    IOException firstRefusal = null;
    boolean anySplit = false;
    for (RegionLocation loc : regionCalls.regions(name)) {
      try {
        splitRegion(loc.region(), null);
        anySplit = true;
      } catch (DoNotRetryException e) {
        // this region cannot be split (too small, say): the others still may
        firstRefusal = firstRefusal == null ? e : firstRefusal;
      }
    }
    if (!anySplit && firstRefusal != null) {
      throw firstRefusal;
    }
  }

  @Override
  public void split(TableName name, byte[] splitPoint) throws IOException {
    if (splitPoint == null || splitPoint.length == 0) {
      throw new IllegalArgumentException("Split point is empty");
    }
    RegionLocation loc = conn.caller().call("split of table " + name.getNameAsString(),
        splitPoint, t -> conn.lookup().locate(name, splitPoint, t.isRetry(), t.rpcTimeoutMs()));
    if (java.util.Arrays.equals(loc.region().getStartKey(), splitPoint)) {
      throw new InvalidRequestException("Split point '"
          + io.cellar.common.Bytes.toStringBinary(splitPoint) + "' is already a region boundary"
          + " of table " + name.getNameAsString());
    }
    splitRegion(loc.region(), splitPoint);
  }

  private void splitRegion(RegionInfo region, byte[] point) throws IOException {
    MasterSplitRegionRequest.Builder req = MasterSplitRegionRequest.newBuilder()
        .setRegionName(ByteString.copyFrom(region.getRegionName()));
    if (point != null) {
      req.setSplitPoint(ByteString.copyFrom(point));
    }
    callMaster("split of region " + region, "MasterSplitRegion", req.build(),
        MasterSplitRegionResponse.parser());
    conn.lookup().cache().remove(region);
  }

  @Override
  public void move(byte[] regionName, ServerName destination) throws IOException {
    MoveRegionRequest.Builder req = MoveRegionRequest.newBuilder()
        .setRegionName(ByteString.copyFrom(regionName));
    if (destination != null) {
      req.setDestination(destination.toProto());
    }
    callMaster("move of region " + io.cellar.common.Bytes.toStringBinary(regionName),
        "MoveRegion", req.build(), MoveRegionResponse.parser());
  }

  @Override
  public int balance() throws IOException {
    return callMaster("balance", "Balance", BalanceRequest.getDefaultInstance(),
        BalanceResponse.parser()).getMoves();
  }

  @Override
  public ClusterMetrics getClusterMetrics() throws IOException {
    return ClusterMetrics.fromProto(callMaster("getClusterMetrics", "GetClusterStatus",
        GetClusterStatusRequest.getDefaultInstance(), GetClusterStatusResponse.parser()));
  }

  @Override
  public List<RegionInfo> getRegions(TableName name) throws IOException {
    List<RegionInfo> out = new ArrayList<>();
    for (RegionLocation loc : regionCalls.regions(name)) {
      out.add(loc.region());
    }
    return out;
  }

  @Override
  public void close() {
    // the connection owns every resource
  }

}
