package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;

/**
 * A cache-line-blocked bloom filter: the bit array is split into 512-bit blocks (8 longs, one
 * cache line) and every probe of one key lands in one block, so a check costs one memory miss.
 * For a key with hash halves (h1, h2): block = floor((h1 >>> 1) * 2 * numBlocks / 2^64) (a
 * multiply instead of a modulo), then bits (a + i*b) mod 512 for i in [0, numHashes), where
 * a = low 32 bits of h2 and b = (high 32 bits of h2) | 1 (double hashing inside the block).
 * Immutable once built; thread-safe for queries.
 *
 * <p>Block payload: int numHashes, long numBits (a multiple of 512), long numKeys,
 * long[numBits/64] words (big-endian; bit j of a block is word j/64, bit j%64 counted from the
 * least significant).
 */
final class BloomFilter {
  static final int BLOCK_BITS = 512;
  /** Blocking costs some accuracy; this many more bits per key than the classic formula. */
  private static final double BLOCKING_OVERHEAD = 1.1;

  private final long[] words;
  private final long numBits;
  private final long numBlocks;
  private final int numHashes;
  private final long numKeys;

  BloomFilter(long[] words, long numBits, int numHashes, long numKeys) {
    this.words = words;
    this.numBits = numBits;
    this.numBlocks = numBits / BLOCK_BITS;
    this.numHashes = numHashes;
    this.numKeys = numKeys;
  }

  /** Sized for numKeys at the target false-positive rate. */
  static BloomFilter create(long numKeys, double fpRate) {
    long n = Math.max(1, numKeys);
    double bitsPerKey = -Math.log(fpRate) / (Math.log(2) * Math.log(2));
    long bits = (long) Math.ceil(n * bitsPerKey * BLOCKING_OVERHEAD);
    bits = Math.max(BLOCK_BITS, (bits + BLOCK_BITS - 1) / BLOCK_BITS * BLOCK_BITS);
    int k = (int) Math.max(1, Math.round(bitsPerKey * Math.log(2)));
    return new BloomFilter(new long[(int) (bits >>> 6)], bits, k, numKeys);
  }

  void put(long h1, long h2) {
    int base = blockBase(h1);
    int a = (int) h2;
    int b = (int) (h2 >>> 32) | 1;
    for (int i = 0; i < numHashes; i++) {
      int bit = (a + i * b) & (BLOCK_BITS - 1);
      words[base + (bit >>> 6)] |= 1L << bit;
    }
  }

  boolean mightContain(long h1, long h2) {
    int base = blockBase(h1);
    int a = (int) h2;
    int b = (int) (h2 >>> 32) | 1;
    for (int i = 0; i < numHashes; i++) {
      int bit = (a + i * b) & (BLOCK_BITS - 1);
      if ((words[base + (bit >>> 6)] & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Index of the first word of the key's block. */
  private int blockBase(long h1) {
    return (int) Math.multiplyHigh(h1 >>> 1, numBlocks << 1) << 3;
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
    if (k < 1 || k > 64 || bits < BLOCK_BITS || bits % BLOCK_BITS != 0
        || bits / 8 != p.length - 20) {
      return null;
    }
    long[] words = new long[(int) (bits >>> 6)];
    for (int i = 0; i < words.length; i++) {
      words[i] = Bytes.getLong(p, 20 + 8 * i);
    }
    return new BloomFilter(words, bits, k, keys);
  }
}
