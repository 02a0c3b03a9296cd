package io.cellar.tools.shell;

import io.cellar.tools.shell.syntax.ShellParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;

/**
 * Runs a script (a file or standard input) without a console: each statement runs as soon as
 * its last line arrives (so a pipe works like typing), statements may span lines while a
 * bracket or string is open. Returns the exit status: 0 if every statement succeeded, 1
 * otherwise; with stop-on-error the first failure ends the script.
 */
public final class ScriptRunner {
  private final Shell shell;
  private final PrintWriter err;

  public ScriptRunner(Shell shell, PrintWriter err) {
    this.shell = shell;
    this.err = err;
  }

  public int run(Reader input, boolean stopOnError) throws IOException {
    BufferedReader in = input instanceof BufferedReader ? (BufferedReader) input
        : new BufferedReader(input);
    StringBuilder pending = new StringBuilder();
    boolean ok = true;
    int pendingStart = 0;
    int lineNo = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (pending.length() == 0) {
        pendingStart = lineNo;
      }
      pending.append(line).append('\n');
      if (ShellParser.needsMoreInput(pending.toString())) {
        continue;
      }
      boolean done = shell.run(pending.toString(), stopOnError);
      pending.setLength(0);
      ok &= done;
      if ((!done && stopOnError) || shell.context().isExitRequested()) {
        return ok ? 0 : 1;
      }
    }
    if (pending.toString().isBlank()) {
      return ok ? 0 : 1;
    }
    err.println("ERROR: the input ended inside the statement starting at line " + pendingStart
        + ": close its brackets and quotes");
    err.flush();
    return 1;
  }
}
