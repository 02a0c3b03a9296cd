package io.cellar.client.filter;

import com.google.protobuf.ByteString;
import io.cellar.common.Bytes;
import io.cellar.common.proto.ComparatorProto;

/** Unsigned lexicographic comparison with a fixed byte string. */
public final class BinaryComparator extends ByteArrayComparable {
  public BinaryComparator(byte[] value) {
    super(value);
  }

  @Override
  public int compareTo(byte[] data, int offset, int length) {
    return Bytes.compare(value, 0, value.length, data, offset, length);
  }

  @Override
  public ComparatorProto toProto() {
    return ComparatorProto.newBuilder().setBinary(ByteString.copyFrom(value)).build();
  }

  @Override
  public String toString() {
    return "BinaryComparator(" + Bytes.toStringBinary(value) + ")";
  }
}
