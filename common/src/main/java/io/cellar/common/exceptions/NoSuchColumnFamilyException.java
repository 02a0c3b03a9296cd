package io.cellar.common.exceptions;

/** The request names a family the table does not have. */
public class NoSuchColumnFamilyException extends DoNotRetryException {
  private static final long serialVersionUID = 1L;

  public NoSuchColumnFamilyException(String message) {
    super(message);
  }
}
