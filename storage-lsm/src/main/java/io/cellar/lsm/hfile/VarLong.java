package io.cellar.lsm.hfile;

/**
 * Unsigned LEB128 varints: 7 bits per byte, low groups first, high bit set on every byte but the
 * last. Used for the sequence id stored after each cell.
 */
final class VarLong {
  static final int MAX_SIZE = 10;

  private VarLong() {}

  /** Writes v at off; returns the bytes written. REQUIRES: room for {@link #MAX_SIZE} bytes. */
  static int write(byte[] buf, int off, long v) {
    int p = off;
    while ((v & ~0x7FL) != 0) {
      buf[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[p++] = (byte) v;
    return p - off;
  }

  static long read(byte[] buf, int off) {
    long v = 0;
    int shift = 0;
    int p = off;
    while (true) {
      byte b = buf[p++];
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
      shift += 7;
    }
  }

  /** Bytes taken by the varint starting at off. */
  static int sizeAt(byte[] buf, int off) {
    int p = off;
    while (buf[p] < 0) {
      p++;
    }
    return p - off + 1;
  }
}
