package io.cellar.master.meta;

import com.google.protobuf.ByteString;
import io.cellar.client.Delete;
import io.cellar.client.Mutation;
import io.cellar.client.Result;
import io.cellar.client.Scan;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.RegionLocation;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.proto.Action;
import io.cellar.common.proto.ActionResult;
import io.cellar.common.proto.MultiRequest;
import io.cellar.common.proto.MultiResponse;
import io.cellar.common.proto.MutateRequest;
import io.cellar.common.proto.MutateResponse;
import io.cellar.common.proto.RegionAction;
import io.cellar.common.proto.RegionActionResult;
import io.cellar.common.proto.ScanRequest;
import io.cellar.common.proto.ScanResponse;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RemoteErrors;
import io.cellar.common.rpc.RpcResponse;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import io.cellar.master.server.RegionServerCalls;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code cellar:meta} rows through the "ClientService" of the server holding
 * meta ({@link MetaLocation}): puts and row deletes with Mutate, range reads with Scan. Rows are
 * laid out by {@link MetaTable}. Thread-safe.
 */
public final class MetaClient {
  private static final int SCAN_BATCH_ROWS = 1000;
  private static final byte[] META_REGION = MetaTable.REGION.getRegionName();

  private final RegionServerCalls calls;
  private final MetaLocation location;

  public MetaClient(RegionServerCalls calls, MetaLocation location) {
    this.calls = calls;
    this.location = location;
  }

  /** Writes one row (a Put or a Delete). */
  public void mutate(Mutation m) throws IOException {
    calls.call(server(), RegionServerCalls.CLIENT_SERVICE, "Mutate", MutateRequest.newBuilder()
        .setRegionName(ByteString.copyFrom(META_REGION))
        .setMutation(ProtobufConverter.toProto(m))
        .build(), MutateResponse.parser());
  }

  /** Writes many rows in one Multi call (each row atomically; the batch as a whole is not). */
  public void mutate(List<? extends Mutation> ms) throws IOException {
    if (ms.isEmpty()) {
      return;
    }
    RegionAction.Builder action = RegionAction.newBuilder()
        .setRegionName(ByteString.copyFrom(META_REGION));
    for (int i = 0; i < ms.size(); i++) {
      action.addActions(Action.newBuilder().setIndex(i)
          .setMutation(ProtobufConverter.toProto(ms.get(i))));
    }
    MultiResponse r = calls.call(server(), RegionServerCalls.CLIENT_SERVICE, "Multi",
        MultiRequest.newBuilder().addRegionActions(action).build(), MultiResponse.parser());
    for (RegionActionResult rr : r.getResultsList()) {
      if (rr.hasRegionError()) {
        throw asIOException(RemoteErrors.fromProto(rr.getRegionError()));
      }
      for (ActionResult ar : rr.getResultsList()) {
        if (ar.hasError()) {
          throw asIOException(RemoteErrors.fromProto(ar.getError()));
        }
      }
    }
  }

  private static IOException asIOException(Exception e) {
    return e instanceof IOException io ? io : new IOException(e.toString(), e);
  }

  /** Deletes a whole meta row. */
  public void deleteRow(byte[] row) throws IOException {
    mutate(new Delete(row));
  }

  /** Every region row of {@code table}, in row order. */
  public List<RegionLocation> scanTable(TableName table) throws IOException {
    return scan(new Scan().withStartRow(MetaTable.tableStartRow(table))
        .withStopRow(MetaTable.tableStopRow(table)));
  }

  /** Every region row in meta. */
  public List<RegionLocation> scanAll() throws IOException {
    return scan(new Scan());
  }

  private List<RegionLocation> scan(Scan scan) throws IOException {
    ServerName server = server();
    List<RegionLocation> out = new ArrayList<>();
    ScanRequest first = ScanRequest.newBuilder()
        .setRegionName(ByteString.copyFrom(META_REGION))
        .setScan(ProtobufConverter.toProto(scan.addFamily(MetaTable.FAMILY)))
        .setNumberOfRows(SCAN_BATCH_ROWS)
        .build();
    ScanResponse r = scanCall(server, first, out);
    long scannerId = r.getScannerId();
    while (r.getMoreResultsInRegion()) {
      r = scanCall(server, ScanRequest.newBuilder()
          .setRegionName(ByteString.copyFrom(META_REGION))
          .setScannerId(scannerId)
          .setNumberOfRows(SCAN_BATCH_ROWS)
          .build(), out);
    }
    return out;
  }

  private ScanResponse scanCall(ServerName server, ScanRequest req, List<RegionLocation> out)
      throws IOException {
    RpcResponse resp = RegionServerCalls.await(calls.rpc().call(server.getAddress(),
        RegionServerCalls.CLIENT_SERVICE, "Scan", req, CellBlock.empty(), calls.timeoutMs()));
    ScanResponse r = resp.parse(ScanResponse.parser());
    List<KeyValue> cells = resp.cells().cells();
    int off = 0;
    for (int n : r.getCellsPerResultList()) {
      if (off + n > cells.size()) {
        throw new IOException("meta scan response lists more cells than its cell block holds");
      }
      List<Cell> row = new ArrayList<>(cells.subList(off, off + n));
      off += n;
      RegionLocation loc = MetaTable.parse(Result.create(row));
      if (loc != null) {
        out.add(loc);
      }
    }
    return r;
  }

  private ServerName server() throws IOException {
    ServerName s = location.get();
    if (s == null) {
      throw new NotServingRegionException("cellar:meta is not assigned yet");
    }
    return s;
  }
}
