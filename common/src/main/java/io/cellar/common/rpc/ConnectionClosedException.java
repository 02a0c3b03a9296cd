package io.cellar.common.rpc;

import io.cellar.common.exceptions.CellarException;

/**
 * The connection to a server failed or closed while the call was outstanding; the call may or may
 * not have run. Retryable: the next call opens a new connection.
 */
public class ConnectionClosedException extends CellarException {
  private static final long serialVersionUID = 1L;

  public ConnectionClosedException(String message) {
    super(message);
  }

  public ConnectionClosedException(String message, Throwable cause) {
    super(message, cause);
  }
}
