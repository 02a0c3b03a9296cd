package io.cellar.lsm.compaction;

import java.io.IOException;

/** Something the {@link CompactionRunner} can compact: a store. */
public interface CompactionTarget {
  /**
   * Selects and runs at most one compaction. Returns true if it compacted something (the runner
   * then asks again, since more may be due), false if there was nothing to do.
   */
  boolean compactOnce(CompactionThrottle throttle) throws IOException;

  /** A name for logs, e.g. {@code table,region/family}. */
  String getCompactionTargetName();
}
