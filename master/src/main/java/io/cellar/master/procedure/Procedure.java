package io.cellar.master.procedure;

import io.cellar.master.MasterServices;
import java.io.IOException;

/**
 * A restartable multi-step master operation. {@link #prepare} checks preconditions (typed errors
 * for the caller) before anything is recorded; then steps run in order, the next step number
 * being recorded in ZooKeeper after each one, so a newly active master resumes where the old one
 * stopped. REQUIRES of subclasses: every step idempotent (it may run again after a crash), and
 * all state a later step needs kept in the {@link ProcedureRecord}.
 */
public abstract class Procedure {
  /** Returned by {@link #execute} when the procedure has finished. */
  public static final int DONE = 0;

  protected final ProcedureRecord record;

  protected Procedure(ProcedureRecord record) {
    this.record = record;
  }

  public ProcedureRecord record() {
    return record;
  }

  /** Checks preconditions and fills the record. Runs once, before the record is stored. */
  protected void prepare(MasterServices m) throws IOException {}

  /** Runs {@code step}; returns the next step or {@link #DONE}. */
  protected abstract int execute(int step, MasterServices m) throws IOException;

  /** Whether steps need meta online first (all but the parts of crash recovery before it). */
  protected boolean needsMeta(int step) {
    return true;
  }

  @Override
  public String toString() {
    return record.toString();
  }
}
