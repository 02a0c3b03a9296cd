package io.cellar.common.exceptions;

/**
 * The row of a request falls outside the key range of the region it was sent to (the client's
 * location is stale, e.g. after a split): look the row up again.
 */
public class WrongRegionException extends NotServingRegionException {
  private static final long serialVersionUID = 1L;

  public WrongRegionException(String message) {
    super(message);
  }
}
