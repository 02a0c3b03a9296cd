package io.cellar.tools.shell.filter;

/** A filter string that does not parse or names an unknown filter; says what to fix. */
public final class FilterSyntaxException extends Exception {
  private static final long serialVersionUID = 1L;

  public FilterSyntaxException(String message) {
    super(message);
  }
}
