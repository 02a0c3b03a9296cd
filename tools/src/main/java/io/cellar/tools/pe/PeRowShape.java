package io.cellar.tools.pe;

import io.cellar.client.Put;
import io.cellar.common.Bytes;
import io.cellar.common.schema.Durability;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The rows {@code cellar pe} writes and reads, shaped as YCSB's: row key = the row number as 10
 * zero-padded decimal digits; family {@code info}; {@code columns} columns {@code field0..} of
 * {@code valueSize} random bytes each (default 10 x 100 bytes, a 1 KB row). An update rewrites
 * one random column, as YCSB's workload A does.
 */
public final class PeRowShape {
  public static final byte[] FAMILY = Bytes.toBytes("info");
  public static final int KEY_DIGITS = 10;
  /** Random bytes that values are cut from (see {@link #randomValue}). */
  private static final byte[] POOL = randomPool(4 << 20);

  private final int columns;
  private final int valueSize;
  private final byte[][] qualifiers;
  private final Durability durability;

  public PeRowShape(int columns, int valueSize, Durability durability) {
    if (columns < 1 || valueSize < 0) {
      throw new IllegalArgumentException(columns + " columns of " + valueSize + " bytes");
    }
    this.columns = columns;
    this.valueSize = valueSize;
    this.durability = durability;
    this.qualifiers = new byte[columns][];
    for (int i = 0; i < columns; i++) {
      qualifiers[i] = Bytes.toBytes("field" + i);
    }
  }

  /** The key of row {@code n}. REQUIRES: 0 <= n < 10^10. */
  public static byte[] rowKey(long n) {
    byte[] k = new byte[KEY_DIGITS];
    long v = n;
    for (int i = KEY_DIGITS - 1; i >= 0; i--) {
      k[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return k;
  }

  /** A whole row: every column with fresh random bytes. */
  public Put fullRow(long n) {
    Put p = new Put(rowKey(n));
    for (byte[] q : qualifiers) {
      p.addColumn(FAMILY, q, randomValue());
    }
    return p.setDurability(durability);
  }

  /** One random column of row {@code n} with fresh random bytes. */
  public Put oneColumn(long n) {
    byte[] q = qualifiers[ThreadLocalRandom.current().nextInt(columns)];
    return new Put(rowKey(n)).addColumn(FAMILY, q, randomValue()).setDurability(durability);
  }

  /**
   * A fresh value: {@code valueSize} bytes copied from a random offset of {@link #POOL}. Random
   * bytes generated per value cost the client more CPU than the put's RPC; windows of a 4 MiB
   * random pool are as incompressible to the store's blocks and cost one copy.
   */
  private byte[] randomValue() {
    byte[] v = new byte[valueSize];
    if (valueSize > POOL.length / 2) {
      ThreadLocalRandom.current().nextBytes(v);
      return v;
    }
    System.arraycopy(POOL, ThreadLocalRandom.current().nextInt(POOL.length - valueSize + 1), v, 0,
        valueSize);
    return v;
  }

  private static byte[] randomPool(int size) {
    byte[] pool = new byte[size];
    new SplittableRandom().nextBytes(pool);
    return pool;
  }

  public int columns() {
    return columns;
  }

  public int valueSize() {
    return valueSize;
  }

  public Durability durability() {
    return durability;
  }
}
