package io.cellar.lsm.hfile;

import com.google.common.hash.HashCode;
import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.cellar.common.Bytes;

/**
 * The bloom key hash: murmur3_128 (seed 0) of the key bytes, split into two 64-bit halves
 * (little-endian, as Guava's HashCode bytes) for double hashing. ROWCOL keys are encoded as
 * short rowLength, row, byte familyLength, family, qualifier so distinct columns never collide by
 * concatenation.
 */
final class BloomHash {
  private static final HashFunction MURMUR = Hashing.murmur3_128();

  private BloomHash() {}

  /** Hashes key[off, off+len) into out[0] (h1) and out[1] (h2). */
  static void hash(byte[] key, int off, int len, long[] out) {
    HashCode hc = MURMUR.hashBytes(key, off, len);
    byte[] b = hc.asBytes();
    out[0] = littleEndianLong(b, 0);
    out[1] = littleEndianLong(b, 8);
  }

  private static long littleEndianLong(byte[] b, int off) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (b[off + i] & 0xFFL);
    }
    return v;
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
