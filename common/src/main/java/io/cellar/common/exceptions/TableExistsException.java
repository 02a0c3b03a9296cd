package io.cellar.common.exceptions;

/** A table of that name already exists. */
public class TableExistsException extends DoNotRetryException {
  private static final long serialVersionUID = 1L;

  public TableExistsException(String message) {
    super(message);
  }
}
