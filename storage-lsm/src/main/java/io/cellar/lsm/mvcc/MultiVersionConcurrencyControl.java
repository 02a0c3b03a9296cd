package io.cellar.lsm.mvcc;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Multi-version concurrency control for one region: hands out write numbers in order and
 * publishes a read point that only moves over a prefix of completed writes, so a reader never
 * sees a write while an earlier one is still in flight.
 *
 * <p>REQUIRES: every {@link #begin()} is followed by exactly one {@link #complete} (or
 * {@link #completeAndWait}) of the returned entry, even when the write fails; otherwise the read
 * point stalls. Thread-safe. {@link #getReadPoint()} is a volatile read.
 *
 * <p>Completing on behalf of others: a writer that has applied its cells but is still waiting
 * for its WAL sync, or is simply not scheduled yet, would hold the read point back for every
 * later writer (a convoy, costly with many writer threads on few cores). A writer marks its
 * entry {@link WriteEntry#markApplied applied} with a token; {@link #complete(WriteEntry,
 * Predicate)} then also completes any earlier applied entry whose token the caller's check
 * accepts (e.g. "its WAL txid is already durable"), exactly as its own thread would have.
 */
public final class MultiVersionConcurrencyControl {
  /** One write in flight. */
  public static final class WriteEntry {
    private final long writeNumber;
    private boolean completed; // guarded by the queue's monitor
    private volatile Object appliedToken;

    private WriteEntry(long writeNumber) {
      this.writeNumber = writeNumber;
    }

    public long getWriteNumber() {
      return writeNumber;
    }

    /**
     * The write's cells are in the memstore; {@code token} describes what else must hold before
     * another thread may complete it (see {@link #complete(WriteEntry, Predicate)}).
     */
    public void markApplied(Object token) {
      appliedToken = token;
    }

    @Override
    public String toString() {
      return "WriteEntry(" + writeNumber + ")";
    }
  }

  /**
   * How long {@link #await} spins before blocking. The writes ahead of a waiter are usually a few
   * microseconds from completing; blocking costs two context switches (tens of microseconds on
   * a VM whose idle vCPU must be woken), so a short spin is cheaper on average.
   */
  private static final long SPIN_NANOS = 20_000;

  private final ArrayDeque<WriteEntry> inFlight = new ArrayDeque<>();
  private final Object readPointWaiters = new Object();
  private final AtomicInteger blockedWaiters = new AtomicInteger();
  private long writePoint; // guarded by inFlight
  private volatile long readPoint;

  /** Starts after {@code startSeqId}: the first write gets {@code startSeqId + 1}. */
  public MultiVersionConcurrencyControl(long startSeqId) {
    this.writePoint = startSeqId;
    this.readPoint = startSeqId;
  }

  public MultiVersionConcurrencyControl() {
    this(0L);
  }

  /** Assigns the next write number and registers the write as in flight. */
  public WriteEntry begin() {
    synchronized (inFlight) {
      WriteEntry e = new WriteEntry(++writePoint);
      inFlight.addLast(e);
      return e;
    }
  }

  /**
   * Marks the write done and advances the read point over the completed prefix. Returns true if
   * the entry is now visible (the read point reached it).
   */
  public boolean complete(WriteEntry entry) {
    return complete(entry, null);
  }

  /**
   * As {@link #complete(WriteEntry)}, and also completes each earlier in-flight entry that was
   * {@link WriteEntry#markApplied marked applied} with a token {@code othersDone} accepts.
   * {@code othersDone} runs under this object's lock: keep it to a few volatile reads.
   */
  public boolean complete(WriteEntry entry, Predicate<Object> othersDone) {
    boolean advanced = false;
    synchronized (inFlight) {
      entry.completed = true;
      WriteEntry head;
      long rp = readPoint;
      while ((head = inFlight.peekFirst()) != null) {
        if (!head.completed) {
          Object token = head.appliedToken;
          if (othersDone == null || token == null || !othersDone.test(token)) {
            break;
          }
          head.completed = true;
        }
        inFlight.pollFirst();
        rp = head.writeNumber;
        advanced = true;
      }
      if (advanced) {
        readPoint = rp;
      }
    }
    if (advanced && blockedWaiters.get() > 0) {
      synchronized (readPointWaiters) {
        readPointWaiters.notifyAll();
      }
    }
    return readPoint >= entry.writeNumber;
  }

  /** Blocks until the read point has reached {@code entry}'s write number. */
  public void await(WriteEntry entry) {
    long deadline = System.nanoTime() + SPIN_NANOS;
    while (readPoint < entry.writeNumber) {
      if (System.nanoTime() - deadline > 0) {
        break;
      }
      Thread.onSpinWait();
    }
    if (readPoint >= entry.writeNumber) {
      return;
    }
    boolean interrupted = false;
    blockedWaiters.incrementAndGet();
    try {
      synchronized (readPointWaiters) {
        // complete() advances the read point before reading blockedWaiters, and this reads the
        // read point after incrementing it: one of the two always sees the other
        while (readPoint < entry.writeNumber) {
          try {
            readPointWaiters.wait(10);
          } catch (InterruptedException e) {
            interrupted = true; // the write is already applied; finish making it visible
          }
        }
      }
    } finally {
      blockedWaiters.decrementAndGet();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Completes the write and returns once it is visible to new readers. */
  public void completeAndWait(WriteEntry entry) {
    completeAndWait(entry, null);
  }

  /** {@link #complete(WriteEntry, Predicate)}, then waits until the write is visible. */
  public void completeAndWait(WriteEntry entry, Predicate<Object> othersDone) {
    if (!complete(entry, othersDone)) {
      await(entry);
    }
  }

  /** Highest write number such that it and all earlier writes are complete. */
  public long getReadPoint() {
    return readPoint;
  }

  /** Highest write number handed out. */
  public long getWritePoint() {
    synchronized (inFlight) {
      return writePoint;
    }
  }

  /**
   * Moves both points forward to at least {@code seqId} (after WAL replay, or when a region
   * opens with files carrying higher sequence ids). REQUIRES: no write in flight.
   */
  public void advanceTo(long seqId) {
    synchronized (inFlight) {
      if (!inFlight.isEmpty()) {
        throw new IllegalStateException("writes in flight: " + inFlight.size());
      }
      if (seqId > writePoint) {
        writePoint = seqId;
        readPoint = seqId;
      }
    }
  }
}
