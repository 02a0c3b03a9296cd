package io.cellar.lsm.store;

import io.cellar.common.cell.Cell;
import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.CorruptFileException;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.compaction.CompactionConfig;
import io.cellar.lsm.compaction.CompactionRequest;
import io.cellar.lsm.compaction.CompactionRunner;
import io.cellar.lsm.compaction.CompactionTarget;
import io.cellar.lsm.compaction.CompactionThrottle;
import io.cellar.lsm.compaction.Compactor;
import io.cellar.lsm.compaction.RatioCompactionPolicy;
import io.cellar.lsm.hfile.CacheOnWrite;
import io.cellar.lsm.hfile.HFileWriteOptions;
import io.cellar.lsm.memstore.MemStore;
import io.cellar.lsm.memstore.MemStoreSnapshot;
import io.cellar.lsm.read.FamilySettings;
import io.cellar.lsm.read.KeyValueScanner;
import io.cellar.lsm.read.ReadBounds;
import io.cellar.lsm.read.ScanParams;
import io.cellar.lsm.read.StoreScanner;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.Lock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One region x one column family: a {@link MemStore} plus the immutable store files listed in
 * the store's {@link StoreManifest}, under {@code <region dir>/<family>/} (see
 * {@link StoreDirectory}).
 *
 * <p><b>Crash safety.</b> The manifest is the single source of truth. A flush writes its file
 * under {@code .tmp}, renames it into the store, then rewrites the manifest to list it, and only
 * then drops the memstore snapshot. A compaction does the same with its output and replaces its
 * inputs by the output in one manifest rewrite; the inputs are deleted afterwards (once no
 * scanner reads them). {@link #open} deletes every file the manifest does not list, so a crash
 * at any step leaves a valid store holding exactly the old or the new file set.
 *
 * <p><b>Damaged files.</b> A manifest that fails its checksum, a listed file that is missing,
 * corrupt or truncated, or store files with no manifest at all: {@link #open} refuses with a
 * {@link CorruptFileException} naming the file. Nothing is quarantined or dropped silently, so
 * no data vanishes without an operator deciding it should.
 *
 * <p><b>Sequence ids.</b> Cells keep their MVCC sequence ids in flushed and compacted files (the
 * simplest correct choice: same-key cells stay ordered, and a scanner's read point still applies
 * to file cells). Each file records the highest sequence id it covers;
 * {@link #getMaxFlushedSequenceId} is the highest over the live files, from which WAL replay
 * starts. REQUIRES (from the region): the cells of a snapshot are committed in MVCC before
 * {@link #flushSnapshot} is called (as HBase waits for MVCC before a flush), so a file never
 * holds a cell a future reader cannot see, and compactions may prune by versions freely.
 *
 * <p><b>Concurrency.</b> {@link #add} and reads run concurrently with a flush and with
 * compactions; one flush at a time; compactions of disjoint file runs may overlap. A reader sees
 * a consistent (memstore, files) pair; files replaced by a compaction stay open until the last
 * scanner using them closes. Thread-safe.
 */
public final class Store implements CompactionTarget, Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(Store.class);
  /**
   * Setting: put the blocks of flushed and compacted files into the block cache as they are
   * written (HBase's cacheDataOnWrite), so new files are read warm; compactions only when their
   * inputs are at most a quarter of the cache. Default true.
   */
  public static final String CACHE_ON_WRITE_KEY = "cellar.store.cache.blocks.on.write";

  private final StoreDirectory dir;
  private final ColumnFamilyDescriptor family;
  private final BlockCache cache;
  private final CompactionConfig compactionConfig;
  private final RatioCompactionPolicy policy;
  private final CompactionRunner runner; // null: compactions only when called directly
  private final LongSupplier clock;
  private final FamilySettings settings;
  private final HFileWriteOptions writeOptions;
  private final boolean cacheOnWrite;
  private final MemStore memstore = MemStore.withBackgroundCompaction();
  private final FileCountWriteGate gate;
  private final StoreFaultPoints faults;
  private final String name;

  private final ReentrantLock flushLock = new ReentrantLock();
  private final LiveFiles files;
  private final Set<StoreFile> compacting = new HashSet<>(); // guarded by itself
  private int runningCompactions; // guarded by compacting
  private final AtomicBoolean majorRequested = new AtomicBoolean();
  private volatile boolean closed;

  private Store(StoreDirectory dir, ColumnFamilyDescriptor family, BlockCache cache,
      Configuration conf, CompactionRunner runner, LongSupplier clock, StoreFaultPoints faults,
      LiveFiles files) {
    this.dir = dir;
    this.family = family;
    this.cache = cache;
    this.compactionConfig = CompactionConfig.from(conf);
    this.policy = new RatioCompactionPolicy(compactionConfig);
    this.runner = runner;
    this.clock = clock;
    this.settings = FamilySettings.of(family, clock);
    this.writeOptions = HFileWriteOptions.DEFAULTS.withBlockSize(family.getBlocksize())
        .withCompression(family.getCompression()).withBloomType(family.getBloomFilterType());
    this.cacheOnWrite = conf.getBoolean(CACHE_ON_WRITE_KEY, true);
    this.gate = new FileCountWriteGate(compactionConfig.getBlockingFiles(),
        compactionConfig.getBlockingWaitMillis());
    this.faults = faults;
    this.files = files;
    this.name = dir.path().toString();
  }

  /** Opens (or creates) the store in {@code storeDir} with the system clock, no runner. */
  public static Store open(Path storeDir, ColumnFamilyDescriptor family, BlockCache cache,
      Configuration conf) throws IOException {
    return open(storeDir, family, cache, conf, null, System::currentTimeMillis);
  }

  /**
   * Opens (or creates) the store in {@code storeDir}: reads the manifest, deletes leftovers of
   * interrupted flushes and compactions, opens every listed file.
   *
   * @param cache the process's block cache (may be {@link BlockCache#disabled()})
   * @param conf compaction and blocking settings, see {@link CompactionConfig}
   * @param runner background compactions; null to compact only through {@link #compactOnce}
   * @param clock milliseconds, for TTL and periodic major compactions
   * @throws CorruptFileException naming the file when the store cannot be opened intact
   */
  public static Store open(Path storeDir, ColumnFamilyDescriptor family, BlockCache cache,
      Configuration conf, CompactionRunner runner, LongSupplier clock) throws IOException {
    return open(storeDir, family, cache, conf, runner, clock, StoreFaultPoints.NONE);
  }

  static Store open(Path storeDir, ColumnFamilyDescriptor family, BlockCache cache,
      Configuration conf, CompactionRunner runner, LongSupplier clock, StoreFaultPoints faults)
      throws IOException {
    StoreDirectory sd = StoreDirectory.at(storeDir);
    Store store = new Store(sd, family, cache, conf, runner, clock, faults,
        LiveFiles.load(sd, cache, faults));
    LOG.info("Opened store {} with {} file(s), max sequence id {}", storeDir,
        store.getStoreFileCount(), store.getMaxFlushedSequenceId());
    return store;
  }

  // ---- writes ----

  /** Adds a cell with MVCC write number {@code seqId} to the memstore. Thread-safe. */
  public void add(Cell cell, long seqId) {
    memstore.add(cell, seqId);
  }

  /**
   * Call before a write: waits while the store has {@code blockingStoreFiles} or more files
   * (asking for a compaction), until compaction brings the count down or the blocking wait
   * time passes; then the write proceeds either way. Returns the milliseconds waited.
   */
  public long waitIfTooManyStoreFiles() throws InterruptedIOException {
    return gate.awaitBelowLimit(() -> files.current().size(), this::requestCompaction);
  }

  /** True when writes to this store are being held back for compaction. */
  public boolean hasTooManyStoreFiles() {
    return gate.isBlocking(files.current().size());
  }

  // ---- reads ----

  /**
   * A scanner applying versions, deletes, TTL, time range, columns and filter over the memstore
   * and the files that can hold cells in {@code params}' bounds (key range, time range, bloom).
   * The caller closes it; until then the files it reads stay open.
   */
  public StoreScanner getScanner(ScanParams params) throws IOException {
    ReadBounds bounds = params.toReadBounds();
    List<KeyValueScanner> sources;
    Lock view = files.viewLock();
    view.lock();
    try {
      checkOpen();
      // Each source is checked against the bounds once, here, before a scanner is made.
      sources = memstore.getScannersForRead(params.getReadPoint(), bounds);
      FileScanners.add(sources, files.current().files(), bounds, true, params.getReadPoint());
    } finally {
      view.unlock();
    }
    return StoreScanner.forCheckedRead(settings, params, sources);
  }

  /**
   * The raw sources of a read: memstore scanners hiding cells above the read point, and
   * scanners of the files that pass {@code params}' bounds. The caller closes every one.
   */
  public List<KeyValueScanner> getScanners(ScanParams params) throws IOException {
    ReadBounds bounds = params.toReadBounds();
    Lock view = files.viewLock();
    view.lock();
    try {
      checkOpen();
      List<KeyValueScanner> out = new ArrayList<>(memstore.getScanners(params.getReadPoint()));
      out.addAll(FileScanners.acquire(files.current().files(), bounds, true,
          params.getReadPoint()));
      return out;
    } finally {
      view.unlock();
    }
  }

  // ---- flush ----

  /**
   * Freezes the memstore for a flush; writes continue into a fresh memstore segment. If the
   * previous flush failed, returns its snapshot again. The region calls this under its update
   * lock so the snapshot is a consistent cut.
   */
  public MemStoreSnapshot snapshot() {
    return memstore.snapshot();
  }

  /**
   * Writes {@code snapshot} to a new store file and makes it live: temp file, rename, manifest,
   * and only then the snapshot is dropped from memory. On failure the snapshot stays (reads
   * keep seeing it; the next flush retries it). Safe to call concurrently with writes, reads
   * and compactions; flushes are serialized.
   *
   * @param flushSequenceId the region's sequence id for this flush: every edit at or below it
   *     for this store is in the snapshot; recorded as the file's max sequence id (or the
   *     highest cell sequence id, if larger)
   * @return the new file, or empty when the snapshot held no cells
   */
  public Optional<StoreFile> flushSnapshot(MemStoreSnapshot snapshot, long flushSequenceId)
      throws IOException {
    flushLock.lock();
    try {
      checkOpen();
      if (snapshot.isEmpty()) {
        files.underSwapLock(() -> memstore.clearSnapshot(snapshot.getId()));
        return Optional.empty();
      }
      CacheOnWrite written = newCacheOnWrite(snapshot.getDataSize());
      Path committed = StoreFlusher.flush(snapshot, dir, writeOptions.withCacheOnWrite(written),
          flushSequenceId, faults);
      faults.reach(StoreFaultPoints.Point.FLUSH_FILE_COMMITTED);
      StoreFile file = StoreFile.open(committed, cache, written);
      files.add(file, StoreFaultPoints.Point.FLUSH_MANIFEST_WRITTEN,
          () -> memstore.clearSnapshot(snapshot.getId()));
      LOG.debug("Flushed {} cells ({} bytes) of {} to {}", snapshot.getCellCount(),
          snapshot.getDataSize(), name, file.getName());
      gate.fileSetChanged();
      if (needsCompaction()) {
        requestCompaction();
      }
      return Optional.of(file);
    } finally {
      flushLock.unlock();
    }
  }

  /**
   * Flushes the snapshot taken by the last {@link #snapshot()} and not yet cleared; does
   * nothing (returns empty) when there is none. See {@link #flushSnapshot(MemStoreSnapshot,
   * long)}.
   */
  public Optional<StoreFile> flushSnapshot(long flushSequenceId) throws IOException {
    MemStoreSnapshot current = memstore.getSnapshot();
    return current == null ? Optional.empty() : flushSnapshot(current, flushSequenceId);
  }

  /** Snapshot and flush in one call, for callers without a region (tests, tools). */
  public Optional<StoreFile> flush(long flushSequenceId) throws IOException {
    return flushSnapshot(snapshot(), flushSequenceId);
  }

  // ---- bulk load ----

  /**
   * Adopts an HFile written outside the store (bulk load): its cells are copied into a new
   * store file with this family's block size, compression and bloom type, each cell taking
   * {@code sequenceId} (so the load is ordered after every earlier edit and before every later
   * one), and the file becomes live in one manifest rewrite. The source is left untouched. A
   * crash midway leaves the store as it was.
   *
   * @param sequenceId a sequence id the region assigned to this load; REQUIRES: the region's
   *     MVCC read point reaches it before readers should see the load, and every row of the
   *     source lies inside the region
   * @throws io.cellar.common.exceptions.InvalidRequestException when a cell is of another family
   * @throws io.cellar.common.exceptions.CorruptFileException when the source is not a valid
   *     HFile
   */
  public StoreFile bulkLoad(Path source, long sequenceId) throws IOException {
    checkOpen();
    Path committed = BulkLoadRewriter.rewrite(source, family, dir, writeOptions, sequenceId);
    StoreFile file = StoreFile.open(committed, cache);
    files.add(file, StoreFaultPoints.Point.FLUSH_MANIFEST_WRITTEN, null);
    LOG.info("Bulk loaded {} into {} as {} (sequence id {})", source, name, file.getName(),
        sequenceId);
    gate.fileSetChanged();
    if (needsCompaction()) {
      requestCompaction();
    }
    return file;
  }

  // ---- compaction ----

  /** True when a minor compaction could be selected now. */
  public boolean needsCompaction() {
    synchronized (compacting) {
      return policy.needsCompaction(files.current().files(), compacting);
    }
  }

  /** True when a periodic major compaction is due (for the region server's checker). */
  public boolean isMajorCompactionDue() {
    return policy.isMajorCompactionDue(files.current().files(), clock.getAsLong());
  }

  /**
   * Queues this store with the runner (if any). The future completes when that run ends; it is
   * already complete without a runner.
   */
  public CompletableFuture<Void> requestCompaction() {
    if (runner == null || closed) {
      return CompletableFuture.completedFuture(null);
    }
    return runner.requestCompaction(this);
  }

  /** Asks for a major compaction (all files; drops deleted, expired and excess cells). */
  public CompletableFuture<Void> requestMajorCompaction() {
    majorRequested.set(true);
    return requestCompaction();
  }

  /**
   * Runs a major compaction now, in this thread, after waiting for running compactions of this
   * store to end. Returns false when the store has no files (or closed meanwhile).
   */
  public boolean majorCompact(CompactionThrottle throttle) throws IOException {
    majorRequested.set(true);
    while (true) {
      synchronized (compacting) {
        while (runningCompactions > 0 && !closed) {
          try {
            compacting.wait(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a running compaction");
          }
        }
      }
      if (compactOnce(throttle)) {
        return true;
      }
      synchronized (compacting) {
        if (runningCompactions == 0 || closed) {
          majorRequested.set(false); // nothing to compact
          return false;
        }
      }
    }
  }

  @Override
  public boolean compactOnce(CompactionThrottle throttle) throws IOException {
    CompactionRequest<StoreFile> request;
    synchronized (compacting) {
      if (closed) {
        return false;
      }
      Optional<CompactionRequest<StoreFile>> r = policy.select(files.current().files(),
          compacting, majorRequested.get(), clock.getAsLong());
      if (r.isEmpty()) {
        return false;
      }
      request = r.get();
      if (request.isRequestedMajor()) {
        majorRequested.set(false);
      }
      compacting.addAll(request.getFiles());
      runningCompactions++;
    }
    try {
      compact(request, throttle);
      return true;
    } catch (IOException e) {
      if (closed) {
        LOG.info("Abandoned {} of {}: the store closed", request, name);
        return false;
      }
      throw e;
    } finally {
      synchronized (compacting) {
        request.getFiles().forEach(compacting::remove);
        runningCompactions--;
        compacting.notifyAll();
      }
    }
  }

  private void compact(CompactionRequest<StoreFile> request, CompactionThrottle throttle)
      throws IOException {
    LOG.debug("Starting {} of {}", request, name);
    List<KeyValueScanner> inputs = FileScanners.acquire(request.getFiles(), null, false,
        Long.MAX_VALUE);
    Path temp = dir.newTempFile();
    long cells;
    CacheOnWrite written =
        newCacheOnWrite(request.getFiles().stream().mapToLong(StoreFile::getFileSize).sum());
    try {
      cells = Compactor.compact(inputs, settings, request.isMajor(), temp,
          writeOptions.withCacheOnWrite(written), request.getMaxSequenceId(), throttle,
          () -> closed);
    } finally {
      inputs.forEach(KeyValueScanner::close);
    }
    faults.reach(StoreFaultPoints.Point.COMPACTION_FILE_WRITTEN);
    Path committed = dir.commit(temp);
    faults.reach(StoreFaultPoints.Point.COMPACTION_FILE_COMMITTED);
    StoreFile output = StoreFile.open(committed, cache, written);
    files.replace(request.getFiles(), output);
    gate.fileSetChanged();
    LOG.info("Compacted {} of {} into {} ({} cells, {} bytes)", request, name,
        output.getName(), cells, output.getFileSize());
  }

  /**
   * The cache-on-write target of a file about to be written from {@code bytes} of input, or
   * null when off or when the input exceeds a quarter of the cache (it would only churn it).
   */
  private CacheOnWrite newCacheOnWrite(long bytes) {
    return cacheOnWrite && cache != null && bytes <= cache.getCapacityBytes() / 4
        ? CacheOnWrite.newFile(cache) : null;
  }

  // ---- sizes and metadata ----

  public ColumnFamilyDescriptor getFamily() {
    return family;
  }

  public Path getStoreDir() {
    return dir.path();
  }

  public CompactionConfig getCompactionConfig() {
    return compactionConfig;
  }

  /** Highest sequence id in the live files: edits at or below it need no WAL replay. */
  public long getMaxFlushedSequenceId() {
    return files.current().maxSequenceId();
  }

  /** Bytes of cells in the memstore not yet snapshotted (what the next flush would write). */
  public long getMemStoreDataSize() {
    return memstore.getDataSize();
  }

  /** Bytes of cells in the snapshot being flushed (0 when none). */
  public long getSnapshotDataSize() {
    return memstore.getSnapshotDataSize();
  }

  /** Bytes of cells in the memstore, the snapshot being flushed included. */
  public long getMemStoreSize() {
    return memstore.getDataSize() + memstore.getSnapshotDataSize();
  }

  /** Heap held by the memstore and its snapshot. */
  public long getMemStoreHeapSize() {
    return memstore.heapSize() + memstore.getSnapshotHeapSize();
  }

  public int getStoreFileCount() {
    return files.current().size();
  }

  /** Bytes on disk of the live files. */
  public long getStoreFilesSize() {
    return files.current().totalSize();
  }

  /** Live file names, oldest first. */
  public List<String> getStoreFileNames() {
    return files.current().names();
  }

  /** The live files, oldest first. */
  public List<StoreFile> getStoreFiles() {
    return files.current().files();
  }

  /**
   * A row near the middle of the store's data, to split the region at: the row of the middle
   * cell of the largest file. Null when the store has no files or that row is the first or last
   * row of the file (the file cannot be split meaningfully there).
   */
  public byte[] getSplitPoint() throws IOException {
    StoreFile largest = null;
    Lock view = files.viewLock();
    view.lock();
    try {
      for (StoreFile f : files.current().files()) {
        if (largest == null || f.getFileSize() > largest.getFileSize()) {
          largest = f;
        }
      }
      if (largest == null || !largest.tryAcquire()) {
        return null;
      }
    } finally {
      view.unlock();
    }
    return SplitPointFinder.middleRow(largest);
  }

  /** The file count: the store nearest to blocking writes compacts first. */
  @Override
  public int getCompactionPriority() {
    return files.current().size();
  }

  @Override
  public String getCompactionTargetName() {
    return name;
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("Store " + name + " is closed");
    }
  }

  /**
   * Closes the store without flushing (the region flushes first when it closes cleanly): stops
   * running compactions (their output is discarded), and closes each file once no scanner uses
   * it. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    boolean interrupted = false;
    synchronized (compacting) {
      while (runningCompactions > 0) {
        try {
          compacting.wait(100);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    files.close();
    gate.fileSetChanged();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "Store{" + name + ", files=" + files.current().size() + ", memstore="
        + memstore.getDataSize() + "}";
  }
}
