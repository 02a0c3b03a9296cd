package io.cellar.client;

import io.cellar.common.proto.RegionLoadProto;
import io.cellar.common.proto.ServerLoadProto;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import java.util.ArrayList;
import java.util.List;

/** One live region server's last reported load. Immutable. */
public final class ServerMetrics {
  /** One region's load on its server. */
  public record RegionMetrics(RegionInfo region, long memStoreBytes, long storeFileBytes,
      int storeFiles, long readRequests, long writeRequests) {}

  private final ServerName server;
  private final List<RegionMetrics> regions;
  private final long usedHeapBytes;
  private final long maxHeapBytes;
  private final long requests;

  public ServerMetrics(ServerName server, List<RegionMetrics> regions, long usedHeapBytes,
      long maxHeapBytes, long requests) {
    this.server = server;
    this.regions = List.copyOf(regions);
    this.usedHeapBytes = usedHeapBytes;
    this.maxHeapBytes = maxHeapBytes;
    this.requests = requests;
  }

  public static ServerMetrics fromProto(ServerLoadProto p) {
    List<RegionMetrics> regions = new ArrayList<>(p.getRegionsCount());
    for (RegionLoadProto r : p.getRegionsList()) {
      regions.add(new RegionMetrics(SchemaProtos.fromProto(r.getRegion()), r.getMemstoreBytes(),
          r.getStoreFileBytes(), r.getStoreFiles(), r.getReadRequests(), r.getWriteRequests()));
    }
    return new ServerMetrics(ServerName.fromProto(p.getServer()), regions,
        p.getUsedHeapBytes(), p.getMaxHeapBytes(), p.getRequests());
  }

  public ServerName getServerName() {
    return server;
  }

  public List<RegionMetrics> getRegionMetrics() {
    return regions;
  }

  public int getRegionCount() {
    return regions.size();
  }

  public long getUsedHeapBytes() {
    return usedHeapBytes;
  }

  public long getMaxHeapBytes() {
    return maxHeapBytes;
  }

  public long getRequestCount() {
    return requests;
  }

  @Override
  public String toString() {
    return server + "{regions=" + regions.size() + ", usedHeap=" + usedHeapBytes
        + ", requests=" + requests + "}";
  }
}
