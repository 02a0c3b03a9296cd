package io.cellar.tools.bench;

import io.cellar.common.Bytes;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.schema.BloomType;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.Compression;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The data shape of every engine benchmark: 16-byte keys, 100-byte values, family {@code f},
 * qualifier {@code q}, LZ4 blocks and a ROW bloom. Keys of a fixture are a function of their
 * index, so a benchmark can pick a present key (index below the fixture size) or an absent one
 * without storing the key set.
 *
 * <p>Values: the first half is pseudo-random (from the index), the second half a constant
 * template, so LZ4 finds something to compress (as in most real tables) but not everything.
 */
public final class BenchData {
  public static final int KEY_LENGTH = 16;
  public static final int VALUE_LENGTH = 100;
  public static final byte[] FAMILY = Bytes.toBytes("f");
  public static final byte[] QUALIFIER = Bytes.toBytes("q");
  /** Bytes of one benchmark cell in KeyValue form (what MB/s figures count). */
  public static final int CELL_BYTES =
      KeyValue.encodedLength(KEY_LENGTH, FAMILY.length, QUALIFIER.length, VALUE_LENGTH);
  /** Raw bytes of one cell: key plus value (the unit of the memstore heap ratio). */
  public static final int RAW_BYTES = KEY_LENGTH + VALUE_LENGTH;

  private static final byte[] TEMPLATE =
      Bytes.toBytes("{\"status\":\"active\",\"region\":\"eu-west\",\"tier\":\"gold\",\"v\":1}      ");

  private BenchData() {}

  /** The family every benchmark table uses. */
  public static ColumnFamilyDescriptor family() {
    return ColumnFamilyDescriptor.newBuilder(FAMILY).setCompression(Compression.LZ4)
        .setBloomFilterType(BloomType.ROW).build();
  }

  /** The key of fixture cell {@code i}: a bijective 128-bit mix, so keys are spread evenly. */
  public static byte[] key(long i) {
    byte[] k = new byte[KEY_LENGTH];
    Bytes.putLong(k, 0, mix(i));
    Bytes.putLong(k, 8, mix(i ^ 0x5DEECE66DL));
    return k;
  }

  /** A key no fixture of up to 2^62 cells holds (its index is outside every fixture). */
  public static byte[] absentKey(long i) {
    return key(i | (1L << 62));
  }

  /** A fresh random key. */
  public static byte[] randomKey() {
    byte[] k = new byte[KEY_LENGTH];
    ThreadLocalRandom.current().nextBytes(k);
    return k;
  }

  /** The value of cell {@code i}. */
  public static byte[] value(long i) {
    byte[] v = new byte[VALUE_LENGTH];
    int half = VALUE_LENGTH / 2;
    long x = i;
    for (int off = 0; off < half; off += 8) {
      x = mix(x + 0x9E3779B97F4A7C15L);
      for (int b = 0; b < 8 && off + b < half; b++) {
        v[off + b] = (byte) (x >>> (8 * b));
      }
    }
    System.arraycopy(TEMPLATE, 0, v, half, VALUE_LENGTH - half);
    return v;
  }

  /** SplitMix64's finalizer: a bijection on longs with good avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
