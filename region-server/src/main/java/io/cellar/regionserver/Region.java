package io.cellar.regionserver;

import io.cellar.client.Append;
import io.cellar.client.CheckAndMutate;
import io.cellar.client.CheckAndMutateResult;
import io.cellar.client.Delete;
import io.cellar.client.Get;
import io.cellar.client.Increment;
import io.cellar.client.Mutation;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.RowMutations;
import io.cellar.client.Scan;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.TimeRange;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.filter.Filter;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.lsm.mvcc.MultiVersionConcurrencyControl;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One key range of a table, with one store per column family: the unit that serves reads and
 * writes. All mutations of one row, across families, are atomic and isolated (row locks plus
 * MVCC); Increment, Append and CheckAndMutate are atomic per row; an acknowledged write is in the
 * WAL as its durability asks. Usable embedded: {@code Region.open(info, table,
 * RegionServices.local(root, conf))}. Thread-safe.
 *
 * <p>The parts live in their own classes: {@link RegionWritePath} (writes), {@link
 * ReadModifyWrite} (increment/append/check-and-mutate), {@link RegionScannerImpl} (reads),
 * {@link RegionOpener} (open and WAL replay), {@link RowLocks}, {@link WriteBackpressure}.
 */
public final class Region implements Closeable {
  /** Setting: milliseconds to wait for a row lock (default 30 s). */
  public static final String ROW_LOCK_TIMEOUT_KEY = RowLocks.TIMEOUT_KEY;
  /** Setting: largest cell accepted, bytes (default 10 MiB). */
  public static final String MAX_CELL_SIZE_KEY = RequestValidator.MAX_CELL_SIZE_KEY;
  private static final Logger LOG = LoggerFactory.getLogger(Region.class);

  private final RegionInfo info;
  private final TableDescriptor table;
  private final RegionServices services;
  private final RegionDirectory dir;
  private final NavigableMap<byte[], FamilyStore> stores;
  private final MultiVersionConcurrencyControl mvcc;
  private final RowLocks rowLocks;
  private final ReentrantReadWriteLock updatesLock = new ReentrantReadWriteLock();
  private final RequestValidator validator;
  private final RegionWritePath writes;
  private final ReadModifyWrite readModifyWrite;
  private final WriteBackpressure backpressure;
  private final long blockingMemStoreSize;
  private final Object flushLock = new Object();
  private volatile long maxFlushedSeqId;
  private volatile boolean closing;
  private volatile boolean closed;

  Region(RegionInfo info, TableDescriptor table, RegionServices services, RegionDirectory dir,
      NavigableMap<byte[], FamilyStore> stores, long startSeqId, long maxFlushedSeqId) {
    this.info = info;
    this.table = table;
    this.services = services;
    this.dir = dir;
    this.stores = stores;
    this.mvcc = new MultiVersionConcurrencyControl(startSeqId);
    this.maxFlushedSeqId = maxFlushedSeqId;
    this.rowLocks = new RowLocks(services.getConfiguration()
        .getLong(RowLocks.TIMEOUT_KEY, RowLocks.DEFAULT_TIMEOUT_MS));
    this.validator = new RequestValidator(info, table, services.getConfiguration());
    this.writes = new RegionWritePath(this);
    this.readModifyWrite = new ReadModifyWrite(this);
    this.backpressure = new WriteBackpressure(services.getConfiguration().getLong(
        WriteBackpressure.BLOCK_TIMEOUT_KEY, WriteBackpressure.DEFAULT_BLOCK_TIMEOUT_MS));
    this.blockingMemStoreSize = table.getMemStoreFlushSize() * services.getConfiguration()
        .getInt(WriteBackpressure.BLOCK_MULTIPLIER_KEY,
            WriteBackpressure.DEFAULT_BLOCK_MULTIPLIER);
  }

  /**
   * Opens (creating if absent) the region's directory {@code <root>/data/<ns>/<table>/<encoded>},
   * its stores, replays recovered edits and the WAL edits newer than each store's flushed
   * sequence id, and flushes what it replayed.
   */
  public static Region open(RegionInfo info, TableDescriptor table, Path rootDir,
      RegionServices services) throws IOException {
    return RegionOpener.open(info, table, rootDir, services);
  }

  /** {@link #open(RegionInfo, TableDescriptor, Path, RegionServices)} under the services' root. */
  public static Region open(RegionInfo info, TableDescriptor table, RegionServices services)
      throws IOException {
    return open(info, table, services.getRootDir(), services);
  }

  public RegionInfo getRegionInfo() {
    return info;
  }

  public TableDescriptor getTableDescriptor() {
    return table;
  }

