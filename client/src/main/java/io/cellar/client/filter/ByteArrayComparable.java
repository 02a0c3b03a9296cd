package io.cellar.client.filter;

import io.cellar.common.proto.ComparatorProto;

/**
 * A comparison operand for filters, as HBase's ByteArrayComparable: compares its own value
 * (left) with a slice of a cell (right). Comparators that only say match/no match return 0 for
 * a match and non-zero otherwise, so they make sense with EQUAL and NOT_EQUAL only.
 */
public abstract class ByteArrayComparable {
  protected final byte[] value;

  protected ByteArrayComparable(byte[] value) {
    if (value == null) {
      throw new IllegalArgumentException("Comparator value is null");
    }
    this.value = value.clone();
  }

  public byte[] getValue() {
    return value.clone();
  }

  /** compare(this value, data[offset, offset + length)). */
  public abstract int compareTo(byte[] data, int offset, int length);

  public int compareTo(byte[] data) {
    return compareTo(data, 0, data.length);
  }

  public abstract ComparatorProto toProto();

  /** Rebuilds a comparator. Throws IllegalArgumentException on an unknown or empty kind. */
  public static ByteArrayComparable fromProto(ComparatorProto proto) {
    switch (proto.getKindCase()) {
      case BINARY:
        return new BinaryComparator(proto.getBinary().toByteArray());
      case BINARY_PREFIX:
        return new BinaryPrefixComparator(proto.getBinaryPrefix().toByteArray());
      case REGEX_STRING:
        return new RegexStringComparator(proto.getRegexString().getPattern(),
            proto.getRegexString().getFlags());
      case SUBSTRING:
        return new SubstringComparator(proto.getSubstring());
      default:
        throw new IllegalArgumentException("Unknown comparator kind " + proto.getKindCase());
    }
  }
}
