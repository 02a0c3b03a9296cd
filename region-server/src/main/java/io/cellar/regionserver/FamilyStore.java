package io.cellar.regionserver;

import io.cellar.common.cell.Cell;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import java.io.Closeable;
import java.io.IOException;

/**
 * What a region needs of the store of one column family: a memstore to add to, snapshot and
 * flush, files to read and compact. REQUIRES: {@link #snapshot} is called while the region
 * blocks updates, and each snapshot is flushed (or the flush fails) before the next one.
 */
interface FamilyStore extends Closeable {
  ColumnFamilyDescriptor descriptor();

  /** Adds one cell of the write with sequence id {@code seqId} to the memstore. */
  void add(Cell cell, long seqId);

  /** Bytes of cell data in the memstore, its snapshot included. */
  long memStoreSize();

  /**
   * Heap the memstore holds, its snapshot included: chunk capacity and index structures, so
   * more than {@link #memStoreSize()}.
   */
  long memStoreHeapSize();

  /**
   * Freezes the current memstore as the snapshot to flush at {@code flushSeqId}. If the last
   * flush of this store failed, its snapshot (and sequence id) is kept for the retry instead.
   */
  void snapshot(long flushSeqId);

  /** Writes the snapshot to a store file, then drops it; no-op without a snapshot. */
  void flushSnapshot() throws IOException;

  /** Sequence id through which this store's edits are all in files (after the last flush). */
  long flushedThroughSequenceId();

  /** Highest sequence id known to be persisted in this store's files (0 when none). */
  long maxFlushedSequenceId();

  /** True while the store has so many files that writes should wait for a compaction. */
  boolean tooManyFiles();

  long storeFileSize();

  /** A row near the middle of the store's data, or null if it cannot be split. */
  byte[] splitPoint() throws IOException;

  /** Runs a compaction now (major: rewrite all files, dropping deleted and expired cells). */
  void compact(boolean major) throws IOException;

  /** Asks the background compaction threads to look at this store. */
  void requestCompaction();

  /** The rows of this family for one read. */
  RowSource openRows(FamilyRead read) throws IOException;

  @Override
  void close() throws IOException;
}
