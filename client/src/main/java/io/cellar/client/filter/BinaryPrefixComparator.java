package io.cellar.client.filter;

import com.google.protobuf.ByteString;
import io.cellar.common.Bytes;
import io.cellar.common.proto.ComparatorProto;

/**
 * Compares a fixed byte string with the same-length prefix of the data (or all of it when the
 * data is shorter): 0 means the data starts with the value.
 */
public final class BinaryPrefixComparator extends ByteArrayComparable {
  public BinaryPrefixComparator(byte[] value) {
    super(value);
  }

  @Override
  public int compareTo(byte[] data, int offset, int length) {
    return Bytes.compare(value, 0, value.length, data, offset, Math.min(length, value.length));
  }

  @Override
  public ComparatorProto toProto() {
    return ComparatorProto.newBuilder().setBinaryPrefix(ByteString.copyFrom(value)).build();
  }

  @Override
  public String toString() {
    return "BinaryPrefixComparator(" + Bytes.toStringBinary(value) + ")";
  }
}
