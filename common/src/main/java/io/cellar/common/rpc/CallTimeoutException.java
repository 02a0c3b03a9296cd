package io.cellar.common.rpc;

import io.cellar.common.exceptions.CellarException;

/** A call's deadline passed before its response arrived (or before the server ran it). Retryable. */
public class CallTimeoutException extends CellarException {
  private static final long serialVersionUID = 1L;

  public CallTimeoutException(String message) {
    super(message);
  }
}
