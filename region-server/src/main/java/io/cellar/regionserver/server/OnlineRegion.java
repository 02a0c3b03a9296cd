package io.cellar.regionserver.server;

import io.cellar.common.schema.RegionInfo;
import io.cellar.regionserver.Region;
import java.util.concurrent.atomic.LongAdder;

/**
 * A region this server serves, with the request counters its load report needs. Counting is the
 * caller's job: one {@link #countRead} per read request, one {@link #countWrite} per mutation.
 */
final class OnlineRegion {
  private final Region region;
  private final LongAdder reads = new LongAdder();
  private final LongAdder writes = new LongAdder();

  OnlineRegion(Region region) {
    this.region = region;
  }

  Region region() {
    return region;
  }

  RegionInfo info() {
    return region.getRegionInfo();
  }

  void countRead() {
    reads.increment();
  }

  void countWrite(int n) {
    writes.add(n);
  }

  long reads() {
    return reads.sum();
  }

  long writes() {
    return writes.sum();
  }
}