  /** The region's directory. */
  public Path getRegionDir() {
    return dir.path();
  }

  // ---------------------------------------------------------------- writes

  public void put(Put put) throws IOException {
    checkOpenForWrites();
    applyGroup(List.of(writes.prepare(put)));
  }

  public void delete(Delete delete) throws IOException {
    checkOpenForWrites();
    applyGroup(List.of(writes.prepare(delete)));
  }

  /**
   * Applies Puts and Deletes (and, one at a time, Increments and Appends) with one WAL sync for
   * the group. One result slot per mutation: null for success or that mutation's exception; a
   * failure of the whole group (WAL, too busy, closing) fills every slot of the group.
   */
  public IOException[] batchMutate(List<? extends Mutation> mutations) throws IOException {
    checkOpenForWrites();
    IOException[] results = new IOException[mutations.size()];
    List<PreparedEdit> group = new ArrayList<>();
    List<Integer> groupSlots = new ArrayList<>();
    for (int i = 0; i < mutations.size(); i++) {
      Mutation m = mutations.get(i);
      try {
        if (m instanceof Increment) {
          increment((Increment) m);
        } else if (m instanceof Append) {
          append((Append) m);
        } else {
          group.add(writes.prepare(m));
          groupSlots.add(i);
        }
      } catch (IOException e) {
        results[i] = e;
      }
    }
    if (!group.isEmpty()) {
      try {
        applyGroup(group);
      } catch (IOException e) {
        for (int slot : groupSlots) {
          results[slot] = e;
        }
      }
    }
    return results;
  }

  /** Atomically applies the Puts and Deletes of one row. */
  public void mutateRow(RowMutations rm) throws IOException {
    checkOpenForWrites();
    List<PreparedEdit> edits = new ArrayList<>();
    for (Mutation m : rm.getMutations()) {
      edits.add(writes.prepare(m));
    }
    if (!edits.isEmpty()) {
      applyGroup(edits);
    }
  }

  private void applyGroup(List<PreparedEdit> edits) throws IOException {
    awaitWriteRoom();
    List<byte[]> rows = new ArrayList<>(edits.size());
    for (PreparedEdit e : edits) {
      rows.add(e.row());
    }
    RegionWritePath.PendingWrite pending;
    try (RowLocks.Held locks = rowLocks.lockRows(rows)) {
      pending = writes.applyLocked(edits);
    }
    writes.finish(pending);
  }

  public Result increment(Increment inc) throws IOException {
    checkOpenForWrites();
    return readModifyWrite.increment(inc);
  }

  public Result append(Append append) throws IOException {
    checkOpenForWrites();
    return readModifyWrite.append(append);
  }

  public CheckAndMutateResult checkAndMutate(CheckAndMutate cam) throws IOException {
    checkOpenForWrites();
    return readModifyWrite.checkAndMutate(cam);
  }

  // ---------------------------------------------------------------- reads

  public Result get(Get get) throws IOException {
    checkOpen();
    validator.checkRow(get.getRow());
    List<Cell> cells = readRow(get, mvcc.getReadPoint());
    if (get.isCheckExistenceOnly()) {
      return Result.ofExists(!cells.isEmpty());
    }
    // the region scanner returns one row's cells in cell order: no need to check or re-sort
    return cells.isEmpty() ? Result.EMPTY_RESULT : Result.ofSortedRow(cells, null, false);
  }

  /** A scanner over the rows of the scan, reading at the MVCC read point of this moment. */
  public RegionScanner getScanner(Scan scan) throws IOException {
    checkOpen();
    RowRange range = new RowRange(scan.getStartRow(), scan.includeStartRow(), scan.getStopRow(),
        scan.includeStopRow(), scan.isReversed());
    return openScanner(range, scan.getFamilyMap(), scan.getTimeRange(), scan.getMaxVersions(),
        scan.getFilter(), scan.getLimit(), scan.getBatch(), mvcc.getReadPoint(),
        scan.getCacheBlocks());
  }

  /** The cells of one Get at {@code readPoint}. */
  List<Cell> readRow(Get get, long readPoint) throws IOException {
    byte[] row = get.getRow();
    RowRange range = new RowRange(row, true, row, true, false);
    List<Cell> out = new ArrayList<>();
    try (RegionScanner s = openScanner(range, get.getFamilyMap(), get.getTimeRange(),
        get.getMaxVersions(), get.getFilter(), 1, -1, readPoint, get.getCacheBlocks())) {
      s.next(out);
    }
    return out;
  }

