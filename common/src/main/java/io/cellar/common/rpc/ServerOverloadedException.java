package io.cellar.common.rpc;

import io.cellar.common.exceptions.CellarException;

/** The server's call queue is full; the call did not run. Retry after a pause. */
public class ServerOverloadedException extends CellarException {
  private static final long serialVersionUID = 1L;

  public ServerOverloadedException(String message) {
    super(message);
  }
}
