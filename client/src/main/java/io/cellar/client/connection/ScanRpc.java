package io.cellar.client.connection;

import io.cellar.client.Result;
import io.cellar.client.Scan;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.proto.ScanRequest;
import io.cellar.common.proto.ScanResponse;
import io.cellar.common.rpc.RpcResponse;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The three Scan calls of ClientService on one region: open (with the first rows), next, close.
 * Decodes the rows from the response's cell block ({@code cells_per_result}) and marks results
 * that continue in the next one ({@code partial_flags}) as partial.
 */
final class ScanRpc {
  /** One response: the scanner, its rows, and whether the region has more. */
  record Batch(long scannerId, List<Result> results, boolean moreInRegion) {}

  /** Close calls are fire-and-forget with this timeout. */
  private static final long CLOSE_TIMEOUT_MS = 10_000;

  private ScanRpc() {}

  static Batch open(ServerCalls calls, ServerName server, RegionInfo region, Scan scan,
      int rows, long timeoutMs) throws IOException {
    ScanRequest req = ScanRequest.newBuilder()
        .setRegionName(RegionLookup.regionName(region))
        .setScan(ProtobufConverter.toProto(scan))
        .setNumberOfRows(Math.max(0, rows))
        .build();
    return decode(calls.callRaw(server, ServerCalls.CLIENT_SERVICE, "Scan", req, timeoutMs));
  }

  static Batch next(ServerCalls calls, ServerName server, long scannerId, int rows,
      long timeoutMs) throws IOException {
    ScanRequest req = ScanRequest.newBuilder()
        .setScannerId(scannerId)
        .setNumberOfRows(Math.max(0, rows))
        .build();
    return decode(calls.callRaw(server, ServerCalls.CLIENT_SERVICE, "Scan", req, timeoutMs));
  }

  /** Asks the server to close the scanner; does not wait, ignores failures (leases expire). */
  static void closeQuietly(ServerCalls calls, ServerName server, long scannerId) {
    if (scannerId == 0) {
      return;
    }
    calls.send(server, ServerCalls.CLIENT_SERVICE, "Scan", ScanRequest.newBuilder()
        .setScannerId(scannerId).setCloseScanner(true).build(), CLOSE_TIMEOUT_MS);
  }

  static Batch decode(RpcResponse raw) throws IOException {
    ScanResponse resp = ServerCalls.parse(raw, ScanResponse.parser());
    int n = resp.getCellsPerResultCount();
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      counts[i] = resp.getCellsPerResult(i);
      if (counts[i] < 0) {
        throw new CellarException("Malformed scan response: result " + i + " claims "
            + counts[i] + " cells");
      }
    }
    // rows stay slices of the cell block: a Result makes its cells only if asked for them
    int[] offsets;
    try {
      offsets = raw.cells().cellOffsets(counts);
    } catch (IOException e) {
      throw new CellarException("Malformed scan response: " + e.getMessage(), e);
    }
    byte[] block = raw.cells().array();
    int flags = resp.getPartialFlagsCount();
    List<Result> results = new ArrayList<>(n);
    int from = 0;
    for (int i = 0; i < n; i++) {
      boolean partial = i < flags && resp.getPartialFlags(i);
      // a server sends each result's cells sorted and of one row
      results.add(counts[i] == 0 ? Result.ofSortedRow(List.of(), null, partial)
          : Result.ofEncodedRow(block, offsets, from, counts[i], partial));
      from += counts[i];
    }
    return new Batch(resp.getScannerId(), results, resp.getMoreResultsInRegion());
  }
}
