package io.cellar.tools.shell.commands;

/** A command failed for a reason the user can fix; the message is printed after "ERROR: ". */
public final class ShellError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ShellError(String message) {
    super(message);
  }
}
