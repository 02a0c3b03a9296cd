package io.cellar.regionserver.server;

import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableName;
import io.cellar.regionserver.Region;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the regions that outgrew their table's MAX_FILESIZE (store file bytes) so the master can
 * be asked to split them (MasterSplitRegion; the master runs the split). A region is asked for
 * once while it stays online here (the split closes it; if the master declines, it is not
 * nagged). System tables ({@code cellar:} namespace, meta) are never split. One thread only.
 */
final class SplitRequests {
  private static final Logger LOG = LoggerFactory.getLogger(SplitRequests.class);

  private final Set<String> requested = new HashSet<>();

  /** The online regions to ask a split for now. */
  List<RegionInfo> due(List<Region> online) {
    Set<String> stillOnline = new HashSet<>();
    List<RegionInfo> out = new ArrayList<>();
    for (Region r : online) {
      RegionInfo info = r.getRegionInfo();
      stillOnline.add(info.getEncodedName());
      if (r.isClosed() || requested.contains(info.getEncodedName())
          || TableName.SYSTEM_NAMESPACE.equals(info.getTable().getNamespace())) {
        continue;
      }
      long size = r.getStoreFileSize();
      long max = r.getTableDescriptor().getMaxFileSize();
      if (size > max) {
        LOG.info("Region {} has {} bytes of store files, over MAX_FILESIZE {}: asking the"
            + " master to split it", info.getEncodedName(), size, max);
        out.add(info);
      }
    }
    requested.retainAll(stillOnline);
    return out;
  }

  /** The master accepted (or refused for good) the request for {@code region}. */
  void done(RegionInfo region) {
    requested.add(region.getEncodedName());
  }
}
