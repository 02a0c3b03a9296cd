package io.cellar.client;

import io.cellar.common.proto.GetClusterStatusResponse;
import io.cellar.common.proto.ServerLoadProto;
import io.cellar.common.proto.ServerNameProto;
import io.cellar.common.schema.ServerName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster as the active master sees it: masters, live region servers with their loads, dead
 * servers (crashed, recovery known), regions in transition. A snapshot; immutable.
 */
public final class ClusterMetrics {
  private final ServerName master;
  private final List<ServerName> backupMasters;
  private final Map<ServerName, ServerMetrics> liveServers;
  private final List<ServerName> deadServers;
  private final int regionsInTransition;
  private final String clusterId;

  public ClusterMetrics(ServerName master, List<ServerName> backupMasters,
      Map<ServerName, ServerMetrics> liveServers, List<ServerName> deadServers,
      int regionsInTransition, String clusterId) {
    this.master = master;
    this.backupMasters = List.copyOf(backupMasters);
    this.liveServers = Collections.unmodifiableMap(new TreeMap<>(liveServers));
    this.deadServers = List.copyOf(deadServers);
    this.regionsInTransition = regionsInTransition;
    this.clusterId = clusterId;
  }

  public static ClusterMetrics fromProto(GetClusterStatusResponse p) {
    Map<ServerName, ServerMetrics> live = new TreeMap<>();
    for (ServerLoadProto l : p.getLiveServersList()) {
      ServerMetrics m = ServerMetrics.fromProto(l);
      live.put(m.getServerName(), m);
    }
    return new ClusterMetrics(p.hasActiveMaster() ? ServerName.fromProto(p.getActiveMaster())
        : null, names(p.getBackupMastersList()), live, names(p.getDeadServersList()),
        p.getRegionsInTransition(), p.getClusterId());
  }

  private static List<ServerName> names(List<ServerNameProto> ps) {
    List<ServerName> out = new ArrayList<>(ps.size());
    for (ServerNameProto s : ps) {
      out.add(ServerName.fromProto(s));
    }
    return out;
  }

  /** The active master (null if the answer had none). */
  public ServerName getMasterName() {
    return master;
  }

  public List<ServerName> getBackupMasterNames() {
    return backupMasters;
  }

  public Map<ServerName, ServerMetrics> getLiveServerMetrics() {
    return liveServers;
  }

  public List<ServerName> getServersName() {
    return List.copyOf(liveServers.keySet());
  }

  public List<ServerName> getDeadServerNames() {
    return deadServers;
  }

  public int getRegionsInTransition() {
    return regionsInTransition;
  }

  public String getClusterId() {
    return clusterId;
  }

  /** Regions reported by live servers. */
  public int getRegionCount() {
    int n = 0;
    for (ServerMetrics s : liveServers.values()) {
      n += s.getRegionCount();
    }
    return n;
  }

  /** Regions per live server (0 with no server). */
  public double getAverageLoad() {
    return liveServers.isEmpty() ? 0 : (double) getRegionCount() / liveServers.size();
  }

  @Override
  public String toString() {
    return "ClusterMetrics{master=" + master + ", backups=" + backupMasters + ", live="
        + liveServers.size() + ", dead=" + deadServers + ", regions=" + getRegionCount()
        + ", inTransition=" + regionsInTransition + "}";
  }
}
