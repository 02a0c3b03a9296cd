package io.cellar.tools.shell.syntax;

import io.cellar.common.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A string value of shell syntax: raw bytes (a double-quoted {@code "\xFF"} is one byte, not
 * valid UTF-8), shown as text by decoding UTF-8. Bare constants such as {@code VERSIONS}
 * evaluate to the string of their own name, as in the HBase shell.
 */
public final class ShellString {
  private final byte[] bytes;

  public ShellString(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  public static ShellString of(String text) {
    return new ShellString(text.getBytes(StandardCharsets.UTF_8));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public String text() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShellString && Arrays.equals(bytes, ((ShellString) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Ruby-like inspect form: {@code "r1"}, binary bytes as {@code \xNN}. */
  @Override
  public String toString() {
    return "\"" + Bytes.toStringBinary(bytes).replace("\"", "\\\"") + "\"";
  }
}
