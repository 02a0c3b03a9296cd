package io.cellar.common.exceptions;

/** A file failed a checksum or structural check; the message names the file and offset. */
public class CorruptFileException extends CellarException {
  private static final long serialVersionUID = 1L;

  public CorruptFileException(String message) {
    super(message);
  }

  public CorruptFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
