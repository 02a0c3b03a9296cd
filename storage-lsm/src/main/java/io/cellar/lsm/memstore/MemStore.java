package io.cellar.lsm.memstore;

import io.cellar.common.cell.Cell;
import io.cellar.lsm.read.KeyValueScanner;
import io.cellar.lsm.read.ReadBounds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory part of one store (one region x one family), with MVCC sequence ids.
 *
 * <p>Layout. Cell bytes are copied into ~512 KiB chunks of a {@link ChunkArena} as
 * {@code [seqId][KeyValue]} (cells above a quarter chunk get their own array); chunks are never
 * reused, so handed-out cells stay valid. Cells are indexed by segments, newest first:
 * <ol>
 *   <li>the <b>active</b> segment, a {@code ConcurrentSkipListMap} of 32-byte {@link ChunkCell}s
 *       (~64 B of index per cell), taking all writes;
 *   <li>a <b>pipeline</b> of immutable {@link FlatSegment}s: when the active segment reaches
 *       {@code flattenCells} it is swapped for a fresh one and flattened into a sorted
 *       {@code long[]} of (chunk id, offset) — 8 B per cell — plus a row bloom (~1.3 B per row)
 *       that lets single-row reads skip it; flat segments of similar size are merged (a merge
 *       of index arrays, no data copy) so the pipeline stays a few segments;
 *   <li>the <b>snapshot</b>: everything above, frozen by {@link #snapshot()} for a flush.
 * </ol>
 * For 16-byte keys and 100-byte values (1-byte family and qualifier) a cell costs 8 (seq id)
 * + 138 (KeyValue) + 8 (flat index) ≈ 154 B, 1.33x raw, plus the small active segment and the
 * unused tail of the current chunk.
 *
 * <p>Concurrency: {@link #add} runs under a shared lock; swapping the active segment takes the
 * exclusive side briefly, so a rotated-out segment is frozen. The segment lists live in one
 * immutable {@code State} replaced atomically, so a reader sees each cell exactly once.
 * Flattening and merging run outside the locks, in the writer that crossed the threshold or on
 * the executor given to the constructor (a store uses {@link #withBackgroundCompaction()}); a
 * result whose segments a snapshot took meanwhile is dropped.
 *
 * <p>Reads: {@link #getScannersForRead} makes scanners only for segments that can hold the
 * read's rows (time range, row range, row bloom) and leaves them unpositioned for the caller's
 * seek; cells compare by an 8-byte row prefix kept in each {@link ChunkCell} first.
 */
public final class MemStore {
  /**
   * Just under 512 KiB: arrays of half a G1 region or more are "humongous" and take whole
   * regions (a 2 MiB chunk can cost 3 MiB with 1 MiB regions); 512 KiB is half the smallest.
   */
  public static final int DEFAULT_CHUNK_SIZE = 512 * 1024 - 64;
  public static final int DEFAULT_FLATTEN_CELLS = 128 * 1024;
  /** Above this many pipeline segments, all flat ones are merged into one. */
  private static final int MAX_PIPELINE = 6;

  private static final class State {
    final SkipListSegment active;
    final List<Segment> pipeline; // newest first, immutable
    final ChunkArena arena;
    final MemStoreSnapshot snapshot; // null when none

    State(SkipListSegment active, List<Segment> pipeline, ChunkArena arena,
        MemStoreSnapshot snapshot) {
      this.active = active;
      this.pipeline = pipeline;
      this.arena = arena;
      this.snapshot = snapshot;
    }
  }

  private final int chunkSize;
  private final int flattenCells;
  private final Executor inMemoryCompactor;
  private final ReentrantReadWriteLock writers = new ReentrantReadWriteLock();
  private final Object stateLock = new Object();
  private final ReentrantLock inMemoryCompaction = new ReentrantLock();
  private volatile State state;
  private long nextSnapshotId = 1; // guarded by stateLock

  public MemStore() {
    this(DEFAULT_CHUNK_SIZE, DEFAULT_FLATTEN_CELLS);
  }

  /**
   * A memstore as a store uses it: default sizes, flattening and merging on the shared
   * {@link InMemoryCompactionExecutor}.
   */
  public static MemStore withBackgroundCompaction() {
    return new MemStore(DEFAULT_CHUNK_SIZE, DEFAULT_FLATTEN_CELLS,
        InMemoryCompactionExecutor.shared());
  }

  /**
   * {@code flattenCells}: active segment size (cells) at which it is flattened. Flattening runs
   * inline in the writer that filled the segment.
   */
  public MemStore(int chunkSize, int flattenCells) {
    this(chunkSize, flattenCells, Runnable::run);
  }

  /**
   * {@code inMemoryCompactor} runs the flattening and merging of rotated segments; the default
   * runs them in the writer that filled the segment (deterministic, but that write waits for
   * them). A region server passes a background executor so writers never wait.
   */
  public MemStore(int chunkSize, int flattenCells, Executor inMemoryCompactor) {
    if (chunkSize < 1024 || flattenCells < 1) {
      throw new IllegalArgumentException(
          "chunkSize " + chunkSize + ", flattenCells " + flattenCells);
    }
    this.chunkSize = chunkSize;
    this.flattenCells = flattenCells;
    this.inMemoryCompactor = inMemoryCompactor;
    this.state = new State(new SkipListSegment(), List.of(), new ChunkArena(chunkSize), null);
  }

  /**
   * Copies {@code cell} into the memstore with MVCC write number {@code seqId} (the cell's own
   * sequence id is ignored). Thread-safe.
   */
  public void add(Cell cell, long seqId) {
    SkipListSegment active;
    writers.readLock().lock();
    try {
      State s = state;
      active = s.active;
      ChunkCell copy = s.arena.copy(cell, seqId);
      active.add(copy, copy.getSerializedSize() + 8, cell.getTimestamp(),
          cell.getType().isDelete());
    } finally {
      writers.readLock().unlock();
    }
    if (active.cellCount() >= flattenCells && state.active == active) {
      rotate(active);
    }
  }

  /** Swaps out a full active segment, flattens it, and merges the pipeline if it grew long. */
  private void rotate(SkipListSegment full) {
    ChunkArena arena;
    writers.writeLock().lock();
    try {
      synchronized (stateLock) {
        State s = state;
        if (s.active != full) {
          return; // another writer rotated it
        }
        List<Segment> pipeline = new ArrayList<>(s.pipeline.size() + 1);
        pipeline.add(full);
        pipeline.addAll(s.pipeline);
        state = new State(new SkipListSegment(), Collections.unmodifiableList(pipeline), s.arena,
            s.snapshot);
        arena = s.arena;
      }
    } finally {
      writers.writeLock().unlock();
    }
    inMemoryCompactor.execute(() -> {
      FlatSegment flat = FlatSegment.flatten(full, arena.chunkTable());
      replaceInPipeline(List.of(full), flat);
      mergePipeline();
    });
  }

  /**
   * Replaces the adjacent segments {@code olds} by {@code merged}, unless a snapshot took them
   * meanwhile. Returns whether it did.
   */
  private boolean replaceInPipeline(List<? extends Segment> olds, Segment merged) {
    synchronized (stateLock) {
      State s = state;
      int at = s.pipeline.indexOf(olds.get(0));
      if (at < 0 || at + olds.size() > s.pipeline.size()) {
        return false;
      }
      for (int i = 0; i < olds.size(); i++) {
        if (s.pipeline.get(at + i) != olds.get(i)) {
          return false;
        }
      }
      List<Segment> pipeline = new ArrayList<>(s.pipeline.subList(0, at));
      pipeline.add(merged);
      pipeline.addAll(s.pipeline.subList(at + olds.size(), s.pipeline.size()));
      state = new State(s.active, Collections.unmodifiableList(pipeline), s.arena, s.snapshot);
      return true;
    }
  }

  /**
   * In-memory compaction: merges the newest adjacent pair of flat segments whose sizes are within
   * 2x (a binary counter, so each cell is re-indexed O(log n) times), or all flat segments when
   * the pipeline is long.
   */
  private void mergePipeline() {
    if (!inMemoryCompaction.tryLock()) {
      return; // someone else is merging; it will look again
    }
    try {
      while (true) {
        State s = state;
        List<FlatSegment> group = pickMerge(s.pipeline);
        if (group == null) {
          return;
        }
        FlatSegment merged = FlatSegment.merge(group, s.arena.chunkTable());
        if (!replaceInPipeline(group, merged)) {
          return;
        }
      }
    } finally {
      inMemoryCompaction.unlock();
    }
  }

  private static List<FlatSegment> pickMerge(List<Segment> pipeline) {
    for (int i = 0; i + 1 < pipeline.size(); i++) {
      if (pipeline.get(i) instanceof FlatSegment && pipeline.get(i + 1) instanceof FlatSegment
          && 2L * pipeline.get(i).cellCount() >= pipeline.get(i + 1).cellCount()) {
        return List.of((FlatSegment) pipeline.get(i), (FlatSegment) pipeline.get(i + 1));
      }
    }
    if (pipeline.size() > MAX_PIPELINE) {
      List<FlatSegment> run = new ArrayList<>();
      for (Segment seg : pipeline) {
        if (seg instanceof FlatSegment) {
          run.add((FlatSegment) seg);
        } else if (run.size() < 2) {
          run.clear();
        } else {
          break;
        }
      }
      return run.size() >= 2 ? run : null;
    }
    return null;
  }

  /**
   * Freezes the current contents for a flush; new writes go to fresh segments and a fresh arena.
   * If an earlier snapshot was not cleared (its flush failed), that one is returned again, with
   * nothing added. Readers keep seeing the snapshot until {@link #clearSnapshot}.
   */
  public MemStoreSnapshot snapshot() {
    writers.writeLock().lock();
    try {
      synchronized (stateLock) {
        State s = state;
        if (s.snapshot != null) {
          return s.snapshot;
        }
        List<Segment> frozen = new ArrayList<>(s.pipeline.size() + 1);
        if (s.active.cellCount() > 0) {
          frozen.add(s.active);
        }
        frozen.addAll(s.pipeline);
        MemStoreSnapshot snap = new MemStoreSnapshot(nextSnapshotId++,
            Collections.unmodifiableList(frozen), s.arena.allocatedBytes());
        state = new State(new SkipListSegment(), List.of(), new ChunkArena(chunkSize), snap);
        return snap;
      }
    } finally {
      writers.writeLock().unlock();
    }
  }

  /** Drops the snapshot once its flushed file is readable. Unknown or stale ids are rejected. */
  public void clearSnapshot(long snapshotId) {
    synchronized (stateLock) {
      State s = state;
      if (s.snapshot == null || s.snapshot.getId() != snapshotId) {
        throw new IllegalStateException("no snapshot " + snapshotId + " to clear (current: "
            + (s.snapshot == null ? "none" : s.snapshot.getId()) + ")");
      }
      state = new State(s.active, s.pipeline, s.arena, null);
    }
  }

  /** The uncleared snapshot, or null. */
  public MemStoreSnapshot getSnapshot() {
    return state.snapshot;
  }

  /**
   * Scanners over active, pipeline and snapshot segments that hide cells with sequence id above
   * {@code readPoint}, each positioned at its first visible cell. Orders count down from
   * {@link Long#MAX_VALUE} (active newest), all above any file's.
   */
  public List<KeyValueScanner> getScanners(long readPoint) {
    State s = state;
    List<KeyValueScanner> out = new ArrayList<>(s.pipeline.size() + 4);
    long order = Long.MAX_VALUE;
    out.add(new SegmentScanner(s.active, readPoint, order--));
    for (Segment seg : s.pipeline) {
      out.add(new SegmentScanner(seg, readPoint, order--));
    }
    if (s.snapshot != null) {
      for (Segment seg : s.snapshot.segments()) {
        out.add(new SegmentScanner(seg, readPoint, order--));
      }
    }
    return out;
  }

  /**
   * Scanners for one read: like {@link #getScanners(long)}, but only over the segments that may
   * hold cells in {@code bounds} (see {@link KeyValueScanner#shouldUseScanner}, already applied),
   * and unpositioned: the caller seeks each before use.
   */
  public List<KeyValueScanner> getScannersForRead(long readPoint, ReadBounds bounds) {
    State s = state;
    List<KeyValueScanner> out = new ArrayList<>(s.pipeline.size() + 2);
    long order = Long.MAX_VALUE;
    addForRead(out, s.active, readPoint, order--, bounds);
    for (Segment seg : s.pipeline) {
      addForRead(out, seg, readPoint, order--, bounds);
    }
    if (s.snapshot != null) {
      for (Segment seg : s.snapshot.segments()) {
        addForRead(out, seg, readPoint, order--, bounds);
      }
    }
    return out;
  }

  private static void addForRead(List<KeyValueScanner> out, Segment seg, long readPoint,
      long order, ReadBounds bounds) {
    if (SegmentScanner.mayHold(seg, bounds, !(seg instanceof SkipListSegment))) {
      out.add(new SegmentScanner(seg, readPoint, order, false));
    }
  }

  /** Encoded bytes of cells not in the snapshot (what the next flush would write). */
  public long getDataSize() {
    State s = state;
    long n = s.active.dataSize();
    List<Segment> pipeline = s.pipeline;
    for (int i = 0; i < pipeline.size(); i++) { // by index: asked on every write, no iterator
      n += pipeline.get(i).dataSize();
    }
    return n;
  }

  /** Heap held by cells not in the snapshot: chunk capacity plus index structures. */
  public long heapSize() {
    State s = state;
    long n = s.arena.allocatedBytes() + s.active.indexHeapSize();
    for (Segment seg : s.pipeline) {
      n += seg.indexHeapSize();
    }
    return n;
  }

  public long getSnapshotDataSize() {
    MemStoreSnapshot snap = state.snapshot;
    return snap == null ? 0 : snap.getDataSize();
  }

  public long getSnapshotHeapSize() {
    MemStoreSnapshot snap = state.snapshot;
    return snap == null ? 0 : snap.getHeapSize();
  }

  /** Cells not in the snapshot. */
  public int getCellCount() {
    State s = state;
    int n = s.active.cellCount();
    for (Segment seg : s.pipeline) {
      n += seg.cellCount();
    }
    return n;
  }

  /** Smallest timestamp in active, pipeline and snapshot; Long.MAX_VALUE when empty. */
  public long getMinTimestamp() {
    long m = Long.MAX_VALUE;
    for (Segment seg : allSegments(state)) {
      m = Math.min(m, seg.minTimestamp());
    }
    return m;
  }

  /** Largest timestamp in active, pipeline and snapshot; Long.MIN_VALUE when empty. */
  public long getMaxTimestamp() {
    long m = Long.MIN_VALUE;
    for (Segment seg : allSegments(state)) {
      m = Math.max(m, seg.maxTimestamp());
    }
    return m;
  }

  /** Number of segments outside the snapshot (active + pipeline); for tests and metrics. */
  int segmentCount() {
    return 1 + state.pipeline.size();
  }

  private static List<Segment> allSegments(State s) {
    List<Segment> all = new ArrayList<>();
    all.add(s.active);
    all.addAll(s.pipeline);
    if (s.snapshot != null) {
      all.addAll(s.snapshot.segments());
    }
    return all;
  }
}
