package io.cellar.lsm.compaction;

import java.io.IOException;

/** Something the {@link CompactionRunner} can compact: a store. */
public interface CompactionTarget {
  /**
   * Selects and runs at most one compaction. Returns true if it compacted something (the runner
   * then asks again, since more may be due), false if there was nothing to do.
   */
  boolean compactOnce(CompactionThrottle throttle) throws IOException;

  /**
   * Queued targets with a higher priority run first (a store's file count: the store closest
   * to blocking writes goes first). Read when the request is queued.
   */
  default int getCompactionPriority() {
    return 0;
  }

  /** A name for logs, e.g. {@code table,region/family}. */
  String getCompactionTargetName();
}
