package io.cellar.regionserver.server;

import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.proto.CloseRegionRequest;
import io.cellar.common.proto.CloseRegionResponse;
import io.cellar.common.proto.CompactRegionRequest;
import io.cellar.common.proto.CompactRegionResponse;
import io.cellar.common.proto.FlushRegionRequest;
import io.cellar.common.proto.FlushRegionResponse;
import io.cellar.common.proto.GetOnlineRegionsRequest;
import io.cellar.common.proto.GetOnlineRegionsResponse;
import io.cellar.common.proto.GetServerInfoRequest;
import io.cellar.common.proto.GetServerInfoResponse;
import io.cellar.common.proto.OpenRegionRequest;
import io.cellar.common.proto.OpenRegionResponse;
import io.cellar.common.proto.SplitRegionRequest;
import io.cellar.common.proto.SplitRegionResponse;
import io.cellar.common.rpc.RpcMethods;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import java.io.IOException;

/**
 * The "AdminService" of a region server, called by the master (and tools): open, close, flush,
 * compact and split regions, list them, report load. All calls are synchronous: each returns once
 * done (OpenRegion once the region serves, replay included; CompactRegion once compacted).
 */
final class AdminService {
  static final String NAME = "AdminService";

  private final OnlineRegions regions;
  private final RegionSplitter splitter;
  private final ServerName server;

  AdminService(OnlineRegions regions, RegionSplitter splitter, ServerName server) {
    this.regions = regions;
    this.splitter = splitter;
    this.server = server;
  }

  RpcMethods methods() {
    return RpcMethods.builder()
        .addSimple("OpenRegion", OpenRegionRequest.parser(), this::openRegion)
        .addSimple("CloseRegion", CloseRegionRequest.parser(), this::closeRegion)
        .addSimple("FlushRegion", FlushRegionRequest.parser(), this::flushRegion)
        .addSimple("CompactRegion", CompactRegionRequest.parser(), this::compactRegion)
        .addSimple("SplitRegion", SplitRegionRequest.parser(), this::splitRegion)
        .addSimple("GetOnlineRegions", GetOnlineRegionsRequest.parser(), req -> onlineRegions())
        .addSimple("GetServerInfo", GetServerInfoRequest.parser(), req -> serverInfo())
        .build();
  }

  OpenRegionResponse openRegion(OpenRegionRequest req) throws IOException {
    if (!req.hasRegion() || !req.hasTable()) {
      throw new InvalidRequestException("OpenRegion needs the region and its table descriptor");
    }
    RegionInfo info = RequestDecoder.regionInfo(req.getRegion());
    TableDescriptor table = RequestDecoder.table(req.getTable());
    if (!table.getTableName().equals(info.getTable())) {
      throw new InvalidRequestException("Region " + info + " is not of table "
          + table.getTableName().getNameAsString());
    }
    if (table.getColumnFamilies().isEmpty()) {
      throw new InvalidRequestException("Table " + table.getTableName().getNameAsString()
          + " has no column families");
    }
    regions.open(info, table);
    return OpenRegionResponse.getDefaultInstance();
  }

  CloseRegionResponse closeRegion(CloseRegionRequest req) throws IOException {
    regions.close(req.getRegionName().toByteArray(), req.getSkipFlush()
        ? OnlineRegions.CloseMode.DISCARD : OnlineRegions.CloseMode.FLUSH);
    return CloseRegionResponse.getDefaultInstance();
  }

  FlushRegionResponse flushRegion(FlushRegionRequest req) throws IOException {
    regions.get(req.getRegionName().toByteArray()).region().flush(true);
    return FlushRegionResponse.getDefaultInstance();
  }

  CompactRegionResponse compactRegion(CompactRegionRequest req) throws IOException {
    regions.get(req.getRegionName().toByteArray()).region().compact(req.getMajor());
    return CompactRegionResponse.getDefaultInstance();
  }

  SplitRegionResponse splitRegion(SplitRegionRequest req) throws IOException {
    SplitRegionResponse.Builder b = SplitRegionResponse.newBuilder();
    for (RegionInfo d : splitter.split(req.getRegionName().toByteArray(),
        req.getSplitPoint().toByteArray())) {
      b.addDaughters(SchemaProtos.toProto(d));
    }
    return b.build();
  }

  GetOnlineRegionsResponse onlineRegions() {
    GetOnlineRegionsResponse.Builder b = GetOnlineRegionsResponse.newBuilder();
    for (OnlineRegion r : regions.list()) {
      b.addRegions(SchemaProtos.toProto(r.info()));
    }
    return b.build();
  }

  GetServerInfoResponse serverInfo() {
    return GetServerInfoResponse.newBuilder().setLoad(ServerLoads.of(server, regions)).build();
  }
}
