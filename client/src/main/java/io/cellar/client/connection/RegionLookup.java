package io.cellar.client.connection;

import com.google.protobuf.ByteString;
import io.cellar.client.Result;
import io.cellar.client.Scan;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.exceptions.TableNotEnabledException;
import io.cellar.common.exceptions.TableNotFoundException;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the region holding a row: from the {@link RegionLocationCache}, else by a reversed scan
 * of {@code cellar:meta} from {@link MetaTable#searchRow} bounded to the table's rows (the
 * regions read past the wanted one are cached too). Meta's own server comes from ZooKeeper and
 * is read again after a meta call fails. One attempt per call: a region that is not open, or a
 * gap in meta, throws a retryable NotServingRegionException; an unknown table throws
 * TableNotFoundException and a disabled one TableNotEnabledException (neither retried).
 * Thread-safe; lookups of one table go to meta one at a time.
 */
public final class RegionLookup {
  /** Regions whose request names are kept (see {@link #regionName(RegionInfo)}). */
  private static final int MAX_NAMES = 100_000;
  private static final Map<RegionInfo, ByteString> REGION_NAMES = new ConcurrentHashMap<>();
  private final MetaReader meta;
  private final ClusterRegistry registry;
  private final RegionLocationCache cache;
  private final int lookupRows;
  private final Map<TableName, Object> lookupLocks = new ConcurrentHashMap<>();
  private volatile ServerName metaServer;

  public RegionLookup(ServerCalls calls, ClusterRegistry registry, RegionLocationCache cache,
      int lookupRows) {
    this.meta = new MetaReader(calls);
    this.registry = registry;
    this.cache = cache;
    this.lookupRows = lookupRows;
  }

  /** One meta lookup per table at a time, so a cold cache does not send a herd to meta. */
  private Object lockFor(TableName table) {
    return lookupLocks.computeIfAbsent(table, t -> new Object());
  }

  public RegionLocationCache cache() {
    return cache;
  }

  /** The region holding {@code row}; {@code reload} skips the cache. */
  public RegionLocation locate(TableName table, byte[] row, boolean reload, long timeoutMs)
      throws IOException {
    if (table.equals(MetaTable.NAME)) {
      return metaLocation();
    }
    if (!reload) {
      RegionLocation hit = cache.find(table, row);
      if (hit != null) {
        return hit;
      }
    }
    synchronized (lockFor(table)) {
      // a thread that waited here may find the region its predecessor just read
      RegionLocation hit = reload ? null : cache.find(table, row);
      return hit != null ? hit : lookUp(table, row, false, timeoutMs);
    }
  }

  /**
   * The region holding the rows just below {@code row} (the next region of a reversed scan);
   * an empty {@code row} means the table's last region.
   */
  public RegionLocation locateBefore(TableName table, byte[] row, boolean reload,
      long timeoutMs) throws IOException {
    if (table.equals(MetaTable.NAME)) {
      return metaLocation();
    }
    if (!reload) {
      RegionLocation hit = cache.findBefore(table, row);
      if (hit != null) {
        return hit;
      }
    }
    synchronized (lockFor(table)) {
      RegionLocation hit = reload ? null : cache.findBefore(table, row);
      return hit != null ? hit : lookUp(table, row, true, timeoutMs);
    }
  }

  /** Every region of the table in key order (split parents left out), read from meta now. */
  public List<RegionLocation> allRegions(TableName table, long timeoutMs) throws IOException {
    if (table.equals(MetaTable.NAME)) {
      return List.of(metaLocation());
    }
    Scan scan = new Scan().withStartRow(MetaTable.tableStartRow(table))
        .withStopRow(MetaTable.tableStopRow(table)).addFamily(MetaTable.FAMILY);
    List<RegionLocation> out = new ArrayList<>();
    try (MetaReader.Rows rows = meta.open(metaServerOrThrow(), scan, 100, timeoutMs)) {
      for (Result r = rows.next(); r != null; r = rows.next()) {
        RegionLocation loc = MetaTable.parse(r);
        if (loc == null || !loc.region().getTable().equals(table)
            || loc.state() == MetaTable.RegionState.SPLIT) {
          continue;
        }
        out.add(loc);
        if (isOnline(loc)) {
          cache.add(loc);
        }
      }
    } catch (IOException | RuntimeException e) {
      metaFailed(e);
      throw e;
    }
    if (out.isEmpty()) {
      throw noRegions(table);
    }
    return out;
  }

  /**
   * The region named {@code regionName} ({@code <table>,<startkey>,<id>}), read from meta now.
   * Throws InvalidRequestException if meta has no such region.
   */
  public RegionLocation byRegionName(byte[] regionName, long timeoutMs) throws IOException {
    if (Arrays.equals(regionName, MetaTable.REGION.getRegionName())) {
      return metaLocation();
    }
    Scan scan = new Scan().withStartRow(regionName, true).withStopRow(regionName, true)
        .addFamily(MetaTable.FAMILY).setLimit(1);
    try (MetaReader.Rows rows = meta.open(metaServerOrThrow(), scan, 1, timeoutMs)) {
      Result r = rows.next();
      RegionLocation loc = r == null ? null : MetaTable.parse(r);
      if (loc == null) {
        throw new InvalidRequestException("Unknown region " + Bytes.toStringBinary(regionName));
      }
      return loc;
    } catch (IOException | RuntimeException e) {
      metaFailed(e);
      throw e;
    }
  }

