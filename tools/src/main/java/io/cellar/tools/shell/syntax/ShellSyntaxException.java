package io.cellar.tools.shell.syntax;

/** Input that is not valid shell syntax; the message says where and what was expected. */
public final class ShellSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;
  private final boolean incomplete;

  public ShellSyntaxException(String message) {
    this(message, false);
  }

  /** {@code incomplete}: the input stopped early (open bracket or string), more may follow. */
  public ShellSyntaxException(String message, boolean incomplete) {
    super(message);
    this.incomplete = incomplete;
  }

  /** True if more input could make this valid (the console then asks for another line). */
  public boolean isIncomplete() {
    return incomplete;
  }
}
