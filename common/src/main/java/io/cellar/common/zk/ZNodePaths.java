package io.cellar.common.zk;

import io.cellar.common.conf.Configuration;

/**
 * The ZooKeeper layout of one cluster, under a configurable root (default {@code /cellar}):
 * <pre>
 * root/master                              ephemeral: the active master
 * root/backup-masters/&lt;server&gt;            ephemeral: one per standby master
 * root/rs/&lt;server&gt;                        ephemeral: one per live region server
 * root/meta-region-server                  where cellar:meta is served
 * root/table/&lt;name&gt;                       table state
 * root/namespace/&lt;ns&gt;                     persistent: one per namespace
 * root/procedures/&lt;id&gt;                    the master's in-flight multi-step operations
 * root/cluster-id                          persistent: the cluster's id
 * root/replication/state
 * root/replication/peers/&lt;id&gt;
 * root/replication/rs/&lt;server&gt;/&lt;peer&gt;/&lt;wal&gt;  replication positions
 * </pre>
 * A server is named as the caller chooses (e.g. "host,port,startcode"); a name part must not be
 * empty, ".", ".." or contain '/'. Immutable.
 */
public final class ZNodePaths {
  /** Root znode of the cluster. */
  public static final String ROOT = "cellar.zookeeper.root";
  public static final String DEFAULT_ROOT = "/cellar";

  private final String root;

  public ZNodePaths(String root) {
    if (root == null || !root.startsWith("/") || (root.length() > 1 && root.endsWith("/"))
        || root.contains("//")) {
      throw new IllegalArgumentException("bad ZooKeeper root '" + root + "'");
    }
    this.root = root;
  }

  public static ZNodePaths fromConf(Configuration conf) {
    return new ZNodePaths(conf.get(ROOT, DEFAULT_ROOT));
  }

  public String root() {
    return root;
  }

  public String master() {
    return child("master");
  }

  public String backupMasters() {
    return child("backup-masters");
  }

  public String backupMaster(String server) {
    return join(backupMasters(), server);
  }

  public String regionServers() {
    return child("rs");
  }

  public String regionServer(String server) {
    return join(regionServers(), server);
  }

  public String metaRegionServer() {
    return child("meta-region-server");
  }

  public String tables() {
    return child("table");
  }

  /** Table names may hold ':' (namespace:qualifier), which is legal in a znode name. */
  public String table(String tableName) {
    return join(tables(), tableName);
  }

  public String namespaces() {
    return child("namespace");
  }

  public String namespace(String namespace) {
    return join(namespaces(), namespace);
  }

  public String procedures() {
    return child("procedures");
  }

  public String procedure(String id) {
    return join(procedures(), id);
  }

  public String clusterId() {
    return child("cluster-id");
  }

  public String replication() {
    return child("replication");
  }

  public String replicationState() {
    return join(replication(), "state");
  }

  public String replicationPeers() {
    return join(replication(), "peers");
  }

  public String replicationPeer(String peerId) {
    return join(replicationPeers(), peerId);
  }

  public String replicationQueues() {
    return join(replication(), "rs");
  }

  public String replicationQueues(String server) {
    return join(replicationQueues(), server);
  }

  public String replicationQueue(String server, String peerId) {
    return join(replicationQueues(server), peerId);
  }

  public String replicationWal(String server, String peerId, String wal) {
    return join(replicationQueue(server, peerId), wal);
  }

  /** The last path element of {@code path} (e.g. the server of a {@code rs/} child). */
  public static String lastPart(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private String child(String name) {
    return join(root, name);
  }

  private static String join(String parent, String name) {
    if (name == null || name.isEmpty() || name.contains("/") || name.equals(".")
        || name.equals("..")) {
      throw new IllegalArgumentException("bad znode name '" + name + "'");
    }
    return parent.equals("/") ? "/" + name : parent + "/" + name;
  }

  @Override
  public String toString() {
    return "ZNodePaths(" + root + ")";
  }
}
