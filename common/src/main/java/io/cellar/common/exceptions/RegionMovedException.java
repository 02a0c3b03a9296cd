package io.cellar.common.exceptions;

/** The region is now served elsewhere; the message names the new server when known. */
public class RegionMovedException extends NotServingRegionException {
  private static final long serialVersionUID = 1L;
  private final String newServer;

  public RegionMovedException(String message, String newServer) {
    super(message);
    this.newServer = newServer;
  }

  /** host:port of the server now serving the region, or null if unknown. */
  public String getNewServer() {
    return newServer;
  }
}
