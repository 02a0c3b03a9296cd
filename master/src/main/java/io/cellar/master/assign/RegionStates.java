package io.cellar.master.assign;

import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The master's in-memory copy of every user region's meta row (info, server, state), loaded
 * from meta when the master becomes active and kept in step with each meta write the master
 * makes. Meta itself is not in here (its location is a znode). Thread-safe.
 */
public final class RegionStates {
  private final Map<String, RegionLocation> byEncodedName = new ConcurrentHashMap<>();
  private volatile boolean loaded;

  /** Replaces everything with the rows read from meta. */
  public synchronized void load(Collection<RegionLocation> rows) {
    byEncodedName.clear();
    for (RegionLocation r : rows) {
      byEncodedName.put(r.region().getEncodedName(), r);
    }
    loaded = true;
  }

  public boolean isLoaded() {
    return loaded;
  }

  public void update(RegionInfo region, ServerName server, RegionState state) {
    byEncodedName.put(region.getEncodedName(), new RegionLocation(region, server, state));
  }

  public void remove(RegionInfo region) {
    byEncodedName.remove(region.getEncodedName());
  }

  public RegionLocation get(RegionInfo region) {
    return byEncodedName.get(region.getEncodedName());
  }

  /** The region whose name ({@code <table>,<start>,<id>}) is {@code regionName}, or null. */
  public RegionLocation byRegionName(byte[] regionName) {
    for (RegionLocation r : byEncodedName.values()) {
      if (Arrays.equals(r.region().getRegionName(), regionName)) {
        return r;
      }
    }
    return null;
  }

  /** The table's regions (split parents included), by start key. */
  public List<RegionLocation> ofTable(TableName table) {
    List<RegionLocation> out = new ArrayList<>();
    for (RegionLocation r : byEncodedName.values()) {
      if (r.region().getTable().equals(table)) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(RegionLocation::region));
    return out;
  }

  /** Regions recorded on {@code server} (opening, open or closing there). */
  public List<RegionLocation> onServer(ServerName server) {
    List<RegionLocation> out = new ArrayList<>();
    for (RegionLocation r : byEncodedName.values()) {
      if (server.equals(r.server()) && isOnServer(r.state())) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(RegionLocation::region));
    return out;
  }

  /** Every region (split parents included), sorted. */
  public List<RegionLocation> all() {
    List<RegionLocation> out = new ArrayList<>(byEncodedName.values());
    out.sort(Comparator.comparing(RegionLocation::region));
    return out;
  }

  /** Regions open on each of {@code servers} (zero for a server with none). */
  public Map<ServerName, List<RegionInfo>> openBy(Collection<ServerName> servers) {
    Map<ServerName, List<RegionInfo>> out = new TreeMap<>();
    for (ServerName s : servers) {
      out.put(s, new ArrayList<>());
    }
    for (RegionLocation r : byEncodedName.values()) {
      if (r.server() != null && isOnServer(r.state()) && out.containsKey(r.server())) {
        out.get(r.server()).add(r.region());
      }
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  /** Servers named by any region row. */
  public List<ServerName> referencedServers() {
    List<ServerName> out = new ArrayList<>();
    for (RegionLocation r : byEncodedName.values()) {
      if (r.server() != null && isOnServer(r.state()) && !out.contains(r.server())) {
        out.add(r.server());
      }
    }
    out.sort(null);
    return out;
  }

  /** Regions opening or closing right now. */
  public int inTransition() {
    int n = 0;
    for (RegionLocation r : byEncodedName.values()) {
      if (r.state() == RegionState.OPENING || r.state() == RegionState.CLOSING
          || r.state() == RegionState.SPLITTING) {
        n++;
      }
    }
    return n;
  }

  /** States in which a region occupies its recorded server. */
  static boolean isOnServer(RegionState s) {
    return s == RegionState.OPEN || s == RegionState.OPENING || s == RegionState.CLOSING
        || s == RegionState.SPLITTING;
  }
}
