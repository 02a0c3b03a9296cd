package io.cellar.regionserver.server;

import io.cellar.client.Scan;
import io.cellar.common.cell.Cell;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.proto.ScanRequest;
import io.cellar.common.proto.ScanResponse;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RpcResult;
import io.cellar.regionserver.RegionScanner;
import java.io.IOException;

/**
 * The Scan call. Protocol:
 * <ul>
 *   <li>open: {@code scanner_id} 0 with {@code scan} set and the region named; the response
 *       carries the new {@code scanner_id} and already the first rows;
 *   <li>next: {@code scanner_id} set; returns up to {@code number_of_rows} results (0: the scan's
 *       caching, or the server default when that is 0 too), fewer when their cells pass the
 *       scan's max result size;
 *   <li>close: {@code close_scanner} with the id; returns no rows.
 * </ul>
 * Rows travel in the response's cell block, {@code cells_per_result[i]} cells for result i;
 * {@code partial_flags[i]} says result i continues in result i+1 (batched scans). When
 * {@code more_results_in_region} is false the region has no more rows and the server has closed
 * the scanner already. A scanner idle longer than the lease ({@code scanner_lease_ms}) is closed;
 * calls on it get UnknownScannerException.
 */
final class ScanCalls {
  private static final OpenScanner.Fetched EMPTY =
      new OpenScanner.Fetched(new Cell[0], new int[0], null, false, 0);

  private final OnlineRegions regions;
  private final ScannerLeases leases;
  private final int defaultRows;

  ScanCalls(OnlineRegions regions, ScannerLeases leases, int defaultRows) {
    this.regions = regions;
    this.leases = leases;
    this.defaultRows = defaultRows;
  }

  RpcResult scan(ScanRequest req) throws IOException {
    if (req.getScannerId() == 0) {
      if (!req.hasScan()) {
        throw new InvalidRequestException("Scan request with neither a scanner id nor a scan");
      }
      if (req.getCloseScanner()) {
        return respond(0, EMPTY);
      }
      return fetch(open(req), req.getNumberOfRows());
    }
    OpenScanner s = leases.acquire(req.getScannerId());
    if (req.getCloseScanner()) {
      leases.close(s);
      return respond(s.id(), EMPTY);
    }
    return fetch(s, req.getNumberOfRows());
  }

  private OpenScanner open(ScanRequest req) throws IOException {
    OnlineRegion region = regions.get(req.getRegionName().toByteArray());
    Scan scan = RequestDecoder.scan(req.getScan());
    RegionScanner rs = region.region().getScanner(scan);
    int rows = scan.getCaching() > 0 ? scan.getCaching() : defaultRows;
    long maxBytes = scan.getMaxResultSize() > 0 ? scan.getMaxResultSize() : Long.MAX_VALUE;
    return leases.register(id -> new OpenScanner(id, region, rs, rows, maxBytes,
        scan.getBatch() > 0));
  }

  private RpcResult fetch(OpenScanner s, int rows) throws IOException {
    OpenScanner.Fetched f;
    try {
      s.region().countRead();
      // the region closed under the scanner: the client should look the region up again
      if (s.region().region().isClosed()) {
        throw regions.notServing(s.region().info().getRegionName());
      }
      f = s.fetch(rows);
    } catch (IOException | RuntimeException e) {
      leases.close(s);
      if (e instanceof IllegalStateException && s.region().region().isClosed()) {
        throw regions.notServing(s.region().info().getRegionName());
      }
      throw e;
    }
    if (f.moreInRegion()) {
      leases.release(s);
    } else {
      leases.close(s);
    }
    return respond(s.id(), f);
  }

  private RpcResult respond(long id, OpenScanner.Fetched f) {
    ScanResponse.Builder b = ScanResponse.newBuilder()
        .setScannerId(id)
        .setMoreResultsInRegion(f.moreInRegion())
        .setScannerLeaseMs(leases.leaseMs());
    for (int n : f.cellsPerResult()) {
      b.addCellsPerResult(n);
    }
    // flags only for batched scans (absent: no result is partial); one per result
    if (f.partial() != null) {
      for (boolean p : f.partial()) {
        b.addPartialFlags(p);
      }
    }
    return RpcResult.of(b.build(), CellBlock.ofCells(f.cells(), f.bytes()));
  }
}
