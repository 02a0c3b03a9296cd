package io.cellar.common.exceptions;

/** The named namespace does not exist. */
public class NamespaceNotFoundException extends DoNotRetryException {
  private static final long serialVersionUID = 1L;

  public NamespaceNotFoundException(String message) {
    super(message);
  }
}
