package io.cellar.regionserver;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.lsm.compaction.CompactionThrottle;
import io.cellar.lsm.memstore.MemStoreSnapshot;
import io.cellar.lsm.read.ScanParams;
import io.cellar.lsm.read.StoreScanner;
import io.cellar.lsm.store.Store;
import io.cellar.lsm.store.StoreFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A {@link FamilyStore} over the engine's {@link Store}: translates a {@link FamilyRead} into
 * {@link ScanParams} (row bounds in the store's exclusive-stop form, row-level filter calls left
 * to the region) and keeps the snapshot of a failed flush, with its sequence id, for the retry.
 */
final class LsmFamilyStore implements FamilyStore {
  private final Store store;
  private final Object snapshotLock = new Object();
  private MemStoreSnapshot pending; // guarded by snapshotLock
  private long pendingSeqId; // guarded by snapshotLock
  private volatile long flushedThrough;

  private LsmFamilyStore(Store store) {
    this.store = store;
    this.flushedThrough = store.getMaxFlushedSequenceId();
  }

  static LsmFamilyStore open(RegionInfo info, TableDescriptor table,
      ColumnFamilyDescriptor family, Path storeDir, RegionServices services) throws IOException {
    ServerClock clock = services.getClock();
    return new LsmFamilyStore(Store.open(storeDir, family, services.getBlockCache(),
        services.getConfiguration(), services.getCompactionRunner(), clock::currentTimeMillis));
  }

  @Override
  public ColumnFamilyDescriptor descriptor() {
    return store.getFamily();
  }

  @Override
  public void add(Cell cell, long seqId) {
    store.add(cell, seqId);
  }

  @Override
  public long memStoreSize() {
    return store.getMemStoreDataSize() + store.getSnapshotDataSize();
  }

  @Override
  public long memStoreHeapSize() {
    return store.getMemStoreHeapSize();
  }

  @Override
  public void snapshot(long flushSeqId) {
    synchronized (snapshotLock) {
      if (pending == null) {
        pending = store.snapshot();
        pendingSeqId = flushSeqId;
      }
    }
  }

  @Override
  public void flushSnapshot() throws IOException {
    synchronized (snapshotLock) {
      if (pending == null) {
        return;
      }
      store.flushSnapshot(pending, pendingSeqId);
      flushedThrough = Math.max(flushedThrough, pendingSeqId);
      pending = null;
    }
  }

  @Override
  public long flushedThroughSequenceId() {
    return flushedThrough;
  }

  @Override
  public long maxFlushedSequenceId() {
    return store.getMaxFlushedSequenceId();
  }

  @Override
  public boolean tooManyFiles() {
    return store.hasTooManyStoreFiles();
  }

  @Override
  public long storeFileSize() {
    return store.getStoreFilesSize();
  }

  /**
   * The row at the middle of the store by cell count, found by reading up to half of it (split
   * decisions are rare); null when the store holds fewer than two rows.
   */
  @Override
  public byte[] splitPoint() throws IOException {
    long total = 0;
    for (StoreFile f : store.getStoreFiles()) {
      total += f.getCellCount();
    }
    if (total == 0) {
      return null;
    }
    byte[] first = null;
    long seen = 0;
    try (StoreScanner s = store.getScanner(ScanParams.all().withMaxVersions(Integer.MAX_VALUE))) {
      List<Cell> row = new ArrayList<>();
      while (s.nextRow(row)) {
        byte[] r = Cells.cloneRow(row.get(0));
        if (first == null) {
          first = r;
        } else if (seen >= total / 2) {
          return r;
        }
        seen += row.size();
        row.clear();
      }
    }
    return null;
  }

  @Override
  public void compact(boolean major) throws IOException {
    if (major) {
      store.majorCompact(CompactionThrottle.unlimited());
    } else {
      while (store.compactOnce(CompactionThrottle.unlimited())) {
        // keep going while the policy finds work
      }
    }
  }

  @Override
  public void requestCompaction() {
    store.requestCompaction();
  }

  @Override
  public RowSource openRows(FamilyRead read) throws IOException {
    RowRange r = read.range();
    byte[] start = r.start();
    byte[] stop = r.stop();
    if (!r.reversed()) {
      if (start.length > 0 && !r.startInclusive()) {
        start = successor(start);
      }
      if (stop.length > 0 && r.stopInclusive()) {
        stop = successor(stop);
      }
    } else if (stop.length > 0 && r.stopInclusive()) {
      // reversed: the store's stop is an exclusive lower bound; the region ends the scan at the
      // stop row itself, so an exact bound is only an optimisation
      stop = stop[stop.length - 1] == 0 ? Arrays.copyOf(stop, stop.length - 1) : Bytes.EMPTY;
    }
    ScanParams p = ScanParams.all()
        .withRows(start, stop)
        .withReversed(r.reversed())
        .withColumns(read.qualifiers())
        .withTimeRange(read.timeRange())
        .withMaxVersions(read.maxVersions())
        .withFilter(read.filter())
        .withReadPoint(read.readPoint())
        .withRowFilterInStore(false);
    return new StoreRowSource(store.getScanner(p), r.reversed());
  }

  /** The smallest row after {@code row}. */
  private static byte[] successor(byte[] row) {
    return Arrays.copyOf(row, row.length + 1);
  }

  @Override
  public void close() {
    store.close();
  }
}
