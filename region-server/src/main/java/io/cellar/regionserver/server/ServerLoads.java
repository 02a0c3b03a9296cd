package io.cellar.regionserver.server;

import io.cellar.common.proto.RegionLoadProto;
import io.cellar.common.proto.ServerLoadProto;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.regionserver.Region;

/**
 * Builds the load a region server reports (GetServerInfo, RegionServerReport): per region its
 * memstore and store file bytes, request counts and flushed sequence id; for the server its heap
 * and total requests.
 */
final class ServerLoads {
  private ServerLoads() {}

  static ServerLoadProto of(ServerName server, OnlineRegions regions) {
    ServerLoadProto.Builder b = ServerLoadProto.newBuilder().setServer(server.toProto());
    long requests = 0;
    for (OnlineRegion r : regions.list()) {
      Region region = r.region();
      b.addRegions(RegionLoadProto.newBuilder()
          .setRegion(SchemaProtos.toProto(r.info()))
          .setMemstoreBytes(region.getMemStoreSize())
          .setStoreFileBytes(region.getStoreFileSize())
          .setReadRequests(r.reads())
          .setWriteRequests(r.writes())
          .setMaxFlushedSequenceId(region.getMaxFlushedSequenceId()));
      requests += r.reads() + r.writes();
    }
    Runtime rt = Runtime.getRuntime();
    return b.setUsedHeapBytes(rt.totalMemory() - rt.freeMemory())
        .setMaxHeapBytes(rt.maxMemory())
        .setRequests(requests)
        .build();
  }
}
