package io.cellar.master.procedure;

import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.master.MasterServices;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs procedures one step at a time under a single fair lock (so steps of different
 * procedures never interleave, but a long DDL yields to crash recovery between its steps).
 * A failed step is retried after a pause, up to a bound; a {@link DoNotRetryException} ends the
 * procedure (its record is dropped) and reaches the caller. A procedure that ran out of retries
 * keeps its record and is resumed by {@link #resumeAll} (periodically, and by the next active
 * master).
 */
public final class ProcedureExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(ProcedureExecutor.class);

  /** Attempts per step before the caller gets the error. */
  public static final String STEP_ATTEMPTS = "cellar.master.procedure.step.attempts";
  public static final int DEFAULT_STEP_ATTEMPTS = 10;
  /** Pause before retrying a failed step, ms (grows linearly per attempt, capped at 10x). */
  public static final String STEP_RETRY_PAUSE_MS = "cellar.master.procedure.step.retry.pause.ms";
  public static final long DEFAULT_STEP_RETRY_PAUSE_MS = 500;

  private final ReentrantLock lock = new ReentrantLock(true);
  private final ProcedureStore store;
  private final MasterServices services;
  private final Map<String, Function<ProcedureRecord, Procedure>> factories =
      new ConcurrentHashMap<>();
  /** Ids of procedures some thread of this master is running now. */
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final int attempts;
  private final long pauseMs;
  private volatile boolean stopped;

  public ProcedureExecutor(ProcedureStore store, MasterServices services, Configuration conf) {
    this.store = store;
    this.services = services;
    this.attempts = Math.max(1, conf.getInt(STEP_ATTEMPTS, DEFAULT_STEP_ATTEMPTS));
    this.pauseMs = conf.getLong(STEP_RETRY_PAUSE_MS, DEFAULT_STEP_RETRY_PAUSE_MS);
  }

  /** Registers how to rebuild procedures of {@code type} from their records. */
  public void register(String type, Function<ProcedureRecord, Procedure> factory) {
    factories.put(type, factory);
  }

  /** The lock every step runs under; hold it for other meta/assignment changes too. */
  public ReentrantLock lock() {
    return lock;
  }

  /** Checks, records and runs {@code p} to completion (the caller waits). */
  public void submitAndWait(Procedure p) throws IOException {
    lock.lock();
    try {
      checkTableIdle(p);
      p.prepare(services);
      store.create(p.record());
      running.add(p.record().id());
    } finally {
      lock.unlock();
    }
    LOG.info("Started {}", p);
    try {
      run(p);
    } finally {
      running.remove(p.record().id());
    }
  }

  /**
   * One procedure per table at a time (a table's DDL steps must not interleave): a new one is
   * refused with a retryable error while another is recorded for the same table.
   */
  private void checkTableIdle(Procedure p) throws IOException {
    String table = p.record().table();
    if (table.isEmpty()) {
      return;
    }
    for (ProcedureRecord r : store.list()) {
      if (table.equals(r.table())) {
        throw new CellarException("Table " + table + " is busy with " + r
            + "; retry when it finishes");
      }
    }
  }

  /**
   * Resumes, in order, every recorded procedure that is not running in this master (left by an
   * earlier master, or out of retries here); failures are logged, not thrown.
   */
  public void resumeAll() throws IOException {
    List<ProcedureRecord> toRun = new ArrayList<>();
    lock.lock();
    try {
      for (ProcedureRecord r : store.list()) {
        if (running.add(r.id())) {
          toRun.add(r);
        }
      }
    } finally {
      lock.unlock();
    }
    for (ProcedureRecord r : toRun) {
      try {
        Function<ProcedureRecord, Procedure> f = factories.get(r.type());
        if (f == null) {
          LOG.error("Cannot resume {}: unknown procedure type", r);
          continue;
        }
        LOG.info("Resuming {}", r);
        run(f.apply(r));
      } catch (IOException e) {
        LOG.error("Resumed {} failed: {}", r, e.toString());
      } finally {
        running.remove(r.id());
      }
    }
  }

  private void run(Procedure p) throws IOException {
    ProcedureRecord r = p.record();
    while (r.step() != Procedure.DONE) {
      int next = runStep(p, r.step());
      r.setStep(next);
      if (next == Procedure.DONE) {
        store.delete(r);
      } else {
        store.update(r);
      }
    }
    LOG.info("Finished {}", p);
  }

  private int runStep(Procedure p, int step) throws IOException {
    for (int attempt = 1; ; attempt++) {
      if (stopped) {
        throw new IOException("master is stopping; " + p + " will resume on the next master");
      }
      lock.lock();
      try {
        if (p.needsMeta(step)) {
          services.ensureMetaReady();
        }
        return p.execute(step, services);
      } catch (DoNotRetryException e) {
        LOG.warn("{} failed at step {} and will not be retried: {}", p, step, e.getMessage());
        store.delete(p.record());
        throw e;
      } catch (IOException e) {
        if (attempt >= attempts) {
          LOG.error("{} failed at step {} after {} attempts: {}", p, step, attempt,
              e.toString());
          throw e;
        }
        LOG.warn("{} step {} attempt {} failed, retrying: {}", p, step, attempt, e.toString());
      } finally {
        lock.unlock();
      }
      try {
        Thread.sleep(pauseMs * Math.min(attempt, 10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted retrying " + p);
      }
    }
  }

  /** Makes running procedures stop at their next step (their records stay for resumption). */
  public void stop() {
    stopped = true;
  }
}
