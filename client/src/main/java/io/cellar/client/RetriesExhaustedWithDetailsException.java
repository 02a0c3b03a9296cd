package io.cellar.client;

import io.cellar.common.Bytes;
import io.cellar.common.exceptions.CellarException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Some actions of a batch (or of a BufferedMutator flush) failed for good: one entry per failed
 * action with its row, its error and the server last tried (null if none was reached). The
 * actions not listed succeeded.
 */
public class RetriesExhaustedWithDetailsException extends CellarException {
  private static final long serialVersionUID = 1L;

  /** One failed action. */
  public record Failure(Row action, Throwable cause, String server) {}

  private final List<Failure> failures;

  public RetriesExhaustedWithDetailsException(List<Failure> failures) {
    super(describe(failures), failures.isEmpty() ? null : failures.get(0).cause());
    this.failures = Collections.unmodifiableList(new ArrayList<>(failures));
  }

  private static String describe(List<Failure> failures) {
    StringBuilder sb = new StringBuilder();
    sb.append("Failed ").append(failures.size()).append(failures.size() == 1 ? " action" : " actions");
    int shown = Math.min(3, failures.size());
    for (int i = 0; i < shown; i++) {
      Failure f = failures.get(i);
      sb.append(i == 0 ? ": " : "; ").append(f.action().getClass().getSimpleName())
          .append(" row ").append(Bytes.toStringBinary(f.action().getRow()));
      if (f.server() != null) {
        sb.append(" on ").append(f.server());
      }
      sb.append(": ").append(f.cause());
    }
    if (failures.size() > shown) {
      sb.append("; and ").append(failures.size() - shown).append(" more");
    }
    return sb.toString();
  }

  public List<Failure> getFailures() {
    return failures;
  }

  public int getNumExceptions() {
    return failures.size();
  }

  public Row getRow(int i) {
    return failures.get(i).action();
  }

  public Throwable getCause(int i) {
    return failures.get(i).cause();
  }
}
