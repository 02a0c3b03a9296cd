package io.cellar.client;

import io.cellar.common.exceptions.CellarException;

/**
 * An operation kept failing with retryable errors until it ran out of attempts or of its
 * operation timeout. The message names the table, the row and the last server tried; the cause
 * is the last error.
 */
public class RetriesExhaustedException extends CellarException {
  private static final long serialVersionUID = 1L;

  public RetriesExhaustedException(String message, Throwable cause) {
    super(message, cause);
  }
}
