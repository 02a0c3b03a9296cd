package io.cellar.tools.shell.commands;

/** Arguments that do not fit the command: the shell prints the message, then its usage. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
