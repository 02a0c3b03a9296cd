package io.cellar.lsm.hfile;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * MurmurHash3 x64 128-bit over a byte-array slice, writing both 64-bit halves into a caller's
 * array. Produces exactly Guava's {@code Hashing.murmur3_128(seed)} (h1 = the HashCode's first
 * 8 bytes little-endian, h2 = the next 8); it exists because Guava's path allocates a hasher, a
 * buffer and a HashCode per call, which dominated bloom checks on the absent-key read path.
 * Stateless and thread-safe.
 */
final class Murmur3x64 {
  private static final long C1 = 0x87c37b91114253d5L;
  private static final long C2 = 0x4cf5ad432745937fL;
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Murmur3x64() {}

  /** REQUIRES: 0 <= off, 0 <= len, off + len <= data.length, out.length >= 2. */
  static void hash128(byte[] data, int off, int len, int seed, long[] out) {
    long h1 = seed; // sign-extended, as Guava does
    long h2 = h1;
    int end = off + (len & ~15);
    int i = off;
    for (; i < end; i += 16) {
      long k1 = littleEndianLong(data, i);
      long k2 = littleEndianLong(data, i + 8);
      h1 ^= mixK1(k1);
      h1 = Long.rotateLeft(h1, 27) + h2;
      h1 = h1 * 5 + 0x52dce729;
      h2 ^= mixK2(k2);
      h2 = Long.rotateLeft(h2, 31) + h1;
      h2 = h2 * 5 + 0x38495ab5;
    }
    long k1 = 0;
    long k2 = 0;
    int rem = len & 15;
    // tail bytes t..1 fill k2 (bytes 8..15) then k1 (bytes 0..7), little-endian
    for (int t = rem - 1; t >= 8; t--) {
      k2 ^= (data[i + t] & 0xFFL) << ((t - 8) << 3);
    }
    for (int t = Math.min(rem, 8) - 1; t >= 0; t--) {
      k1 ^= (data[i + t] & 0xFFL) << (t << 3);
    }
    h1 ^= mixK1(k1);
    h2 ^= mixK2(k2);
    h1 ^= len;
    h2 ^= len;
    h1 += h2;
    h2 += h1;
    h1 = fmix64(h1);
    h2 = fmix64(h2);
    h1 += h2;
    h2 += h1;
    out[0] = h1;
    out[1] = h2;
  }

  private static long mixK1(long k1) {
    return Long.rotateLeft(k1 * C1, 31) * C2;
  }

  private static long mixK2(long k2) {
    return Long.rotateLeft(k2 * C2, 33) * C1;
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }

  private static long littleEndianLong(byte[] b, int off) {
    return (long) LE_LONG.get(b, off);
  }
}
