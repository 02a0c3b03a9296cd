package io.cellar.common.exceptions;

import java.io.IOException;

/** Base of every Cellar error that crosses an API boundary. */
public class CellarException extends IOException {
  private static final long serialVersionUID = 1L;

  public CellarException(String message) {
    super(message);
  }

  public CellarException(String message, Throwable cause) {
    super(message, cause);
  }
}
