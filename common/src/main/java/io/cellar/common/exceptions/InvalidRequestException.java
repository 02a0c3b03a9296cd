package io.cellar.common.exceptions;

/** A malformed request: empty or oversized key, oversized cell, bad argument. */
public class InvalidRequestException extends DoNotRetryException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }
}
