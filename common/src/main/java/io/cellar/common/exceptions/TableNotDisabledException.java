package io.cellar.common.exceptions;

/** The operation needs the table disabled. */
public class TableNotDisabledException extends DoNotRetryException {
  private static final long serialVersionUID = 1L;

  public TableNotDisabledException(String message) {
    super(message);
  }
}
