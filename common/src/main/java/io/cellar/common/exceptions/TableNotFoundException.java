package io.cellar.common.exceptions;

/** The named table does not exist. */
public class TableNotFoundException extends DoNotRetryException {
  private static final long serialVersionUID = 1L;

  public TableNotFoundException(String message) {
    super(message);
  }
}
