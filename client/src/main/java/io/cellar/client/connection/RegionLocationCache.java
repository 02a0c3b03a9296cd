package io.cellar.client.connection;

import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Known region locations, per table a map from region start key to location. Entries never
 * overlap: adding a region drops the cached ones whose key range it overlaps (e.g. a split
 * parent when a daughter arrives). Only locations with a server belong here. Thread-safe;
 * concurrent adds of overlapping regions may leave the older one until it fails and is removed.
 */
public final class RegionLocationCache {
  private final Map<TableName, ConcurrentNavigableMap<byte[], RegionLocation>> tables =
      new ConcurrentHashMap<>();

  private ConcurrentNavigableMap<byte[], RegionLocation> table(TableName t) {
    return tables.computeIfAbsent(t, k -> new ConcurrentSkipListMap<>(Bytes::compare));
  }

  /** The cached region holding {@code row}, or null. */
  public RegionLocation find(TableName table, byte[] row) {
    ConcurrentNavigableMap<byte[], RegionLocation> m = tables.get(table);
    if (m == null) {
      return null;
    }
    Map.Entry<byte[], RegionLocation> e = m.floorEntry(row);
    return e != null && e.getValue().region().containsRow(row) ? e.getValue() : null;
  }

  /**
   * The cached region holding the rows just below {@code row} (its end key is {@code row}, or
   * it spans it), or null; an empty {@code row} means the end of the table (the last region).
   */
  public RegionLocation findBefore(TableName table, byte[] row) {
    ConcurrentNavigableMap<byte[], RegionLocation> m = tables.get(table);
    if (m == null) {
      return null;
    }
    Map.Entry<byte[], RegionLocation> e = row.length == 0 ? m.lastEntry() : m.lowerEntry(row);
    if (e == null) {
      return null;
    }
    byte[] end = e.getValue().region().getEndKey();
    if (row.length == 0) {
      return end.length == 0 ? e.getValue() : null;
    }
    return end.length == 0 || Bytes.compare(end, row) >= 0 ? e.getValue() : null;
  }

  /** Caches a location, replacing any cached region it overlaps. REQUIRES: server set. */
  public void add(RegionLocation loc) {
    if (loc.server() == null) {
      throw new IllegalArgumentException("Caching a location without a server: " + loc);
    }
    RegionInfo r = loc.region();
    ConcurrentNavigableMap<byte[], RegionLocation> m = table(r.getTable());
    byte[] start = r.getStartKey();
    byte[] end = r.getEndKey();
    Map.Entry<byte[], RegionLocation> below = m.lowerEntry(start);
    if (below != null && overlaps(below.getValue().region(), start)) {
      m.remove(below.getKey(), below.getValue());
    }
    ConcurrentNavigableMap<byte[], RegionLocation> inside =
        end.length == 0 ? m.tailMap(start, true) : m.subMap(start, true, end, false);
    for (Iterator<Map.Entry<byte[], RegionLocation>> it = inside.entrySet().iterator();
        it.hasNext(); ) {
      it.next();
      it.remove();
    }
    m.put(start, loc);
  }

  private static boolean overlaps(RegionInfo lower, byte[] start) {
    byte[] end = lower.getEndKey();
    return end.length == 0 || Bytes.compare(end, start) > 0;
  }

  /** Drops the region if it is still the one cached at its start key. */
  public void remove(RegionInfo region) {
    ConcurrentNavigableMap<byte[], RegionLocation> m = tables.get(region.getTable());
    if (m == null) {
      return;
    }
    RegionLocation cur = m.get(region.getStartKey());
    if (cur != null && cur.region().equals(region)) {
      m.remove(region.getStartKey(), cur);
    }
  }

  /** Drops every location on {@code server} (it went away). */
  public void removeServer(ServerName server) {
    for (ConcurrentNavigableMap<byte[], RegionLocation> m : tables.values()) {
      m.values().removeIf(l -> server.equals(l.server()));
    }
  }

  public void clear(TableName table) {
    tables.remove(table);
  }

  public void clearAll() {
    tables.clear();
  }

  /** Number of cached regions of the table. */
  public int size(TableName table) {
    ConcurrentNavigableMap<byte[], RegionLocation> m = tables.get(table);
    return m == null ? 0 : m.size();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RegionLocationCache{");
    tables.forEach((t, m) -> sb.append(t).append('=').append(m.size()).append(' '));
    return sb.append('}').toString();
  }

}
