package io.cellar.regionserver.server;

import com.google.common.util.concurrent.Striped;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.regionserver.Region;
import io.cellar.regionserver.RegionServices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The regions this server serves, by region name, and their transitions. Opening, closing and
 * splitting one region are serialized by a lock per encoded name, so two OpenRegion calls for the
 * same region open it once. A region is in the map only while it serves: it enters after its
 * open (replay included) finished and leaves before its close starts, so a request either finds
 * a serving region or gets NotServingRegionException naming it. Thread-safe.
 */
final class OnlineRegions {
  private static final Logger LOG = LoggerFactory.getLogger(OnlineRegions.class);

  /** How a region closes. */
  enum CloseMode {
    /** Flush first: nothing is left for the WAL to replay. */
    FLUSH,
    /** No flush, the unflushed edits are given up (region dropped or truncated). */
    DISCARD,
    /** No flush, the edits stay in the WAL for a later replay (server abort, as a crash). */
    ABORT
  }

  private final ConcurrentSkipListMap<byte[], OnlineRegion> byName =
      new ConcurrentSkipListMap<>(Bytes::compare);
  private final Striped<Lock> transitionLocks = Striped.lock(64);
  private final RegionServices services;
  private final ServerName server;
  /** Runs before a region closes (the scanner leases close the region's open scanners). */
  private final Consumer<Region> beforeClose;
  /** Aborts the server (off the caller's thread): a region could not flush on close. */
  private final Consumer<String> abortServer;
  private volatile boolean stopping;

  OnlineRegions(RegionServices services, ServerName server, Consumer<Region> beforeClose,
      Consumer<String> abortServer) {
    this.services = services;
    this.server = server;
    this.beforeClose = beforeClose;
    this.abortServer = abortServer;
  }

  /** The serving region named {@code regionName}, or NotServingRegionException naming it. */
  OnlineRegion get(byte[] regionName) throws NotServingRegionException {
    OnlineRegion r = byName.get(regionName);
    if (r == null || r.region().isClosed()) {
      throw notServing(regionName);
    }
    return r;
  }

  NotServingRegionException notServing(byte[] regionName) {
    return new NotServingRegionException("Region " + Bytes.toStringBinary(regionName)
        + " is not online on " + server);
  }

  /** The lock serializing transitions of the region; callers lock and unlock it. */
  Lock transitionLock(RegionInfo info) {
    return transitionLocks.get(info.getEncodedName());
  }

  /**
   * Opens the region (creating its directory and any missing family stores, replaying recovered
   * edits and this server's WAL) and starts serving it; returns at once if already serving.
   */
  OnlineRegion open(RegionInfo info, TableDescriptor table) throws IOException {
    Lock lock = transitionLock(info);
    lock.lock();
    try {
      OnlineRegion existing = byName.get(info.getRegionName());
      if (existing != null && !existing.region().isClosed()) {
        return existing;
      }
      checkNotStopping(info);
      Region region = Region.open(info, table, services);
      OnlineRegion online = new OnlineRegion(region);
      byName.put(info.getRegionName(), online);
      if (stopping) { // a stop began meanwhile and may have missed it
        byName.remove(info.getRegionName(), online);
        region.close();
        checkNotStopping(info);
      }
      LOG.info("Opened region {} ({}) of table {}", info.getEncodedName(),
          Bytes.toStringBinary(info.getRegionName()), info.getTable().getNameAsString());
      return online;
    } finally {
      lock.unlock();
    }
  }

  private void checkNotStopping(RegionInfo info) throws NotServingRegionException {
    if (stopping) {
      throw new NotServingRegionException("Server " + server + " is stopping; it will not open"
          + " region " + info.getEncodedName());
    }
  }

  /**
   * Stops serving the region and closes it as {@code mode} says. Returns the closed region.
   */
  Region close(byte[] regionName, CloseMode mode) throws IOException {
    OnlineRegion r = get(regionName);
    Lock lock = transitionLock(r.info());
    lock.lock();
    try {
      OnlineRegion current = byName.get(regionName);
      if (current != r) {
        throw notServing(regionName);
      }
      return closeLocked(r, mode);
    } finally {
      lock.unlock();
    }
  }

  /** REQUIRES: the region's transition lock is held. */
  Region closeLocked(OnlineRegion r, CloseMode mode) throws IOException {
    byName.remove(r.info().getRegionName(), r);
    beforeClose.accept(r.region());
    if (mode == CloseMode.FLUSH) {
      try {
        r.region().close();
      } catch (IOException e) {
        // Its edits are now only in the WAL, and the master would open it elsewhere without
        // splitting that WAL: abort, so the master recovers it as a dead server's region.
        r.region().abort();
        abortServer.accept("Flush while closing region " + r.info().getEncodedName()
            + " failed: " + e);
        throw e;
      }
    } else {
      r.region().abort();
      if (mode == CloseMode.DISCARD) {
        // the dropped edits were meant to go: let the WAL segments holding them be archived
        services.getWal().markFlushed(r.info().getEncodedName(), r.region().getReadPoint());
      }
    }
    LOG.info("Closed region {} ({})", r.info().getEncodedName(), mode);
    return r.region();
  }

  /** Registers a region opened outside {@link #open} (a split rolled back). */
  void add(Region region) {
    byName.put(region.getRegionInfo().getRegionName(), new OnlineRegion(region));
  }

  List<OnlineRegion> list() {
    return new ArrayList<>(byName.values());
  }

  List<Region> regions() {
    List<Region> out = new ArrayList<>(byName.size());
    for (OnlineRegion r : byName.values()) {
      out.add(r.region());
    }
    return out;
  }

  int size() {
    return byName.size();
  }

  /**
   * Refuses further opens and closes every region: {@link CloseMode#FLUSH} for a clean stop,
   * {@link CloseMode#ABORT} (edits left in the WAL) for an abort. Errors are logged; every
   * region is tried. Returns true if every region closed as asked.
   */
  boolean closeAll(CloseMode mode) {
    stopping = true;
    boolean clean = true;
    for (OnlineRegion r : list()) {
      Lock lock = transitionLock(r.info());
      lock.lock();
      try {
        if (byName.get(r.info().getRegionName()) == r) {
          closeLocked(r, mode);
        }
      } catch (IOException | RuntimeException e) {
        clean = false;
        LOG.error("Closing region {} failed; its edits stay in the WAL",
            r.info().getEncodedName(), e);
        r.region().abort();
      } finally {
        lock.unlock();
      }
    }
    return clean;
  }
}
