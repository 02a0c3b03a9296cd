package io.cellar.regionserver.server;

import io.cellar.client.Append;
import io.cellar.client.CheckAndMutateResult;
import io.cellar.client.Delete;
import io.cellar.client.Increment;
import io.cellar.client.Mutation;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.RowMutations;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.proto.CheckAndMutateRequest;
import io.cellar.common.proto.CheckAndMutateResponse;
import io.cellar.common.proto.GetRequest;
import io.cellar.common.proto.MultiRequest;
import io.cellar.common.proto.MutateRequest;
import io.cellar.common.proto.MutateResponse;
import io.cellar.common.proto.MutateRowRequest;
import io.cellar.common.proto.MutateRowResponse;
import io.cellar.common.proto.ScanRequest;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RpcMethods;
import io.cellar.common.rpc.RpcResult;
import io.cellar.regionserver.Region;
import java.io.IOException;

/**
 * The "ClientService" of a region server: Get, Mutate, CheckAndMutate, MutateRow (here), Multi
 * ({@link MultiActions}) and Scan ({@link ScanCalls}). Every request names its region by region
 * name; a region not online here fails with NotServingRegionException naming it, a row outside
 * it with WrongRegionException, a malformed request with InvalidRequestException. Writes first
 * wait for room under the global memstore limit ({@link MemStoreFlusher#awaitGlobalRoom}).
 */
final class ClientService {
  static final String NAME = "ClientService";

  private final OnlineRegions regions;
  private final MemStoreFlusher flusher;
  private final MultiActions multi;
  private final ScanCalls scans;

  ClientService(OnlineRegions regions, ScannerLeases leases, MemStoreFlusher flusher,
      int defaultScanRows) {
    this.regions = regions;
    this.flusher = flusher;
    this.multi = new MultiActions(regions, flusher);
    this.scans = new ScanCalls(regions, leases, defaultScanRows);
  }

  RpcMethods methods() {
    return RpcMethods.builder()
        .addRead("Get", GetRequest.parser(), (req, cells, ctx) -> get(req))
        .add("Mutate", MutateRequest.parser(),
            (req, cells, ctx) -> RpcResult.of(mutate(req, cells)))
        .addSimple("CheckAndMutate", CheckAndMutateRequest.parser(), this::checkAndMutate)
        .addSimple("MutateRow", MutateRowRequest.parser(), this::mutateRow)
        .add("Multi", MultiRequest.parser(), (req, cells, ctx) -> multi.run(req, cells))
        .addRead("Scan", ScanRequest.parser(), (req, cells, ctx) -> scans.scan(req))
        .build();
  }

  /** The row's cells go in the response's cell block. */
  RpcResult get(GetRequest req) throws IOException {
    OnlineRegion r = regions.get(req.getRegionName().toByteArray());
    r.countRead();
    Result result = r.region().get(RequestDecoder.get(req.getGet()));
    return RpcResult.of(ProtobufConverter.toGetResponse(result),
        ProtobufConverter.cellBlock(result));
  }

  /** The mutation's cells: those in the message, then those of the call's cell block. */
  MutateResponse mutate(MutateRequest req, CellBlock cells) throws IOException {
    OnlineRegion r = regions.get(req.getRegionName().toByteArray());
    Mutation m = RequestDecoder.mutation(req.getMutation(), cells);
    r.countWrite(1);
    flusher.awaitGlobalRoom();
    Result result = apply(r.region(), m);
    MutateResponse.Builder b = MutateResponse.newBuilder();
    if (result != null) {
      b.setResult(ProtobufConverter.toProto(result));
    }
    return b.build();
  }

  /** Applies one mutation; returns the new values for Increment and Append, else null. */
  static Result apply(Region region, Mutation m) throws IOException {
    if (m instanceof Put p) {
      region.put(p);
      return null;
    } else if (m instanceof Delete d) {
      region.delete(d);
      return null;
    } else if (m instanceof Increment inc) {
      return region.increment(inc);
    } else if (m instanceof Append app) {
      return region.append(app);
    }
    throw new IllegalStateException("unknown mutation " + m.getClass().getName());
  }

  CheckAndMutateResponse checkAndMutate(CheckAndMutateRequest req) throws IOException {
    OnlineRegion r = regions.get(req.getRegionName().toByteArray());
    r.countWrite(1);
    flusher.awaitGlobalRoom();
    CheckAndMutateResult result = r.region().checkAndMutate(
        RequestDecoder.checkAndMutate(req.getCheckAndMutate()));
    return CheckAndMutateResponse.newBuilder()
        .setResult(ProtobufConverter.toProto(result)).build();
  }

  MutateRowResponse mutateRow(MutateRowRequest req) throws IOException {
    OnlineRegion r = regions.get(req.getRegionName().toByteArray());
    RowMutations rm = RequestDecoder.rowMutations(req.getRowMutations());
    r.countWrite(rm.getMutations().size());
    flusher.awaitGlobalRoom();
    r.region().mutateRow(rm);
    return MutateRowResponse.getDefaultInstance();
  }
}