  /** Drops what a failure says is stale. */
  public void onFailure(RegionLocation loc, Throwable t) {
    switch (RetryPolicy.classify(t)) {
      case RELOCATE -> {
        if (loc.region().getTable().equals(MetaTable.NAME)) {
          metaServer = null;
        } else {
          cache.remove(loc.region());
        }
      }
      case SERVER_GONE -> {
        cache.removeServer(loc.server());
        if (loc.server().equals(metaServer)) {
          metaServer = null;
        }
      }
      default -> { }
    }
  }

  private RegionLocation metaLocation() throws IOException {
    return new RegionLocation(MetaTable.REGION, metaServerOrThrow(), MetaTable.RegionState.OPEN);
  }

  private ServerName metaServerOrThrow() throws IOException {
    ServerName s = metaServer;
    if (s == null) {
      Optional<ServerName> fromZk = registry.metaServer();
      if (fromZk.isEmpty()) {
        throw new NotServingRegionException("The meta region is not assigned yet");
      }
      s = fromZk.get();
      metaServer = s;
    }
    return s;
  }

  private void metaFailed(Throwable e) {
    RetryPolicy.Failure kind = RetryPolicy.classify(e);
    if (kind == RetryPolicy.Failure.RELOCATE || kind == RetryPolicy.Failure.SERVER_GONE) {
      metaServer = null;
    }
  }

  private RegionLocation lookUp(TableName table, byte[] row, boolean before, long timeoutMs)
      throws IOException {
    byte[] start = before && row.length == 0 ? MetaTable.tableStopRow(table)
        : MetaTable.searchRow(table, row);
    Scan scan = new Scan().withStartRow(start, !(before && row.length == 0))
        .withStopRow(MetaTable.tableStartRow(table), false)
        .setReversed(true).addFamily(MetaTable.FAMILY);
    RegionLocation found = null;
    boolean sawTable = false;
    try (MetaReader.Rows rows = meta.open(metaServerOrThrow(), scan, lookupRows, timeoutMs)) {
      for (Result r = rows.next(); r != null; r = rows.next()) {
        RegionLocation loc = MetaTable.parse(r);
        if (loc == null || !loc.region().getTable().equals(table)) {
          continue;
        }
        sawTable = true;
        if (found != null) {
          // regions below the wanted one, already fetched: worth caching
          if (isOnline(loc)) {
            cache.add(loc);
          }
          if (!rows.hasBuffered()) {
            break;
          }
          continue;
        }
        if (startsAfterTarget(loc.region(), row, before)
            || loc.state() == MetaTable.RegionState.SPLIT) {
          continue;
        }
        found = loc;
        if (!rows.hasBuffered()) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      metaFailed(e);
      throw e;
    }
    if (found == null) {
      if (!sawTable) {
        throw noRegions(table);
      }
      throw new NotServingRegionException("No region of table " + table.getNameAsString()
          + " holds row '" + Bytes.toStringBinary(row) + "' yet");
    }
    if (!covers(found.region(), row, before)) {
      throw new NotServingRegionException("No region of table " + table.getNameAsString()
          + " holds row '" + Bytes.toStringBinary(row) + "' yet (gap after "
          + found.region() + ")");
    }
    if (!isOnline(found)) {
      Optional<TableStateProto> state = registry.tableState(table);
      if (state.isEmpty()) {
        throw tableNotFound(table);
      }
      if (state.get() == TableStateProto.TABLE_DISABLED
          || state.get() == TableStateProto.TABLE_DISABLING) {
        throw new TableNotEnabledException("Table '" + table.getNameAsString() + "' is disabled");
      }
      throw new NotServingRegionException("Region " + found.region() + " is " + found.state()
          + (found.server() == null ? " and unassigned" : " on " + found.server())
          + ", not online yet");
    }
    cache.add(found);
    return found;
  }

  /** Meta keys sort {@code <table>,<start>,<id>}: a start key after the target can sort first. */
  private static boolean startsAfterTarget(RegionInfo r, byte[] row, boolean before) {
    int c = Bytes.compare(r.getStartKey(), row);
    if (before) {
      return row.length > 0 && c >= 0;
    }
    return c > 0;
  }

  private static boolean covers(RegionInfo r, byte[] row, boolean before) {
    if (!before) {
      return r.containsRow(row);
    }
    byte[] end = r.getEndKey();
    if (row.length == 0) {
      return end.length == 0;
    }
    return end.length == 0 || Bytes.compare(end, row) >= 0;
  }

  static boolean isOnline(RegionLocation loc) {
    return loc.server() != null && loc.state() == MetaTable.RegionState.OPEN;
  }

  private IOException noRegions(TableName table) throws IOException {
    // meta has no row for it: unknown, unless the master is still writing its rows
    if (registry.tableState(table).isPresent()) {
      return new NotServingRegionException("Table " + table.getNameAsString()
          + " has no regions in meta yet");
    }
    return tableNotFound(table);
  }

  static TableNotFoundException tableNotFound(TableName table) {
    return new TableNotFoundException("Table '" + table.getNameAsString() + "' does not exist");
  }

  static ByteString regionName(RegionLocation loc) {
    return regionName(loc.region());
  }

  /**
   * The region's name as sent in requests, built once per region (not per call: it is a
   * concatenation and a copy). Bounded: cleared when it would outgrow {@link #MAX_NAMES}.
   */
  static ByteString regionName(RegionInfo region) {
    ByteString name = REGION_NAMES.get(region);
    if (name == null) {
      if (REGION_NAMES.size() >= MAX_NAMES) {
        REGION_NAMES.clear();
      }
      name = ByteString.copyFrom(region.getRegionName());
      REGION_NAMES.put(region, name);
    }
    return name;
  }
}
