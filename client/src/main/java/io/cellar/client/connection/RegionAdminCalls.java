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
 * meta, then each region's call runs in parallel on its server, retried on its own (a region
 * that moved is located again by its start key). Fails with the first region's error after
 * every call has finished.
 */
final class RegionAdminCalls {
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

  /** Sends {@code method} of AdminService to each region's server, all at once. */
  void forEachRegion(TableName table, String what, Function<RegionLocation, Message> request,
      String method) throws IOException {
    List<Future<Object>> calls = new ArrayList<>();
    for (RegionLocation listed : regions(table)) {
      byte[] startKey = listed.region().getStartKey();
      calls.add(conn.flushers().submit(() -> conn.caller().call(what + " of table "
          + table.getNameAsString(), startKey, t -> {
            RegionLocation loc = t.isRetry()
                ? conn.lookup().locate(table, startKey, false, t.rpcTimeoutMs()) : listed;
            if (!RegionLookup.isOnline(loc)) {
              loc = conn.lookup().locate(table, startKey, true, t.rpcTimeoutMs());
            }
            t.at(loc);
            // flush and compaction answer once done: allow the whole budget
            return conn.calls().callRaw(loc.server(), ServerCalls.ADMIN_SERVICE, method,
                request.apply(loc), t.remainingMs());
          })));
    }
    IOException first = null;
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
    if (first != null) {
      throw first;
    }
  }
}
