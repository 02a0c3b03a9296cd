package io.cellar.master.schema;

import io.cellar.common.Bytes;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableName;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Split keys of a pre-split table: checking the ones a caller gave, turning them into region
 * boundaries, and computing evenly spaced keys for "N regions between two keys" (as HBase's
 * {@code createTable(desc, startKey, endKey, numRegions)}).
 */
public final class SplitKeys {
  private SplitKeys() {}

  /**
   * Sorts and checks split keys: none empty, none repeated. Returns a sorted copy.
   * Throws InvalidRequestException otherwise.
   */
  public static List<byte[]> validate(List<byte[]> splitKeys) throws InvalidRequestException {
    List<byte[]> sorted = new ArrayList<>(splitKeys.size());
    for (byte[] k : splitKeys) {
      if (k == null || k.length == 0) {
        throw new InvalidRequestException("Split keys must not be empty");
      }
      sorted.add(k.clone());
    }
    sorted.sort(Bytes::compare);
    for (int i = 1; i < sorted.size(); i++) {
      if (Arrays.equals(sorted.get(i - 1), sorted.get(i))) {
        throw new InvalidRequestException("Split key " + Bytes.toStringBinary(sorted.get(i))
            + " appears more than once");
      }
    }
    return sorted;
  }

  /** The regions of {@code table} cut at the sorted {@code splitKeys}, all with {@code id}. */
  public static List<RegionInfo> regions(TableName table, List<byte[]> splitKeys, long id) {
    List<RegionInfo> out = new ArrayList<>(splitKeys.size() + 1);
    byte[] start = Bytes.EMPTY;
    for (byte[] k : splitKeys) {
      out.add(new RegionInfo(table, start, k, id));
      start = k;
    }
    out.add(new RegionInfo(table, start, Bytes.EMPTY, id));
    return out;
  }

  /** The split keys that reproduce {@code regions}' boundaries (their non-empty start keys). */
  public static List<byte[]> of(List<RegionInfo> regions) {
    List<byte[]> out = new ArrayList<>();
    for (RegionInfo r : regions) {
      if (r.getStartKey().length > 0) {
        out.add(r.getStartKey());
      }
    }
    out.sort(Bytes::compare);
    return out;
  }

  /**
   * {@code numRegions - 1} split keys spaced evenly between {@code startKey} and
   * {@code endKey}, so the table's first region ends at {@code startKey} and its last starts at
   * {@code endKey}: {@code startKey}, then evenly spaced keys, then {@code endKey}. Keys are
   * compared as unsigned numbers padded to the longer key's length.
   * REQUIRES: {@code numRegions >= 3}, {@code startKey < endKey}.
   */
  public static List<byte[]> uniform(byte[] startKey, byte[] endKey, int numRegions)
      throws InvalidRequestException {
    if (numRegions < 3) {
      throw new InvalidRequestException("Need at least 3 regions to split between a start and"
          + " an end key, got " + numRegions);
    }
    if (Bytes.compare(startKey, endKey) >= 0) {
      throw new InvalidRequestException("Start key " + Bytes.toStringBinary(startKey)
          + " must be below end key " + Bytes.toStringBinary(endKey));
    }
    int len = Math.max(startKey.length, endKey.length);
    // One extra byte of precision so close keys still yield distinct splits.
    int width = len + 1;
    BigInteger lo = toNumber(startKey, width);
    BigInteger hi = toNumber(endKey, width);
    int between = numRegions - 3; // keys strictly between startKey and endKey
    BigInteger step = hi.subtract(lo).divide(BigInteger.valueOf(between + 1));
    if (between > 0 && step.signum() == 0) {
      throw new InvalidRequestException("Keys " + Bytes.toStringBinary(startKey) + " and "
          + Bytes.toStringBinary(endKey) + " are too close for " + numRegions + " regions");
    }
    List<byte[]> out = new ArrayList<>(numRegions - 1);
    out.add(startKey.clone());
    for (int i = 1; i <= between; i++) {
      out.add(trimZeros(toBytes(lo.add(step.multiply(BigInteger.valueOf(i))), width), len));
    }
    out.add(endKey.clone());
    return validate(out);
  }

  private static BigInteger toNumber(byte[] key, int width) {
    byte[] padded = Arrays.copyOf(key, width);
    return new BigInteger(1, padded);
  }

  private static byte[] toBytes(BigInteger n, int width) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[width];
    int copy = Math.min(raw.length, width);
    System.arraycopy(raw, raw.length - copy, out, width - copy, copy);
    return out;
  }

  /** Drops trailing zero bytes beyond {@code minLen} (they add nothing to the order). */
  private static byte[] trimZeros(byte[] key, int minLen) {
    int end = key.length;
    while (end > minLen && key[end - 1] == 0) {
      end--;
    }
    return Arrays.copyOf(key, end);
  }
}
