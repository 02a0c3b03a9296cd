package io.cellar.client;

import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Table, namespace and cluster administration, as HBase's Admin. DDL goes to the active master
 * (found in ZooKeeper, looked up again when a master fails or answers that it is not active) and
 * returns once done; flush and compactions go to each region's server. Errors a retry cannot fix
 * are thrown with their own type (TableExistsException, TableNotFoundException,
 * TableNotDisabledException, NamespaceNotFoundException, InvalidRequestException, ...).
 * Thread-safe.
 */
public interface Admin extends Closeable {
  Connection getConnection();

  void createTable(TableDescriptor desc) throws IOException;

  /** A table pre-split at {@code splitKeys} (one region more than keys). */
  void createTable(TableDescriptor desc, byte[][] splitKeys) throws IOException;

  /**
   * A table of {@code numRegions} regions: the first ends at {@code startKey}, the last starts
   * at {@code endKey}, the others split the range evenly. REQUIRES: numRegions >= 3 and
   * startKey < endKey.
   */
  void createTable(TableDescriptor desc, byte[] startKey, byte[] endKey, int numRegions)
      throws IOException;

  /** REQUIRES: the table is disabled. */
  void deleteTable(TableName name) throws IOException;

  /** Drops every row (regions recreated, the old boundaries kept if preserveSplits). */
  void truncateTable(TableName name, boolean preserveSplits) throws IOException;

  void enableTable(TableName name) throws IOException;

  void disableTable(TableName name) throws IOException;

  boolean isTableEnabled(TableName name) throws IOException;

  boolean isTableDisabled(TableName name) throws IOException;

  boolean tableExists(TableName name) throws IOException;

  /** True if every region of the table is open on a server (false for an unknown table). */
  boolean isTableAvailable(TableName name) throws IOException;

  /** User tables. */
  List<TableDescriptor> listTableDescriptors() throws IOException;

  /** User tables whose full name ({@code ns:t}, or {@code t} in default) matches. */
  List<TableDescriptor> listTableDescriptors(Pattern pattern) throws IOException;

  List<TableName> listTableNames() throws IOException;

  List<TableName> listTableNames(Pattern pattern) throws IOException;

  TableDescriptor getDescriptor(TableName name) throws IOException;

  void modifyTable(TableDescriptor desc) throws IOException;

  void addColumnFamily(TableName name, ColumnFamilyDescriptor family) throws IOException;

  void modifyColumnFamily(TableName name, ColumnFamilyDescriptor family) throws IOException;

  void deleteColumnFamily(TableName name, byte[] family) throws IOException;

  void createNamespace(String namespace) throws IOException;

  /** REQUIRES: the namespace holds no table. */
  void deleteNamespace(String namespace) throws IOException;

  List<String> listNamespaces() throws IOException;

  /** Flushes every region of the table (each region's server, in parallel). */
  void flush(TableName name) throws IOException;

  void compact(TableName name) throws IOException;

  void majorCompact(TableName name) throws IOException;

  /** Flushes one region, named by its region name ({@code <table>,<startkey>,<id>}). */
  void flushRegion(byte[] regionName) throws IOException;

  void compactRegion(byte[] regionName) throws IOException;

  void majorCompactRegion(byte[] regionName) throws IOException;

  /** Splits one region at the middle of its largest store. */
  void splitRegion(byte[] regionName) throws IOException;

  void splitRegion(byte[] regionName, byte[] splitPoint) throws IOException;

  /**
   * Splits every region of the table at the middle of its largest store. Regions that cannot
   * be split (empty, say) are skipped; fails only if no region could be split.
   */
  void split(TableName name) throws IOException;

  /** Splits the region holding {@code splitPoint} there. */
  void split(TableName name, byte[] splitPoint) throws IOException;

  /** Moves a region (by region name) to {@code destination}, or anywhere else if null. */
  void move(byte[] regionName, ServerName destination) throws IOException;

  /** Runs the balancer; returns the number of regions it moved. */
  int balance() throws IOException;

  ClusterMetrics getClusterMetrics() throws IOException;

  /** Same as {@link #getClusterMetrics()} (HBase 1 name). */
  default ClusterMetrics getClusterStatus() throws IOException {
    return getClusterMetrics();
  }

  /** The table's regions in key order (split parents left out), from meta. */
  List<RegionInfo> getRegions(TableName name) throws IOException;

  /** The regions a region server has online now (asked of the server). */
  List<RegionInfo> getRegions(ServerName server) throws IOException;

  List<TableDescriptor> listTableDescriptorsByNamespace(String namespace) throws IOException;

  List<TableName> listTableNamesByNamespace(String namespace) throws IOException;

  @Override
  void close();
}
