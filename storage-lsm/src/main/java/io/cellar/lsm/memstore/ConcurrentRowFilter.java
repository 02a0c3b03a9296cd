package io.cellar.lsm.memstore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A bloom filter over the rows of the active (mutable) segment, safe for concurrent adds and
 * queries, so a single-row read can skip that segment's skip-list seek (a chain of cache misses)
 * for the many rows it does not hold. Flat segments have their own exact-size filters; this one
 * has a fixed size ({@link #BITS}, 64 KiB), since the number of rows is not known in advance:
 * about 0.01 % false positives at 13 k rows (a pe region's active segment), about 10 % at the
 * 128 k one-cell rows a segment holds before it is flattened.
 *
 * <p>Cache-line blocked: a row's 4 bits sit in one 512-bit block chosen by its hash, so an add
 * or a query touches one block. Bits are set with atomic ORs before the cell enters the skip
 * list, so a reader that can see a cell (through the MVCC read point, a volatile read after
 * the writer's volatile write) also sees its row's bits.
 */
final class ConcurrentRowFilter {
  static final int BITS = 1 << 19;
  private static final int BLOCK_LONGS = 8; // 512 bits
  private static final int BLOCKS = BITS / 64 / BLOCK_LONGS; // 1024: the hash's low 10 bits
  private static final int PROBES = 4;
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle WORD =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final long[] bits = new long[BITS / 64];

  /** Adds the row {@code b[off, off+len)}. Thread-safe. */
  void add(byte[] b, int off, int len) {
    long h = hash(b, off, len);
    int base = block(h);
    long probes = h >>> 10; // the low 10 bits chose the block
    for (int i = 0; i < PROBES; i++, probes >>>= 9) {
      int bit = (int) probes & 511;
      int word = base + (bit >>> 6);
      long mask = 1L << bit;
      if (((long) LONGS.getOpaque(bits, word) & mask) == 0) {
        LONGS.getAndBitwiseOr(bits, word, mask);
      }
    }
  }

  /** False only when {@code row} was never added. Thread-safe. */
  boolean mightContain(byte[] row) {
    long h = hash(row, 0, row.length);
    int base = block(h);
    long probes = h >>> 10;
    for (int i = 0; i < PROBES; i++, probes >>>= 9) {
      int bit = (int) probes & 511;
      if (((long) LONGS.getVolatile(bits, base + (bit >>> 6)) & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Heap taken by the bit array. */
  static long heapBytes() {
    return 16 + BITS / 8;
  }

  private static int block(long h) {
    return (int) (h & (BLOCKS - 1)) * BLOCK_LONGS;
  }

  /** A 64-bit hash of the bytes: 8 at a time, then murmur3's finalizer. */
  static long hash(byte[] b, int off, int len) {
    long h = 0x9E3779B97F4A7C15L ^ len;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      h = (h ^ (long) WORD.get(b, off + i)) * 0xBF58476D1CE4E5B9L;
      h ^= h >>> 31;
    }
    long tail = 0;
    for (int shift = 0; i < len; i++, shift += 8) {
      tail |= (b[off + i] & 0xFFL) << shift;
    }
    h = (h ^ tail) * 0x94D049BB133111EBL;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }
}