  /**
   * Up to {@code n} newest versions of one column, after waiting until every write issued so far
   * is visible. REQUIRES: the caller holds the row's lock (so nothing newer can slip in).
   */
  List<Cell> newestVersions(byte[] row, byte[] family, byte[] qualifier, int n)
      throws IOException {
    awaitAllWritesVisible();
    Get g = new Get(row).addColumn(family, qualifier).readVersions(n);
    return readRow(g, mvcc.getReadPoint());
  }

  /** Waits until the read point covers every write number handed out before this call. */
  void awaitAllWritesVisible() {
    mvcc.completeAndWait(mvcc.begin());
  }

  private RegionScanner openScanner(RowRange range,
      NavigableMap<byte[], NavigableSet<byte[]>> familyMap, TimeRange timeRange,
      int maxVersions, Filter filter, int limit, int batch, long readPoint, boolean cacheBlocks)
      throws IOException {
    NavigableMap<byte[], NavigableSet<byte[]>> families = new TreeMap<>(Bytes::compare);
    if (familyMap == null || familyMap.isEmpty()) {
      for (byte[] f : stores.keySet()) {
        families.put(f, new TreeSet<>(Bytes::compare));
      }
    } else {
      for (Map.Entry<byte[], NavigableSet<byte[]>> e : familyMap.entrySet()) {
        validator.checkFamily(e.getKey());
        families.put(e.getKey(), e.getValue());
      }
    }
    List<RowSource> sources = new ArrayList<>(families.size());
    try {
      for (Map.Entry<byte[], NavigableSet<byte[]>> e : families.entrySet()) {
        NavigableSet<byte[]> qualifiers = e.getValue() == null || e.getValue().isEmpty()
            ? null : e.getValue();
        sources.add(stores.get(e.getKey()).openRows(new FamilyRead(range, qualifiers,
            timeRange, maxVersions, filter, readPoint, cacheBlocks)));
      }
    } catch (IOException | RuntimeException e) {
      for (RowSource s : sources) {
        s.close();
      }
      throw e;
    }
    return new RegionScannerImpl(info, sources, range, filter, limit, batch, () -> { });
  }

  // ---------------------------------------------------------------- flush and compaction

  /**
   * Flushes every store when {@code force} or when the memstore has reached the table's
   * MEMSTORE_FLUSHSIZE, then tells the WAL the region's flushed sequence id.
   */
  public void flush(boolean force) throws IOException {
    synchronized (flushLock) {
      if (closed) {
        return;
      }
      long size = getMemStoreSize();
      if (size == 0 || (!force && size < table.getMemStoreFlushSize())) {
        return;
      }
      long flushSeqId;
      // block writes for the instant of the snapshot so the sequence id splits edits cleanly
      updatesLock.writeLock().lock();
      try {
        flushSeqId = mvcc.getWritePoint();
        for (FamilyStore s : stores.values()) {
          s.snapshot(flushSeqId);
        }
      } finally {
        updatesLock.writeLock().unlock();
      }
      // writes in the snapshot may still be finishing their WAL sync: wait until they are done
      awaitAllWritesVisible();
      long flushedThrough = Long.MAX_VALUE;
      for (FamilyStore s : stores.values()) {
        s.flushSnapshot();
        flushedThrough = Math.min(flushedThrough, s.flushedThroughSequenceId());
      }
      // a store retrying an older failed snapshot holds the region back to that snapshot's id
      maxFlushedSeqId = flushedThrough;
      services.getWal().markFlushed(info.getEncodedName(), flushedThrough);
      LOG.debug("Flushed {} bytes of region {} at sequence id {}", size,
          info.getEncodedName(), flushSeqId);
    }
    backpressure.relieved(); // the stores ask for compactions themselves after a flush
  }

  /** Compacts every store now (major: rewrite all files). */
  public void compact(boolean major) throws IOException {
    checkOpen();
    for (FamilyStore s : stores.values()) {
      s.compact(major);
    }
    backpressure.relieved();
  }

  /** Bytes of cell data in all memstores. */
  public long getMemStoreSize() {
    long n = 0;
    for (FamilyStore s : stores.values()) {
      n += s.memStoreSize();
    }
    return n;
  }

  /** Heap held by all memstores, snapshots included (what the global memstore limit counts). */
  public long getMemStoreHeapSize() {
    long n = 0;
    for (FamilyStore s : stores.values()) {
      n += s.memStoreHeapSize();
    }
    return n;
  }

  /** Bytes of all store files, for split decisions. */
  public long getStoreFileSize() {
    long n = 0;
    for (FamilyStore s : stores.values()) {
      n += s.storeFileSize();
    }
    return n;
  }

