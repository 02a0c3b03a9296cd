package io.cellar.common.exceptions;

/** The region cannot take writes now (memstore over its limit): retry after a pause. */
public class RegionTooBusyException extends CellarException {
  private static final long serialVersionUID = 1L;

  public RegionTooBusyException(String message) {
    super(message);
  }
}
