package io.cellar.tools.shell.filter;

import java.nio.charset.StandardCharsets;

/**
 * One argument of a filter call in the filter language: a quoted string (raw bytes), a number,
 * a boolean or a compare operator ({@code <, <=, =, !=, >, >=}). {@code text} is how it was
 * written, for error messages.
 */
record FilterArgument(Kind kind, byte[] bytes, long number, String text) {
  enum Kind {
    STRING,
    NUMBER,
    BOOLEAN,
    OPERATOR
  }

  static FilterArgument string(byte[] bytes) {
    return new FilterArgument(Kind.STRING, bytes, 0,
        "'" + new String(bytes, StandardCharsets.ISO_8859_1) + "'");
  }

  /** The string decoded as UTF-8 (for regular expressions and substrings). */
  String utf8() {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
