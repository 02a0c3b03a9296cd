package io.cellar.client.filter;

import io.cellar.common.Bytes;
import io.cellar.common.proto.ComparatorProto;
import io.cellar.common.proto.RegexComparatorProto;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * 0 when the data, decoded as UTF-8, contains a match of the regular expression
 * (java.util.regex find), 1 otherwise. Use with EQUAL or NOT_EQUAL.
 */
public final class RegexStringComparator extends ByteArrayComparable {
  private final Pattern pattern;

  public RegexStringComparator(String expr) {
    this(expr, Pattern.DOTALL);
  }

  /** Flags as {@link Pattern#compile(String, int)}. */
  public RegexStringComparator(String expr, int flags) {
    super(Bytes.toBytes(expr));
    try {
      this.pattern = Pattern.compile(expr, flags);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("Bad regular expression: " + e.getMessage(), e);
    }
  }

  @Override
  public int compareTo(byte[] data, int offset, int length) {
    String s = new String(data, offset, length, StandardCharsets.UTF_8);
    return pattern.matcher(s).find() ? 0 : 1;
  }

  @Override
  public ComparatorProto toProto() {
    return ComparatorProto.newBuilder().setRegexString(RegexComparatorProto.newBuilder()
        .setPattern(pattern.pattern()).setFlags(pattern.flags())).build();
  }

  @Override
  public String toString() {
    return "RegexStringComparator(" + pattern.pattern() + ")";
  }
}
