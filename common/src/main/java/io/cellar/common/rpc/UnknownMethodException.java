package io.cellar.common.rpc;

import io.cellar.common.exceptions.DoNotRetryException;

/** The server has no such service or method registered. */
public class UnknownMethodException extends DoNotRetryException {
  private static final long serialVersionUID = 1L;

  public UnknownMethodException(String message) {
    super(message);
  }
}
