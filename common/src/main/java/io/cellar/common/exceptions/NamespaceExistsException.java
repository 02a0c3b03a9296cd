package io.cellar.common.exceptions;

/** A namespace of that name already exists. */
public class NamespaceExistsException extends DoNotRetryException {
  private static final long serialVersionUID = 1L;

  public NamespaceExistsException(String message) {
    super(message);
  }
}
