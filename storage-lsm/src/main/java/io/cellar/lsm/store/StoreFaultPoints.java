package io.cellar.lsm.store;

import java.io.IOException;

/**
 * Named steps of a flush and a compaction where tests simulate a crash: the hook throws, the
 * step's remaining work never happens, and the test reopens the store from disk. Production
 * stores use {@link #NONE}.
 */
interface StoreFaultPoints {
  /** The steps, in the order a flush or compaction reaches them. */
  enum Point {
    /** Flush: the new file is complete under .tmp, not yet renamed into the store. */
    FLUSH_FILE_WRITTEN,
    /** Flush: the file is in the store directory, not yet in the manifest. */
    FLUSH_FILE_COMMITTED,
    /** Flush: the manifest lists the file; the memstore snapshot is not yet cleared. */
    FLUSH_MANIFEST_WRITTEN,
    /** Compaction: the output is complete under .tmp. */
    COMPACTION_FILE_WRITTEN,
    /** Compaction: the output is in the store directory, not yet in the manifest. */
    COMPACTION_FILE_COMMITTED,
    /** Compaction: the manifest lists the output instead of the inputs; inputs not deleted. */
    COMPACTION_MANIFEST_WRITTEN
  }

  StoreFaultPoints NONE = p -> { };

  void reach(Point point) throws IOException;
}
