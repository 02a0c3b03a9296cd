package io.cellar.wal;

import io.cellar.common.schema.Durability;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of one region server, shared by all its regions.
 *
 * <p>{@link #append} sizes the entry's frame outside any lock, then encodes it straight into the
 * pending batch under a short lock and returns a transaction id (txid). {@link #sync} makes every txid up
 * to the given one durable with <b>group commit</b>: the first waiter to find no write in
 * progress becomes the leader, takes the whole pending batch, writes it with one
 * {@code FileChannel.write} (and one {@code force(false)} if any waiter asked for FSYNC_WAL),
 * then wakes all waiters; entries appended meanwhile go to the next batch. Durability levels:
 * SYNC_WAL (and USE_DEFAULT) returns once the batch is written to the OS; FSYNC_WAL once it is
 * fsync'd; ASYNC_WAL returns at once and a background thread writes pending entries every
 * {@link WalConfig#asyncFlushIntervalMs}; SKIP_WAL returns at once (the caller should not append
 * such edits at all).
 *
 * <p>Segments ({@link SegmentFile}) roll when they pass {@link WalConfig#rollSize} or on
 * {@link #roll}; a closed segment moves to the archive once every region in it has reported a
 * flush past its edits ({@link #markFlushed}) and the {@link WalRetention} releases it.
 * Segments already in the directory when the writer opens are left alone and never archived by
 * this writer (they belong to a previous process): a server reusing its name should split them
 * with {@link WalSplitter} before opening the writer. New segments continue the numbering.
 *
 * <p>An I/O error fails the WAL for good: every later append or sync throws it (the region server
 * should abort, as HBase does). After {@link #close} append throws IllegalStateException.
 */
public final class WalWriter implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(WalWriter.class);

  /** Batches one leader writes before handing over: bounds its own caller's extra wait. */
  private static final int MAX_LEADER_ROUNDS = 8;
  /**
   * How long a SYNC_WAL waiter spins for the current leader's write (a few microseconds: one
   * {@code write} to the page cache) before parking. Parking and waking cost two context
   * switches, tens of microseconds on a VM, more than the write itself.
   */
  private static final long SPIN_NANOS = 20_000;

  private final WalConfig config;
  private final SegmentArchiver archiver;
  private final ScheduledExecutorService asyncFlusher;

  private final ReentrantLock lock = new ReentrantLock();
  /** Threads parked until their txid is durable (or, txid -1, until the leader finishes). */
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  // Guarded by lock.
  private PendingBatch pending;
  private PendingBatch spare;
  private long lastTxid;
  private volatile long writtenTxid; // volatile: spinning SYNC_WAL waiters read it unlocked
  private volatile long forcedTxid; // volatile: read unlocked by isDurable
  private long fsyncWantedTxid;
  private volatile boolean leading;
  private boolean closed;
  private IOException failure;

  // Touched only by the current leader (or the constructor).
  private SegmentAppender segment;
  private final Map<String, Long> segmentMaxSeq = new HashMap<>();

  private volatile long segmentId;
  private volatile WalPosition writtenPosition;
  private final LongAdder appends = new LongAdder();
  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong fsyncs = new AtomicLong();

  public WalWriter(WalConfig config) throws IOException {
    this.config = config;
    this.archiver = new SegmentArchiver(config.archiveDir(), config.retention());
    int initial = Math.min(1 << 20, config.maxPendingBytes());
    this.pending = new PendingBatch(initial);
    this.spare = new PendingBatch(initial);
    Files.createDirectories(config.walDir());
    long newest = 0;
    for (Path p : SegmentFile.list(config.walDir())) {
      newest = Math.max(newest, SegmentFile.idOf(p).getAsLong());
    }
    openSegment(newest + 1);
    this.asyncFlusher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "wal-async-flush-" + config.serverName());
      t.setDaemon(true);
      return t;
    });
    long every = config.asyncFlushIntervalMs();
    asyncFlusher.scheduleWithFixedDelay(this::flushPending, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Adds {@code entry} to the pending batch and returns its txid; not yet durable (see
   * {@link #sync}). The entry's cells are copied before this returns, so the caller may reuse
   * their buffers. Thread-safe. Throws IllegalStateException after close, IOException if
   * the WAL has failed.
   */
  public long append(WalEntry entry) throws IOException {
    WalEntryCodec.FrameLayout layout = WalEntryCodec.layout(entry);
    long txid;
    boolean overfull;
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("WAL " + config.walDir() + " is closed");
      }
      if (failure != null) {
        throw new IOException("WAL " + config.walDir() + " has failed", failure);
      }
      txid = ++lastTxid;
      pending.add(entry, layout, txid); // encoded in place: no frame array, one copy fewer
      overfull = pending.length() >= config.maxPendingBytes();
    } finally {
      lock.unlock();
    }
    appends.increment();
    if (overfull) {
      sync(txid, Durability.SYNC_WAL); // back-pressure: do not let the batch grow unbounded
    }
    return txid;
  }

  /**
   * {@link #append} then {@link #sync} at {@code durability}; returns the txid. With SKIP_WAL
   * nothing is appended and 0 is returned.
   */
  public long appendAndSync(WalEntry entry, Durability durability) throws IOException {
    if (durability == Durability.SKIP_WAL) {
      return 0;
    }
    long txid = append(entry);
    sync(txid, durability);
    return txid;
  }

  /**
   * Returns once every entry up to {@code txid} has reached {@code durability} (see the class
   * comment). Thread-safe; many concurrent callers share one write and one fsync.
   */
  public void sync(long txid, Durability durability) throws IOException {
    if (durability == Durability.SKIP_WAL || durability == Durability.ASYNC_WAL) {
      return;
    }
    boolean fsync = durability == Durability.FSYNC_WAL;
    boolean spun = false;
    // The durable marks are volatile: a caller whose txid is already durable, and a waiter the
    // leader woke, return without touching the lock (64 woken waiters re-taking it would park
    // on it again).
    while ((fsync ? forcedTxid : writtenTxid) < txid) {
      Waiter w = null;
      List<Thread> toWake = null;
      lock.lock();
      try {
        if (txid > lastTxid) {
          throw new IllegalArgumentException("txid " + txid + " was never appended");
        }
        if ((fsync ? forcedTxid : writtenTxid) >= txid) {
          return;
        }
        if (failure != null) {
          throw new IOException("WAL " + config.walDir() + " has failed; txid " + txid
              + " is not durable", failure);
        }
        if (fsync && txid > fsyncWantedTxid) {
          fsyncWantedTxid = txid;
        }
        if (!leading) {
          toWake = lead(false);
        } else if (!fsync && !spun) {
          spun = true; // the leader's write is a few microseconds: spin (below) before parking
        } else {
          w = new Waiter(txid, fsync);
          waiters.add(w);
        }
      } finally {
        lock.unlock();
      }
      if (toWake != null) {
        toWake.forEach(LockSupport::unpark);
      } else if (w == null) {
        spinWhileLeaderWrites(txid);
      } else {
        parkUntilWoken(w);
      }
    }
  }

  // Spins (lock not held) until txid is written, the leader stops, or SPIN_NANOS pass.
  private void spinWhileLeaderWrites(long txid) {
    long deadline = System.nanoTime() + SPIN_NANOS;
    while (writtenTxid < txid && leading && System.nanoTime() - deadline < 0) {
      Thread.onSpinWait();
    }
  }

  /**
   * Whether {@code txid} already has {@code durability} (lock-free: two volatile reads). Lets a
   * region complete a write on behalf of its writer once the write's entry is durable.
   */
  public boolean isDurable(long txid, Durability durability) {
    switch (durability) {
      case SKIP_WAL:
      case ASYNC_WAL:
        return true;
      case FSYNC_WAL:
        return forcedTxid >= txid;
      default:
        return writtenTxid >= txid;
    }
  }

  /** Closes the current segment and starts a new one; returns the new segment's id. */
  public long roll() throws IOException {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("WAL " + config.walDir() + " is closed");
      }
      while (leading) {
        awaitProgress(-1, false, true);
      }
      throwIfFailed();
      lead(true).forEach(LockSupport::unpark);
      throwIfFailed();
      return segmentId;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The region has persisted (flushed to store files) every edit with sequence id up to
   * {@code flushedSeqId}; archives the segments that no longer hold anything needed. A region
   * that closes for good may pass {@code Long.MAX_VALUE}.
   */
  public void markFlushed(String regionEncodedName, long flushedSeqId) {
    archiver.markFlushed(regionEncodedName, flushedSeqId);
    archiver.archiveEligible();
  }

  /** Re-checks closed segments (call when the retention may have released one). */
  public List<Path> archiveEligibleSegments() {
    return archiver.archiveEligible();
  }

  /**
   * When more than {@link WalConfig#maxSegments} closed segments are live: the regions whose
   * unflushed edits keep the oldest one (flush them so it can be archived); else empty.
   */
  public List<String> getRegionsToFlush() {
    List<Path> live = archiver.closedSegments();
    return live.size() > config.maxSegments() ? archiver.regionsHoldingOldest() : List.of();
  }

  /** Closed segments still in the live directory, oldest first (not the open one). */
  public List<Path> getClosedSegments() {
    return archiver.closedSegments();
  }

  /**
   * Where the written part of the log ends now: (current segment, bytes written to it). A
   * replication reader whose position is here has caught up.
   */
  public WalPosition getWrittenPosition() {
    return writtenPosition;
  }

  /** Id of the segment now being written. */
  public long getCurrentSegmentId() {
    return segmentId;
  }

  public WalConfig getConfig() {
    return config;
  }

  /** Entries appended so far. */
  public long getAppendCount() {
    return appends.sum();
  }

  /** Batch writes so far (one per group commit); below the append count under concurrency. */
  public long getSyncCount() {
    return writes.get();
  }

  /** {@code force} calls so far (FSYNC_WAL batches, rolls, close). */
  public long getFsyncCount() {
    return fsyncs.get();
  }

  /** Writes, fsyncs and closes the current segment; later appends throw. Idempotent. */
  @Override
  public void close() throws IOException {
    asyncFlusher.shutdown(); // not shutdownNow: never interrupt a flush mid-write
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      while (leading) {
        awaitProgress(-1, false, false); // close must finish even if interrupted
      }
      if (failure != null) {
        segment.close();
        throw new IOException("WAL " + config.walDir() + " had failed before close", failure);
      }
      leading = true;
      PendingBatch batch = pending;
      try {
        if (!batch.isEmpty()) {
          writeBatch(batch);
        }
        closeSegment();
        writtenTxid = lastTxid;
        forcedTxid = lastTxid;
      } catch (IOException e) {
        failure = e;
        throw e;
      } finally {
        batch.clear();
        leading = false;
        List<Thread> toWake = new ArrayList<>();
        wakeWaiters(true, toWake);
        toWake.forEach(LockSupport::unpark);
      }
    } finally {
      lock.unlock();
    }
    archiver.archiveEligible();
  }

  // REQUIRES: lock held, not leading. Writes batches while waiters remain, up to
  // MAX_LEADER_ROUNDS, then hands leadership to a waiter: fewer thread hand-offs per batch.
  // Returns the waiters to unpark once the caller has released the lock (waking them is a
  // syscall each; done under the lock it would hold up every appender).
  private List<Thread> lead(boolean roll) {
    leading = true;
    List<Thread> toWake = new ArrayList<>();
    for (int round = 1; ; round++) {
      // waiters released by the previous round are woken while this round's I/O runs
      writeRound(roll && round == 1, toWake);
      boolean lastRound = round >= MAX_LEADER_ROUNDS || failure != null;
      boolean waitersLeft = wakeWaiters(lastRound, toWake);
      if (lastRound || !waitersLeft) {
        leading = false;
        return toWake;
      }
    }
  }

  // REQUIRES: lock held, leading. Releases the lock during I/O and re-takes it.
  private void writeRound(boolean roll, List<Thread> toWake) {
    PendingBatch batch = pending;
    pending = spare;
    spare = null;
    boolean force = fsyncWantedTxid > forcedTxid;
    long upTo = batch.isEmpty() ? writtenTxid : batch.lastTxid();
    IOException error = null;
    lock.unlock();
    try {
      toWake.forEach(LockSupport::unpark);
      toWake.clear();
      if (!batch.isEmpty()) {
        writeBatch(batch);
      }
      if (roll || segment.size() >= config.rollSize()) {
        rollSegment();
        force = true;
      } else if (force) {
        segment.force();
        fsyncs.incrementAndGet();
      }
    } catch (IOException e) {
      error = e;
      LOG.error("WAL write failed in {}; the WAL is now unusable", segment.file(), e);
    } finally {
      lock.lock();
      batch.clear();
      spare = batch;
      if (error == null) {
        writtenTxid = Math.max(writtenTxid, upTo);
        if (force) {
          forcedTxid = Math.max(forcedTxid, upTo);
        }
      } else {
        failure = error;
      }
    }
  }


  private void writeBatch(PendingBatch batch) throws IOException {
    segment.append(batch.buffer(), batch.length());
    writtenPosition = new WalPosition(segment.id(), segment.size());
    batch.maxSeqByRegion().forEach((r, max) -> segmentMaxSeq.merge(r, max[0], Math::max));
    writes.incrementAndGet();
  }

  private void rollSegment() throws IOException {
    long closedId = segmentId;
    closeSegment();
    openSegment(closedId + 1);
    LOG.info("Rolled WAL {} to segment {}", config.walDir(), segmentId);
    archiver.archiveEligible();
  }

  private void closeSegment() throws IOException {
    segment.force();
    fsyncs.incrementAndGet();
    segment.close();
    archiver.segmentClosed(segment.id(), segment.file(), Map.copyOf(segmentMaxSeq));
    segmentMaxSeq.clear();
  }

  private void openSegment(long id) throws IOException {
    segment = SegmentAppender.create(id,
        config.walDir().resolve(SegmentFile.name(config.serverName(), id)));
    segmentId = id;
    writtenPosition = WalPosition.startOf(id);
  }

  private void flushPending() {
    long target;
    lock.lock();
    try {
      if (closed || failure != null || writtenTxid >= lastTxid) {
        return;
      }
      target = lastTxid;
    } finally {
      lock.unlock();
    }
    try {
      sync(target, Durability.SYNC_WAL);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Background WAL flush failed", e);
    }
  }

  /** A parked caller of sync, roll or close. */
  private static final class Waiter {
    final long txid;
    final boolean fsync;
    final Thread thread = Thread.currentThread();
    volatile boolean woken;

    Waiter(long txid, boolean fsync) {
      this.txid = txid;
      this.fsync = fsync;
    }
  }

  // REQUIRES: lock not held, w queued in waiters. Parks until a leader releases w; if
  // interrupted first, dequeues w and throws.
  private void parkUntilWoken(Waiter w) throws InterruptedIOException {
    while (!w.woken) {
      LockSupport.park(this);
      if (Thread.interrupted()) {
        lock.lock();
        try {
          if (!w.woken) {
            waiters.remove(w);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a WAL sync");
          }
        } finally {
          lock.unlock();
        }
        Thread.currentThread().interrupt(); // released meanwhile: finish, keep the flag
      }
    }
  }

  // REQUIRES: lock held. Parks until woken by wakeWaiters (lock released meanwhile).
  private void awaitProgress(long txid, boolean fsync, boolean interruptible)
      throws InterruptedIOException {
    Waiter w = new Waiter(txid, fsync);
    waiters.add(w);
    lock.unlock();
    boolean interrupted = false;
    try {
      while (!w.woken) {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          interrupted = true;
          if (interruptible) {
            break;
          }
        }
      }
    } finally {
      lock.lock();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      if (!w.woken) {
        waiters.remove(w);
        throw new InterruptedIOException("interrupted waiting for a WAL sync");
      }
    }
  }

  /**
   * REQUIRES: lock held, after a write round. Releases exactly the waiters whose wait is over
   * (no thundering herd) into {@code toWake}, for the caller to unpark after unlocking; if
   * {@code handOff}, also the first one still waiting, to lead next. Returns whether any waiter
   * is still waiting for a later round.
   */
  private boolean wakeWaiters(boolean handOff, List<Thread> toWake) {
    boolean left = false;
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      boolean done = w.txid < 0 || failure != null
          || (w.fsync ? forcedTxid : writtenTxid) >= w.txid;
      if (done || (handOff && !left)) {
        it.remove();
        w.woken = true;
        toWake.add(w.thread);
      }
      left |= !done;
    }
    return left;
  }


  /** True once an I/O error failed this WAL for good: the owning server must abort. */
  public boolean isFailed() {
    lock.lock();
    try {
      return failure != null;
    } finally {
      lock.unlock();
    }
  }

  private void throwIfFailed() throws IOException {
    if (failure != null) {
      throw new IOException("WAL " + config.walDir() + " has failed", failure);
    }
  }
}
