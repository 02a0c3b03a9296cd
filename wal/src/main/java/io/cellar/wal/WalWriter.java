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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of one region server, shared by all its regions.
 *
 * <p>{@link #append} encodes the entry's frame outside any lock, then, under a short lock,
 * copies it into the open segment through a memory mapping ({@link SegmentAppender}) and
 * returns a transaction id (txid). The copy lands in the OS page cache, so when append returns
 * the entry is already as durable as SYNC_WAL asks (it survives the process dying): SYNC_WAL,
 * ASYNC_WAL and USE_DEFAULT callers never wait and no thread hands a batch to another. Only
 * FSYNC_WAL waits, with <b>group commit</b>: the first waiter to find no fsync in progress
 * becomes the leader and forces the segment once for every entry appended so far, then wakes
 * the waiters it covered; later ones are covered by its next round or the next leader. SKIP_WAL
 * returns at once (the caller should not append such edits at all).
 *
 * <p>Segments ({@link SegmentFile}) roll when they pass {@link WalConfig#rollSize} or on
 * {@link #roll}: the full one is sealed (truncated to its frames) under the lock, the next one
 * created, and the full one fsync'd and closed outside the lock. A closed segment moves to the
 * archive once every region in it has reported a flush past its edits ({@link #markFlushed})
 * and the {@link WalRetention} releases it. Segments already in the directory when the writer
 * opens are left alone and never archived by this writer (they belong to a previous process):
 * a server reusing its name should split them with {@link WalSplitter} before opening the
 * writer. New segments continue the numbering.
 *
 * <p>An I/O error fails the WAL for good: every later append or sync throws it (the region server
 * should abort, as HBase does). After {@link #close} append throws IllegalStateException.
 */
public final class WalWriter implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(WalWriter.class);

  /** Fsync rounds one leader runs before handing over: bounds its own caller's extra wait. */
  private static final int MAX_LEADER_ROUNDS = 8;

  private final WalConfig config;
  private final SegmentArchiver archiver;

  private final ReentrantLock lock = new ReentrantLock();
  /** Threads parked until their txid is forced (or, txid -1, until the leader finishes). */
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  // Guarded by lock.
  private long lastTxid;
  private SegmentAppender segment;
  private Map<String, long[]> segmentMaxSeq = new HashMap<>();
  /** Sealed segments not yet fsync'd and closed, oldest first. */
  private final ArrayDeque<RolledSegment> rolled = new ArrayDeque<>();
  private boolean closed;
  private IOException failure;

  private volatile long writtenTxid; // volatile: read unlocked by sync and isDurable
  private volatile long forcedTxid;
  private volatile boolean leading;
  private volatile long segmentId;
  private final LongAdder appends = new LongAdder();
  private final AtomicLong fsyncs = new AtomicLong();

  /** A sealed segment on its way to being closed, with each region's highest seq id in it. */
  private record RolledSegment(SegmentAppender segment, Map<String, long[]> maxSeqByRegion) {}

  public WalWriter(WalConfig config) throws IOException {
    this.config = config;
    this.archiver = new SegmentArchiver(config.archiveDir(), config.retention());
    Files.createDirectories(config.walDir());
    long newest = 0;
    for (Path p : SegmentFile.list(config.walDir())) {
      newest = Math.max(newest, SegmentFile.idOf(p).getAsLong());
    }
    openSegment(newest + 1);
  }

  /**
   * Writes {@code entry} to the log (to the OS page cache) and returns its txid: on return it
   * is durable at SYNC_WAL, not yet at FSYNC_WAL (see {@link #sync}). The entry's cells are
   * copied before this returns, so the caller may reuse their buffers. Thread-safe. Throws
   * IllegalStateException after close, IOException if the WAL has failed.
   */
  public long append(WalEntry entry) throws IOException {
    WalEntryCodec.FrameLayout layout = WalEntryCodec.layout(entry);
    byte[] frame = new byte[layout.frameSize()];
    WalEntryCodec.writeFrame(entry, layout, frame, 0); // encode and CRC outside the lock
    long txid;
    boolean full;
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("WAL " + config.walDir() + " is closed");
      }
      throwIfFailed();
      try {
        segment.append(frame, frame.length);
      } catch (IOException | RuntimeException e) {
        fail(e);
        throw new IOException("WAL " + config.walDir() + " has failed", failure);
      }
      txid = ++lastTxid;
      writtenTxid = txid;
      long[] max = segmentMaxSeq.computeIfAbsent(entry.getRegion(), r -> new long[] {-1});
      max[0] = Math.max(max[0], entry.getSequenceId());
      full = segment.size() >= config.rollSize() && rollLocked();
    } finally {
      lock.unlock();
    }
    appends.increment();
    if (full) {
      closeRolled(); // the fsync of the full segment, outside the lock
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
   * Returns once every entry up to {@code txid} has reached {@code durability}: at once unless
   * it is FSYNC_WAL (an appended entry is already written to the OS); FSYNC_WAL callers share
   * one fsync per group (see the class comment). Thread-safe.
   */
  public void sync(long txid, Durability durability) throws IOException {
    if (txid > writtenTxid) {
      lock.lock();
      try {
        if (txid > lastTxid) {
          throw new IllegalArgumentException("txid " + txid + " was never appended");
        }
      } finally {
        lock.unlock();
      }
    }
    if (durability != Durability.FSYNC_WAL) {
      return;
    }
    // forcedTxid is volatile: a caller already covered, and a waiter the leader woke, return
    // without touching the lock (64 woken waiters re-taking it would park on it again).
    while (forcedTxid < txid) {
      Waiter w = null;
      List<Thread> toWake = null;
      lock.lock();
      try {
        if (forcedTxid >= txid) {
          return;
        }
        if (failure != null) {
          throw new IOException("WAL " + config.walDir() + " has failed; txid " + txid
              + " is not durable", failure);
        }
        if (!leading) {
          toWake = lead();
        } else {
          w = new Waiter(txid);
          waiters.add(w);
        }
      } finally {
        lock.unlock();
      }
      if (toWake != null) {
        toWake.forEach(LockSupport::unpark);
      } else {
        parkUntilWoken(w);
      }
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
    long id;
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("WAL " + config.walDir() + " is closed");
      }
      throwIfFailed();
      rollLocked();
      throwIfFailed();
      id = segmentId;
    } finally {
      lock.unlock();
    }
    closeRolled();
    throwIfFailed();
    return id;
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
    lock.lock();
    try {
      return new WalPosition(segment.id(), segment.size());
    } finally {
      lock.unlock();
    }
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

  /** {@code force} calls so far (FSYNC_WAL groups, rolls, close). */
  public long getFsyncCount() {
    return fsyncs.get();
  }

  /** Fsyncs and closes every segment; later appends throw. Idempotent. */
  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      while (leading) {
        awaitProgress(); // close must finish even if interrupted
      }
      IOException error = failure;
      try {
        rolled.addLast(new RolledSegment(segment, segmentMaxSeq));
        closeRolledLocked();
      } catch (IOException e) {
        error = error == null ? e : error;
      }
      if (error != null) {
        failure = error;
        throw new IOException("WAL " + config.walDir() + " failed", error);
      }
      forcedTxid = lastTxid;
    } finally {
      List<Thread> toWake = new ArrayList<>();
      wakeWaiters(true, toWake);
      lock.unlock();
      toWake.forEach(LockSupport::unpark);
    }
    archiver.archiveEligible();
  }

  // REQUIRES: lock held, not leading. Forces while waiters remain, up to MAX_LEADER_ROUNDS,
  // then hands leadership to a waiter: fewer thread hand-offs per fsync. Returns the waiters
  // to unpark once the caller has released the lock (waking them is a syscall each; done under
  // the lock it would hold up every appender).
  private List<Thread> lead() {
    leading = true;
    List<Thread> toWake = new ArrayList<>();
    for (int round = 1; ; round++) {
      forceRound(toWake); // waiters released by the previous round are woken during the fsync
      boolean lastRound = round >= MAX_LEADER_ROUNDS || failure != null;
      boolean waitersLeft = wakeWaiters(lastRound, toWake);
      if (lastRound || !waitersLeft) {
        leading = false;
        return toWake;
      }
    }
  }

  // REQUIRES: lock held, leading. Forces everything appended so far; releases the lock during
  // the fsync and re-takes it. Rolled segments are forced by their own close (force on a closed
  // one returns once that close is done), so forcing them here covers their entries too.
  private void forceRound(List<Thread> toWake) {
    long upTo = writtenTxid;
    List<SegmentAppender> toForce = new ArrayList<>(rolled.size() + 1);
    rolled.forEach(r -> toForce.add(r.segment()));
    toForce.add(segment);
    IOException error = null;
    lock.unlock();
    try {
      toWake.forEach(LockSupport::unpark);
      toWake.clear();
      for (SegmentAppender s : toForce) {
        s.force();
      }
      fsyncs.incrementAndGet();
    } catch (IOException e) {
      error = e;
    } finally {
      lock.lock();
      if (error == null) {
        forcedTxid = Math.max(forcedTxid, upTo);
      } else {
        fail(error);
      }
    }
  }

  // REQUIRES: lock held. Seals the current segment and opens the next; the sealed one waits in
  // `rolled` for closeRolled(). Returns false (with the WAL failed) if that fails.
  private boolean rollLocked() {
    try {
      segment.seal();
      rolled.addLast(new RolledSegment(segment, segmentMaxSeq));
      segmentMaxSeq = new HashMap<>();
      openSegment(segmentId + 1);
      LOG.info("Rolled WAL {} to segment {}", config.walDir(), segmentId);
      return true;
    } catch (IOException | RuntimeException e) {
      fail(e);
      return false;
    }
  }

  // Fsyncs and closes the rolled segments, oldest first, then hands them to the archiver.
  // Lock not held: the fsync of a full segment must not hold up appenders.
  private void closeRolled() {
    while (true) {
      RolledSegment r;
      lock.lock();
      try {
        r = rolled.peekFirst();
      } finally {
        lock.unlock();
      }
      if (r == null) {
        break;
      }
      try {
        r.segment().close(); // idempotent: two threads closing the same one is harmless
        fsyncs.incrementAndGet();
      } catch (IOException e) {
        lock.lock();
        try {
          fail(e);
        } finally {
          lock.unlock();
        }
        return;
      }
      lock.lock();
      try {
        if (rolled.peekFirst() == r) {
          rolled.pollFirst();
          archiver.segmentClosed(r.segment().id(), r.segment().file(), maxSeqs(r));
        }
      } finally {
        lock.unlock();
      }
    }
    archiver.archiveEligible();
  }

  // REQUIRES: lock held (shutdown only).
  private void closeRolledLocked() throws IOException {
    RolledSegment r;
    while ((r = rolled.pollFirst()) != null) {
      r.segment().close();
      fsyncs.incrementAndGet();
      archiver.segmentClosed(r.segment().id(), r.segment().file(), maxSeqs(r));
    }
  }

  private static Map<String, Long> maxSeqs(RolledSegment r) {
    Map<String, Long> m = new HashMap<>();
    r.maxSeqByRegion().forEach((region, max) -> m.put(region, max[0]));
    return m;
  }

  private void openSegment(long id) throws IOException {
    segment = SegmentAppender.create(id,
        config.walDir().resolve(SegmentFile.name(config.serverName(), id)));
    segmentId = id;
  }

  // REQUIRES: lock held.
  private void fail(Throwable e) {
    if (failure == null) {
      failure = e instanceof IOException io ? io : new IOException(e);
      LOG.error("WAL write failed in {}; the WAL is now unusable", config.walDir(), e);
    }
  }

  /** A parked caller of sync (FSYNC_WAL) or close. */
  private static final class Waiter {
    final long txid;
    final Thread thread = Thread.currentThread();
    volatile boolean woken;

    Waiter(long txid) {
      this.txid = txid;
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

  // REQUIRES: lock held. Parks until the leader finishes (lock released meanwhile); not
  // interruptible, the interrupt flag is kept.
  private void awaitProgress() {
    Waiter w = new Waiter(-1);
    waiters.add(w);
    lock.unlock();
    boolean interrupted = false;
    try {
      while (!w.woken) {
        LockSupport.park(this);
        interrupted |= Thread.interrupted();
      }
    } finally {
      lock.lock();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * REQUIRES: lock held, after a force round. Releases exactly the waiters whose wait is over
   * (no thundering herd) into {@code toWake}, for the caller to unpark after unlocking; if
   * {@code handOff}, also the first one still waiting, to lead next. Returns whether any waiter
   * is still waiting for a later round.
   */
  private boolean wakeWaiters(boolean handOff, List<Thread> toWake) {
    boolean left = false;
    for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      boolean done = w.txid < 0 || failure != null || forcedTxid >= w.txid;
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
