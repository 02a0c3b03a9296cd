package io.cellar.common.exceptions;

/**
 * The master called is not (yet) the active, initialized master: it is a backup, or it was just
 * elected and is still assigning meta and finishing earlier procedures. Retryable: look up the
 * active master in ZooKeeper again and retry after a pause.
 */
public class MasterNotActiveException extends CellarException {
  private static final long serialVersionUID = 1L;

  public MasterNotActiveException(String message) {
    super(message);
  }
}
