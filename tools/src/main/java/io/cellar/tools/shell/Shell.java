package io.cellar.tools.shell;

import io.cellar.tools.shell.commands.Arguments;
import io.cellar.tools.shell.commands.CommandCancelledException;
import io.cellar.tools.shell.commands.CommandSpec;
import io.cellar.tools.shell.commands.ShellContext;
import io.cellar.tools.shell.commands.UsageException;
import io.cellar.tools.shell.syntax.ShellParser;
import io.cellar.tools.shell.syntax.ShellString;
import io.cellar.tools.shell.syntax.ShellSyntaxException;
import io.cellar.tools.shell.syntax.Statement;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Runs shell input: parses it, dispatches each statement to its command, prints
 * {@code Took N seconds} after it, and turns every failure into {@code ERROR: ...} lines (plus
 * the command's usage for argument errors, plus the stack trace with debug). Never throws for
 * bad input; returns whether everything succeeded.
 */
public final class Shell {
  private final ShellContext ctx;
  private final PrintWriter err;
  private final boolean debug;

  public Shell(ShellContext ctx, PrintWriter err, boolean debug) {
    this.ctx = ctx;
    this.err = err;
    this.debug = debug;
  }

  public ShellContext context() {
    return ctx;
  }

  /**
   * Runs every statement of {@code text}; with {@code stopOnError} the first failure ends the
   * run. Returns true if all succeeded. REQUIRES: text is complete (see needsMoreInput).
   */
  public boolean run(String text, boolean stopOnError) {
    List<Statement> statements;
    try {
      statements = ShellParser.parse(text);
    } catch (ShellSyntaxException e) {
      error("syntax error: " + e.getMessage());
      return false;
    }
    boolean ok = true;
    for (Statement s : statements) {
      if (ctx.isExitRequested()) {
        break;
      }
      boolean done = execute(s);
      ok &= done;
      if (!done && stopOnError) {
        break;
      }
    }
    return ok;
  }

  /** Runs one statement; true if it succeeded. */
  public boolean execute(Statement s) {
    CommandSpec spec = ctx.registry().find(s.command());
    if (spec == null) {
      List<String> near = ctx.registry().suggest(s.command());
      error("Unknown command '" + s.command() + "'."
          + (near.isEmpty() ? "" : " Did you mean: " + String.join(", ", near) + "?")
          + " Type 'help' for the list of commands.");
      return false;
    }
    long start = System.nanoTime();
    ctx.clearCancel();
    try {
      spec.handler().run(ctx, new Arguments(spec.name(), s.args()));
      ctx.out().flush();
      if (!spec.name().equals("help") && !spec.name().equals("exit")) {
        ctx.out().printf(Locale.ROOT, "Took %.4f seconds%n",
            (System.nanoTime() - start) / 1e9);
      }
      ctx.out().flush();
      return true;
    } catch (CommandCancelledException e) {
      ctx.out().flush();
      return false; // the console already said "Cancelled."
    } catch (UsageException e) {
      ctx.out().flush();
      error(e.getMessage());
      err.print(spec.usageHelp());
      err.flush();
      return false;
    } catch (Exception | StackOverflowError e) {
      ctx.out().flush();
      if (ctx.isCancelled()) {
        return false; // interrupted by Ctrl-C mid-call: the console already said "Cancelled."
      }
      error(ErrorMessages.describe(e, spec.name(), subject(s)));
      if (debug) {
        e.printStackTrace(err);
        err.flush();
      }
      return false;
    }
  }

  private static String subject(Statement s) {
    if (!s.args().isEmpty() && s.args().get(0) instanceof ShellString) {
      return ((ShellString) s.args().get(0)).text();
    }
    return null;
  }

  private void error(String message) {
    err.println("ERROR: " + message);
    err.flush();
  }
}
