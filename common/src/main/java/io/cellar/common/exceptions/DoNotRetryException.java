package io.cellar.common.exceptions;

/** A request that will fail again the same way: retrying is pointless. */
public class DoNotRetryException extends CellarException {
  private static final long serialVersionUID = 1L;

  public DoNotRetryException(String message) {
    super(message);
  }
}
