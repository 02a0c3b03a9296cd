package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;

/**
 * The bloom key hash: murmur3_128 (seed 0) of the key bytes, split into two 64-bit halves
 * (little-endian, as Guava's HashCode bytes) for double hashing, computed without allocation by
 * {@link Murmur3x64} (tested equal to Guava's {@code Hashing.murmur3_128()}). ROWCOL keys are
 * encoded as short rowLength, row, byte familyLength, family, qualifier so distinct columns never
 * collide by concatenation.
 */
final class BloomHash {
  private BloomHash() {}

  /** Hashes key[off, off+len) into out[0] (h1) and out[1] (h2). */
  static void hash(byte[] key, int off, int len, long[] out) {
    Murmur3x64.hash128(key, off, len, 0, out);
  }

  /** Length of the ROWCOL key for these parts. */
  static int rowColLength(int rowLen, int famLen, int qualLen) {
    return 2 + rowLen + 1 + famLen + qualLen;
  }

  /** Writes the ROWCOL key into out at 0; returns its length. REQUIRES: out is large enough. */
  static int writeRowCol(byte[] out, byte[] row, int rowOff, int rowLen, byte[] fam, int famOff,
      int famLen, byte[] qual, int qualOff, int qualLen) {
    Bytes.putShort(out, 0, (short) rowLen);
    System.arraycopy(row, rowOff, out, 2, rowLen);
    out[2 + rowLen] = (byte) famLen;
    System.arraycopy(fam, famOff, out, 3 + rowLen, famLen);
    System.arraycopy(qual, qualOff, out, 3 + rowLen + famLen, qualLen);
    return rowColLength(rowLen, famLen, qualLen);
  }
}
