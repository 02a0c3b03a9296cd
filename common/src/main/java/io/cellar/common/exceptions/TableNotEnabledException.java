package io.cellar.common.exceptions;

/** The operation needs the table enabled. */
public class TableNotEnabledException extends DoNotRetryException {
  private static final long serialVersionUID = 1L;

  public TableNotEnabledException(String message) {
    super(message);
  }
}
