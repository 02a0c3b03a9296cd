package io.cellar.client.filter;

import io.cellar.common.Bytes;
import io.cellar.common.proto.ComparatorProto;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * 0 when the data, decoded as UTF-8, contains the substring ignoring case, 1 otherwise.
 * Use with EQUAL or NOT_EQUAL.
 */
public final class SubstringComparator extends ByteArrayComparable {
  private final String substr;

  public SubstringComparator(String substr) {
    super(Bytes.toBytes(substr.toLowerCase(Locale.ROOT)));
    this.substr = substr.toLowerCase(Locale.ROOT);
  }

  @Override
  public int compareTo(byte[] data, int offset, int length) {
    String s = new String(data, offset, length, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    return s.contains(substr) ? 0 : 1;
  }

  @Override
  public ComparatorProto toProto() {
    return ComparatorProto.newBuilder().setSubstring(substr).build();
  }

  @Override
  public String toString() {
    return "SubstringComparator(" + substr + ")";
  }
}
