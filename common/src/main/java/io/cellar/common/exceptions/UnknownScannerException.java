package io.cellar.common.exceptions;

/**
 * The scanner id of a scan call is not open on the region server: its lease expired (it sat idle
 * longer than the lease), the server closed it (region closed, scan finished) or it never
 * existed. Retrying the same id cannot help: reopen the scan from the last row received.
 */
public class UnknownScannerException extends DoNotRetryException {
  private static final long serialVersionUID = 1L;

  public UnknownScannerException(String message) {
    super(message);
  }
}
