package io.cellar.common.exceptions;

/** The server does not (or no longer) serve the region: look it up again. */
public class NotServingRegionException extends CellarException {
  private static final long serialVersionUID = 1L;

  public NotServingRegionException(String message) {
    super(message);
  }
}
