package io.cellar.client.connection;

import io.cellar.client.Result;
import io.cellar.client.ResultScanner;
import io.cellar.client.Scan;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.exceptions.UnknownScannerException;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * A scan over a table: opens a server-side scanner on the region holding the scan's start,
 * fetches {@code caching} rows per call, and at the end of a region moves on to the next one
 * (forward: the region starting at this one's end key; reversed: the region ending at this
 * one's start key) until the stop row, the limit, or the table's end. When a call fails
 * retryably, or the server lost the scanner, it drops the scanner and reopens it just past the
 * last row received (inside that row, skipping the cells already returned, for a batched
 * scan), after a backoff pause; each {@link #next()} has the operation timeout to make
 * progress. Not thread safe.
 */
public final class ClientScanner implements ResultScanner {
  private final TableName table;
  private final Scan scan;
  private final ServerCalls calls;
  private final RegionLookup lookup;
  private final RetryPolicy policy;
  private final long operationTimeoutMs;
  private final long rpcTimeoutMs;
  private final int caching;
  private final ArrayDeque<Result> cache;

  // where the next scanner opens
  private byte[] nextStart;
  private boolean nextInclusive;
  // cells of nextStart's row already returned (batched scan reopened inside a row)
  private int skipCells;
  private int cellsOfOpenRow;
  private long rowsReceived;

  private RegionLocation loc; // region of the open scanner; null: locate and open next
  private long scannerId;
  private boolean exhausted;
  private boolean closed;

  public ClientScanner(TableName table, Scan scan, ServerCalls calls, RegionLookup lookup,
      ClientSettings settings) {
    this.table = table;
    this.scan = new Scan(scan);
    this.calls = calls;
    this.lookup = lookup;
    this.policy = RetryPolicy.of(settings);
    this.operationTimeoutMs = settings.operationTimeoutMs();
    this.rpcTimeoutMs = settings.rpcTimeoutMs();
    this.caching = scan.getCaching() > 0 ? scan.getCaching() : settings.scannerCaching();
    this.cache = new ArrayDeque<>(Math.min(caching, 1024) + 1); // a batch fits without growing
    this.nextStart = scan.getStartRow();
    this.nextInclusive = scan.includeStartRow();
  }

  @Override
  public Result next() throws IOException {
    if (closed) {
      return null;
    }
    if (cache.isEmpty() && !exhausted) {
      fill();
    }
    Result r = cache.poll();
    if (r == null) {
      close();
    }
    return r;
  }

  /** Fetches until rows arrive or the scan ends, retrying within the operation timeout. */
  private void fill() throws IOException {
    long start = System.nanoTime();
    long deadline = start + operationTimeoutMs * 1_000_000L;
    int failures = 0;
    while (cache.isEmpty() && !exhausted) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
      long timeout = Math.min(rpcTimeoutMs, left);
      RegionLocation tried = loc;
      try {
        if (loc == null) {
          tried = locateNext(failures > 0, timeout);
          openAt(tried, timeout);
        } else {
          ScanRpc.Batch b = ScanRpc.next(calls, loc.server(), scannerId, caching, timeout);
          take(b);
        }
      } catch (IOException | RuntimeException e) {
        boolean lostScanner = e instanceof UnknownScannerException;
        if (!lostScanner && RetryPolicy.classify(e) == RetryPolicy.Failure.DO_NOT_RETRY) {
          close();
          throw e;
        }
        if (tried != null) {
          lookup.onFailure(tried, e);
          ScanRpc.closeQuietly(calls, tried.server(), scannerId);
        }
        loc = null;
        scannerId = 0;
        markReopenInsideRow();
        failures++;
        long pause = policy.nextPauseMs(failures, (deadline - System.nanoTime()) / 1_000_000L,
            RetryPolicy.minAttemptMs(operationTimeoutMs));
        if (pause < 0) {
          close();
          throw RetryingCaller.exhausted("scan of table " + table.getNameAsString(),
              nextStart, failures, start, tried == null ? null : tried.server(), e);
        }
        if (!lostScanner) {
          RetryingCaller.sleep(pause);
        }
      }
    }
  }

  private RegionLocation locateNext(boolean reload, long timeout) throws IOException {
    if (!scan.isReversed()) {
      return lookup.locate(table, nextStart, reload, timeout);
    }
    if (nextStart.length == 0 || !nextInclusive) {
      return lookup.locateBefore(table, nextStart, reload, timeout);
    }
    return lookup.locate(table, nextStart, reload, timeout);
  }

  private void openAt(RegionLocation where, long timeout) throws IOException {
    Scan s = new Scan(scan).withStartRow(nextStart, nextInclusive).setCaching(caching);
    if (scan.getLimit() > 0) {
      s.setLimit((int) (scan.getLimit() - rowsReceived));
    }
    loc = where;
    scannerId = 0;
    ScanRpc.Batch b = ScanRpc.open(calls, where.server(), where.region(), s,
        caching, timeout);
    take(b);
  }

  /** Takes one response: buffers its rows, then moves past the region if it is done. */
  private void take(ScanRpc.Batch b) {
    scannerId = b.moreInRegion() ? b.scannerId() : 0;
    for (Result r : b.results()) {
      receive(r);
      if (exhausted) {
        break;
      }
    }
    if (exhausted) {
      if (scannerId != 0) {
        ScanRpc.closeQuietly(calls, loc.server(), scannerId);
        scannerId = 0;
      }
      return;
    }
    if (!b.moreInRegion()) {
      regionDone();
    }
  }

  private void receive(Result r) {
    if (r.isEmpty()) {
      return;
    }
    byte[] row = r.getRow();
    if (skipCells > 0 && Arrays.equals(row, nextStart)) {
      // reopened inside a batched row: drop the cells returned before the failure
      int drop = Math.min(skipCells, r.size());
      skipCells -= drop;
      if (drop == r.size()) {
        if (!r.mayHaveMoreCellsInRow()) {
          rowComplete(row);
        }
        return;
      }
      List<Cell> rest = r.listCells().subList(drop, r.size());
      r = Result.create(rest, null, r.mayHaveMoreCellsInRow());
    } else {
      skipCells = 0;
    }
    cache.add(r);
    if (r.mayHaveMoreCellsInRow()) {
      cellsOfOpenRow = (Arrays.equals(row, nextStart) && nextInclusive ? cellsOfOpenRow : 0)
          + r.size();
      nextStart = row;
      nextInclusive = true;
      skipCells = 0;
      return;
    }
    rowComplete(row);
  }

  private void rowComplete(byte[] row) {
    nextStart = row;
    nextInclusive = false;
    cellsOfOpenRow = 0;
    skipCells = 0;
    rowsReceived++;
    if (scan.getLimit() > 0 && rowsReceived >= scan.getLimit()) {
      exhausted = true;
    }
  }

  /** The region has no more rows for the scan: position on the next one, or end. */
  private void regionDone() {
    byte[] stop = scan.getStopRow();
    if (!scan.isReversed()) {
      byte[] end = loc.region().getEndKey();
      int c = stop.length == 0 ? -1 : Bytes.compare(end, stop);
      if (end.length == 0 || c > 0 || (c == 0 && !scan.includeStopRow())) {
        exhausted = true;
      } else {
        nextStart = end;
        nextInclusive = true;
      }
    } else {
      byte[] startKey = loc.region().getStartKey();
      if (startKey.length == 0 || (stop.length > 0 && Bytes.compare(stop, startKey) >= 0)) {
        exhausted = true;
      } else {
        nextStart = startKey;
        nextInclusive = false;
      }
    }
    cellsOfOpenRow = 0;
    skipCells = 0;
    loc = null;
  }

  /** Prepares the reopen after a failure inside a batched row. */
  private void markReopenInsideRow() {
    if (nextInclusive && cellsOfOpenRow > 0) {
      skipCells = cellsOfOpenRow;
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (loc != null && scannerId != 0) {
      ScanRpc.closeQuietly(calls, loc.server(), scannerId);
    }
    scannerId = 0;
    cache.clear();
  }

}
