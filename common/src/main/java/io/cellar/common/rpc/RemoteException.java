package io.cellar.common.rpc;

import io.cellar.common.exceptions.CellarException;

/**
 * A server-side failure whose type the client cannot rebuild (not a Cellar exception, or a class
 * this client does not know). Carries the remote class name and whether a retry can help.
 */
public class RemoteException extends CellarException {
  private static final long serialVersionUID = 1L;
  private final String className;
  private final boolean doNotRetry;

  public RemoteException(String className, String message, boolean doNotRetry) {
    super(className + ": " + message);
    this.className = className;
    this.doNotRetry = doNotRetry;
  }

  /** Fully qualified name of the exception class thrown on the server. */
  public String getClassName() {
    return className;
  }

  /** True when the server said the call will fail again the same way. */
  public boolean isDoNotRetry() {
    return doNotRetry;
  }
}
