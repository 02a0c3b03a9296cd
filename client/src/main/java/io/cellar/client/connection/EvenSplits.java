package io.cellar.client.connection;

import io.cellar.common.Bytes;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Split keys for "N regions between two keys", as HBase's
 * {@code createTable(desc, startKey, endKey, numRegions)}: the first region ends at startKey,
 * the last starts at endKey, and the N-2 regions between cut [startKey, endKey] evenly. Keys are
 * read as unsigned big-endian numbers, the shorter one padded with zero bytes on the right; when
 * the range is too narrow for distinct keys at that length one more byte of precision is used.
 */
public final class EvenSplits {
  private EvenSplits() {}

  /**
   * The {@code numRegions - 1} split keys, ascending, first = startKey, last = endKey.
   * REQUIRES: numRegions >= 3, startKey < endKey (unsigned).
   */
  public static byte[][] between(byte[] startKey, byte[] endKey, int numRegions) {
    if (numRegions < 3) {
      throw new IllegalArgumentException("Must create at least three regions, asked for "
          + numRegions);
    }
    if (Bytes.compare(startKey, endKey) >= 0) {
      throw new IllegalArgumentException("Start key " + Bytes.toStringBinary(startKey)
          + " must be below end key " + Bytes.toStringBinary(endKey));
    }
    int parts = numRegions - 2; // intervals between startKey and endKey
    int len = Math.max(startKey.length, endKey.length);
    BigInteger lo;
    BigInteger hi;
    while (true) {
      lo = toNumber(startKey, len);
      hi = toNumber(endKey, len);
      if (hi.subtract(lo).compareTo(BigInteger.valueOf(parts)) >= 0) {
        break;
      }
      len++;
    }
    byte[][] keys = new byte[numRegions - 1][];
    keys[0] = startKey.clone();
    keys[keys.length - 1] = endKey.clone();
    BigInteger step = hi.subtract(lo);
    for (int i = 1; i < parts; i++) {
      BigInteger k = lo.add(step.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(parts)));
      keys[i] = toBytes(k, len);
    }
    return keys;
  }

  /** The key padded with zero bytes to {@code len}, as an unsigned number. */
  static BigInteger toNumber(byte[] key, int len) {
    return new BigInteger(1, Arrays.copyOf(key, len));
  }

  /** The number as exactly {@code len} big-endian bytes. */
  static byte[] toBytes(BigInteger n, int len) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[len];
    int copy = Math.min(raw.length, len);
    System.arraycopy(raw, raw.length - copy, out, len - copy, copy);
    return out;
  }
}
