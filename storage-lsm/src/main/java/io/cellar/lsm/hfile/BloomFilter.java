package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;

/**
 * A bloom filter over a bit array of numBits bits in 64-bit words; a key with hash halves
 * (h1, h2) sets bits (h1 + i*h2) mod numBits for i in [0, numHashes). Immutable once built;
 * thread-safe for queries.
 *
 * <p>Block payload: int numHashes, long numBits, long numKeys, long[ceil(numBits/64)] words
 * (big-endian; bit b is word b/64, bit b%64 counted from the least significant).
 */
final class BloomFilter {
  private final long[] words;
  private final long numBits;
  private final int numHashes;
  private final long numKeys;

  BloomFilter(long[] words, long numBits, int numHashes, long numKeys) {
    this.words = words;
    this.numBits = numBits;
    this.numHashes = numHashes;
    this.numKeys = numKeys;
  }

  /** Sized for numKeys at the target false-positive rate. */
  static BloomFilter create(long numKeys, double fpRate) {
    long n = Math.max(1, numKeys);
    long bits = (long) Math.ceil(-n * Math.log(fpRate) / (Math.log(2) * Math.log(2)));
    bits = Math.max(64, bits);
    int k = (int) Math.max(1, Math.round((double) bits / n * Math.log(2)));
    return new BloomFilter(new long[(int) ((bits + 63) >>> 6)], bits, k, numKeys);
  }

  void put(long h1, long h2) {
    long h = h1;
    for (int i = 0; i < numHashes; i++) {
      long bit = (h & Long.MAX_VALUE) % numBits;
      words[(int) (bit >>> 6)] |= 1L << bit;
      h += h2;
    }
  }

  boolean mightContain(long h1, long h2) {
    long h = h1;
    for (int i = 0; i < numHashes; i++) {
      long bit = (h & Long.MAX_VALUE) % numBits;
      if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
      h += h2;
    }
    return true;
  }

  long numKeys() {
    return numKeys;
  }

  long numBits() {
    return numBits;
  }

  int numHashes() {
    return numHashes;
  }

  byte[] toPayload() {
    byte[] out = new byte[20 + 8 * words.length];
    Bytes.putInt(out, 0, numHashes);
    Bytes.putLong(out, 4, numBits);
    Bytes.putLong(out, 12, numKeys);
    for (int i = 0; i < words.length; i++) {
      Bytes.putLong(out, 20 + 8 * i, words[i]);
    }
    return out;
  }

  /** Returns null when the payload is inconsistent. */
  static BloomFilter fromPayload(byte[] p) {
    if (p.length < 20) {
      return null;
    }
    int k = Bytes.getInt(p, 0);
    long bits = Bytes.getLong(p, 4);
    long keys = Bytes.getLong(p, 12);
    if (k < 1 || k > 64 || bits < 1 || (bits + 63) / 64 != (p.length - 20) / 8
        || (p.length - 20) % 8 != 0) {
      return null;
    }
    long[] words = new long[(int) ((bits + 63) >>> 6)];
    for (int i = 0; i < words.length; i++) {
      words[i] = Bytes.getLong(p, 20 + 8 * i);
    }
    return new BloomFilter(words, bits, k, keys);
  }
}
