package io.cellar.client.connection;

import io.cellar.client.Result;
import io.cellar.client.Scan;
import io.cellar.client.meta.MetaTable;
import io.cellar.common.schema.ServerName;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * Reads rows of the meta region with a region scan (one attempt; the caller retries). The
 * scanner is closed on the server when the rows are not read to the end.
 */
final class MetaReader {
  private final ServerCalls calls;

  MetaReader(ServerCalls calls) {
    this.calls = calls;
  }

  /** Opens the scan; the first {@code batchRows} rows come with the open call. */
  Rows open(ServerName server, Scan scan, int batchRows, long timeoutMs) throws IOException {
    ScanRpc.Batch first = ScanRpc.open(calls, server, MetaTable.REGION,
        scan.setCaching(batchRows), batchRows, timeoutMs);
    return new Rows(server, first, batchRows, timeoutMs);
  }

  /** Meta rows in scan order; fetches more as they are consumed. Not thread safe. */
  final class Rows implements AutoCloseable {
    private final ServerName server;
    private final int batchRows;
    private final long timeoutMs;
    private final ArrayDeque<Result> buffered = new ArrayDeque<>();
    private long scannerId;
    private boolean more;

    private Rows(ServerName server, ScanRpc.Batch first, int batchRows, long timeoutMs) {
      this.server = server;
      this.batchRows = batchRows;
      this.timeoutMs = timeoutMs;
      take(first);
    }

    private void take(ScanRpc.Batch b) {
      buffered.addAll(b.results());
      scannerId = b.scannerId();
      more = b.moreInRegion();
    }

    /** True if rows are already here (reading them costs no call). */
    boolean hasBuffered() {
      return !buffered.isEmpty();
    }

    /** The next row, or null at the end. */
    Result next() throws IOException {
      while (buffered.isEmpty() && more) {
        take(ScanRpc.next(calls, server, scannerId, batchRows, timeoutMs));
      }
      return buffered.poll();
    }

    @Override
    public void close() {
      if (more) {
        more = false;
        ScanRpc.closeQuietly(calls, server, scannerId);
      }
    }
  }
}
