package io.cellar.lsm.hfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.common.hash.Hashing;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Murmur3x64} must equal Guava's murmur3_128 bit for bit: bloom files depend on it. */
class Murmur3x64Test {
  private static void assertSameAsGuava(byte[] data, int off, int len, int seed) {
    ByteBuffer g = ByteBuffer.wrap(Hashing.murmur3_128(seed).hashBytes(data, off, len).asBytes())
        .order(ByteOrder.LITTLE_ENDIAN);
    long[] out = new long[2];
    Murmur3x64.hash128(data, off, len, seed, out);
    String where = "off=" + off + " len=" + len + " seed=" + seed;
    assertEquals(g.getLong(0), out[0], where);
    assertEquals(g.getLong(8), out[1], where);
  }

  @Test
  void everyLengthAndOffsetMatchesGuava() {
    Random rnd = new Random(42);
    byte[] data = new byte[200];
    for (int round = 0; round < 20; round++) {
      rnd.nextBytes(data);
      for (int len = 0; len <= 70; len++) {
        for (int off = 0; off < 5; off++) {
          assertSameAsGuava(data, off, len, 0);
        }
      }
      assertSameAsGuava(data, 3, 197, 0);
    }
  }

  @Test
  void seedsAndHighBytesMatchGuava() {
    byte[] ff = new byte[40];
    java.util.Arrays.fill(ff, (byte) 0xFF);
    for (int seed : new int[] {0, 1, -1, 0x9747b28c, Integer.MIN_VALUE}) {
      for (int len = 0; len <= 40; len++) {
        assertSameAsGuava(ff, 0, len, seed);
      }
    }
  }

  @Test
  void bloomHashStillUsesGuavaHalves() {
    byte[] key = "row-000123".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    long[] out = new long[2];
    BloomHash.hash(key, 0, key.length, out);
    ByteBuffer g = ByteBuffer.wrap(Hashing.murmur3_128().hashBytes(key).asBytes())
        .order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(g.getLong(0), out[0]);
    assertEquals(g.getLong(8), out[1]);
  }
}
