package io.cellar.it.client;

import io.cellar.client.meta.MetaTable;
import io.cellar.common.conf.Configuration;
import io.cellar.common.proto.GetServerInfoRequest;
import io.cellar.common.proto.GetServerInfoResponse;
import io.cellar.common.proto.RegionLoadProto;
import io.cellar.common.rpc.RpcClient;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.regionserver.Region;
import io.cellar.regionserver.server.RegionServer;
import io.cellar.tools.LocalCluster;
import java.util.concurrent.TimeUnit;

/**
 * A region server's own request counters, read through its AdminService "GetServerInfo" call
 * (the load it reports to the master). Per region: one read per Get, Get action or scan call;
 * one write per mutation. The counters start at zero each time a region opens. Tests use them
 * as a timing-free record of what reached a server: "applied once", "no meta lookup", "not
 * retried". REQUIRES: {@link #close} when done.
 */
final class RegionRequestCounters implements AutoCloseable {
  /** One region's counters at one moment. */
  record Counts(long reads, long writes) {}

  private final LocalCluster cluster;
  private final RpcClient rpc;

  RegionRequestCounters(LocalCluster cluster) {
    this.cluster = cluster;
    this.rpc = new RpcClient(new Configuration());
  }

  /** The running region server serving {@code region} now, or null. */
  RegionServer serverOf(RegionInfo region) {
    for (RegionServer rs : cluster.getRegionServers()) {
      if (!rs.isRunning()) {
        continue;
      }
      for (Region r : rs.getOnlineRegions()) {
        if (r.getRegionInfo().equals(region)) {
          return rs;
        }
      }
    }
    return null;
  }

  /** The running region server serving {@code cellar:meta} now, or null. */
  RegionServer metaServer() {
    return serverOf(MetaTable.REGION);
  }

  /** The counters of {@code region} on the server serving it now. REQUIRES: it is online. */
  Counts of(RegionInfo region) throws Exception {
    RegionServer rs = serverOf(region);
    if (rs == null) {
      throw new AssertionError("region " + region + " is not online on any server");
    }
    GetServerInfoResponse info = rpc.call(rs.getServerName().getAddress(), "AdminService",
        "GetServerInfo", GetServerInfoRequest.getDefaultInstance(),
        GetServerInfoResponse.parser(), 10_000).get(20, TimeUnit.SECONDS);
    for (RegionLoadProto load : info.getLoad().getRegionsList()) {
      if (SchemaProtos.fromProto(load.getRegion()).equals(region)) {
        return new Counts(load.getReadRequests(), load.getWriteRequests());
      }
    }
    throw new AssertionError("region " + region + " missing from the load of "
        + rs.getServerName());
  }

  long reads(RegionInfo region) throws Exception {
    return of(region).reads();
  }

  long writes(RegionInfo region) throws Exception {
    return of(region).writes();
  }

  @Override
  public void close() {
    rpc.close();
  }
}
