package io.cellar.client.connection;

import com.google.protobuf.Message;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Admin calls addressed to every region of a table (flush, compact): the regions are read from
 * meta, then the regions' calls run in parallel (a bounded number at a time) on their servers,
 * each retried on its own (a region that moved is located again by its start key). Fails with
 * the first region's error after every call has finished.
 */
final class RegionAdminCalls {
  /** Regions called at once by {@link #forEachRegion}. */
  static final int PARALLEL_CALLS = 16;

  private final ClusterConnection conn;

  RegionAdminCalls(ClusterConnection conn) {
    this.conn = conn;
  }

  /** The table's regions (split parents left out), read from meta with retries. */
  List<RegionLocation> regions(TableName table) throws IOException {
    conn.checkOpen();
    return conn.caller().call("region listing of table " + table.getNameAsString(), null,
        t -> conn.lookup().allRegions(table, t.rpcTimeoutMs()));
  }

  /** Sends {@code method} of AdminService to the server of one region (by region name). */
  void onRegion(byte[] regionName, String what, String method,
      Function<RegionLocation, Message> request) throws IOException {
    conn.checkOpen();
    conn.caller().call(what + " of region " + Bytes.toStringBinary(regionName), null, t -> {
      RegionLocation loc = conn.lookup().byRegionName(regionName, t.rpcTimeoutMs());
      if (!RegionLookup.isOnline(loc)) {
        throw new NotServingRegionException("Region " + loc.region() + " is " + loc.state()
            + ", not online");
      }
      t.at(loc);
      return conn.calls().callRaw(loc.server(), ServerCalls.ADMIN_SERVICE, method,
          request.apply(loc), t.remainingMs());
    });
  }

  /**
   * Sends {@code method} of AdminService to each region's server, {@link #PARALLEL_CALLS} at a
   * time.
   */
  void forEachRegion(TableName table, String what, Function<RegionLocation, Message> request,
      String method) throws IOException {
    List<RegionLocation> all = regions(table);
    IOException first = null;
    for (int from = 0; from < all.size(); from += PARALLEL_CALLS) {
      List<Future<Object>> calls = new ArrayList<>();
      for (RegionLocation listed : all.subList(from, Math.min(all.size(),
          from + PARALLEL_CALLS))) {
        calls.add(conn.flushers().submit(() -> callRegion(table, listed, what, request, method)));
      }
      for (Future<Object> f : calls) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException(what + " of table " + table + " interrupted");
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          IOException io = c instanceof IOException x ? x
              : new CellarException(what + " of table " + table + " failed: " + c, c);
          first = first == null ? io : first;
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** One region's call with retries; a retry finds the region holding its start key again. */
  private Object callRegion(TableName table, RegionLocation listed, String what,
      Function<RegionLocation, Message> request, String method) throws IOException {
    byte[] startKey = listed.region().getStartKey();
    return conn.caller().call(what + " of table " + table.getNameAsString(), startKey, t -> {
      RegionLocation loc = t.isRetry()
          ? conn.lookup().locate(table, startKey, false, t.rpcTimeoutMs()) : listed;
      if (!RegionLookup.isOnline(loc)) {
        loc = conn.lookup().locate(table, startKey, true, t.rpcTimeoutMs());
      }
      t.at(loc);
      // flush and compaction answer once done: allow the whole budget
      return conn.calls().callRaw(loc.server(), ServerCalls.ADMIN_SERVICE, method,
          request.apply(loc), t.remainingMs());
    });
  }
}