  /** The middle row of the largest store, or null when the region cannot be split. */
  public byte[] getSplitPoint() throws IOException {
    FamilyStore largest = null;
    for (FamilyStore s : stores.values()) {
      if (largest == null || s.storeFileSize() > largest.storeFileSize()) {
        largest = s;
      }
    }
    byte[] p = largest == null ? null : largest.splitPoint();
    if (p == null || p.length == 0 || !info.containsRow(p)
        || Bytes.compare(p, info.getStartKey()) == 0) {
      return null;
    }
    return p;
  }

  /** Sequence id up to which every edit of the region is in store files. */
  public long getMaxFlushedSequenceId() {
    return maxFlushedSeqId;
  }

  /** The MVCC read point: the highest sequence id visible to new readers. */
  public long getReadPoint() {
    return mvcc.getReadPoint();
  }

  // ---------------------------------------------------------------- lifecycle

  public boolean isClosed() {
    return closed;
  }

  /** Flushes, then closes the stores. Later requests fail with NotServingRegionException. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closing = true;
    flushQuiesced(true);
    closeStores();
  }

  /** Closes without flushing, as a crash would (tests); the WAL keeps the unflushed edits. */
  public void abort() {
    if (closed) {
      return;
    }
    closing = true;
    try {
      flushQuiesced(false);
    } catch (IOException e) {
      LOG.warn("Abort of region {}: {}", info.getEncodedName(), e.toString());
    }
    try {
      closeStores();
    } catch (IOException e) {
      LOG.warn("Closing the stores of aborted region {} failed", info.getEncodedName(), e);
    }
  }

  /** Waits out writes in progress (they hold the update lock), then flushes if asked. */
  private void flushQuiesced(boolean flush) throws IOException {
    updatesLock.writeLock().lock();
    updatesLock.writeLock().unlock();
    if (flush) {
      flush(true);
    }
  }

  private void closeStores() throws IOException {
    synchronized (flushLock) {
      closed = true;
      services.recordLastSequenceId(info.getEncodedName(), mvcc.getWritePoint());
      IOException first = null;
      for (FamilyStore s : stores.values()) {
        try {
          s.close();
        } catch (IOException e) {
          first = first == null ? e : first;
        }
      }
      backpressure.relieved();
      if (first != null) {
        throw first;
      }
    }
  }

  // ---------------------------------------------------------------- for the region's parts

  RegionServices services() {
    return services;
  }

  RequestValidator validator() {
    return validator;
  }

  MultiVersionConcurrencyControl mvcc() {
    return mvcc;
  }

  RowLocks rowLocks() {
    return rowLocks;
  }

  ReentrantReadWriteLock updatesLock() {
    return updatesLock;
  }

  RegionWritePath writes() {
    return writes;
  }

  RegionDirectory directory() {
    return dir;
  }

  FamilyStore store(byte[] family) {
    FamilyStore s = stores.get(family);
    if (s == null) {
      throw new IllegalStateException("no store for family " + Bytes.toStringBinary(family));
    }
    return s;
  }

  void checkOpen() throws NotServingRegionException {
    if (closing || closed) {
      throw new NotServingRegionException("Region " + info.getEncodedName() + " of table "
          + table.getTableName().getNameAsString() + " is closed");
    }
  }

  void checkOpenForWrites() throws IOException {
    checkOpen();
    if (table.isReadOnly()) {
      throw new DoNotRetryException("Table " + table.getTableName().getNameAsString()
          + " is READONLY: region " + info.getEncodedName() + " refuses writes");
    }
  }

  /** Blocks while the memstore is over the blocking size or a store has too many files. */
  void awaitWriteRoom() throws IOException {
    backpressure.await(this::overWriteLimits, this::askForRelief, () -> "memstore "
        + getMemStoreSize() + " bytes (blocking at " + blockingMemStoreSize
        + ") or too many store files in region " + info.getEncodedName());
  }

  private boolean overWriteLimits() {
    if (closing || closed) { // let the writer through to fail with NotServingRegion
      return false;
    }
    if (getMemStoreSize() >= blockingMemStoreSize) {
      return true;
    }
    for (FamilyStore s : stores.values()) {
      if (s.tooManyFiles()) {
        return true;
      }
    }
    return false;
  }

  private void askForRelief() {
    services.getFlushRequester().requestFlush(this);
    for (FamilyStore s : stores.values()) {
      if (s.tooManyFiles()) {
        s.requestCompaction();
      }
    }
  }

  /** After each write: ask for a flush once the memstore passes the flush size. */
  void afterWrite() {
    if (getMemStoreSize() >= table.getMemStoreFlushSize()) {
      services.getFlushRequester().requestFlush(this);
    }
  }

  @Override
  public String toString() {
    return "Region{" + info + "}";
  }
}
