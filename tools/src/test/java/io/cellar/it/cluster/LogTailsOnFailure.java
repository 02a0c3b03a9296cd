package io.cellar.it.cluster;

import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the tail of every cluster process's log when a test or a {@code @BeforeAll} method
 * fails, so a CI failure shows what the servers did. REQUIRES: the supplier returns the test
 * class's cluster (or null).
 */
final class LogTailsOnFailure implements TestWatcher, LifecycleMethodExecutionExceptionHandler {
  private static final int LINES = 60;
  private final Supplier<ProcessCluster> cluster;

  LogTailsOnFailure(Supplier<ProcessCluster> cluster) {
    this.cluster = cluster;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    ProcessCluster c = cluster.get();
    if (c != null) {
      System.err.println("==== " + context.getDisplayName() + " failed: " + cause
          + "; cluster process logs (last " + LINES + " lines each):");
      System.err.println(c.logTails(LINES));
    }
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context,
      Throwable cause) throws Throwable {
    testFailed(context, cause);
    throw cause;
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    testFailed(context, cause);
  }

  @Override
  public void testSuccessful(ExtensionContext context) {}

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {}
}
