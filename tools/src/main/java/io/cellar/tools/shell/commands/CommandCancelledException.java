package io.cellar.tools.shell.commands;

/** Thrown inside a command when Ctrl-C asked it to stop; the shell prints a short note. */
public final class CommandCancelledException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CommandCancelledException() {
    super("cancelled");
  }
}
