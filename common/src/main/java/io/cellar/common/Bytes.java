package io.cellar.common;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Static helpers for byte arrays: encoding of numbers and strings, unsigned comparison. */
public final class Bytes {
  public static final byte[] EMPTY = new byte[0];

  // Big-endian views of byte arrays: one bounds check and one byte-swapped load or store per
  // number instead of a load, shift and check per byte. They need C2's default inlining depth
  // to stay inline in deep call chains (see bin/cellar). A bad offset throws
  // ArrayIndexOutOfBoundsException, as the byte-by-byte code did.
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

  private Bytes() {}

  public static byte[] toBytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static String toString(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  public static String toString(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.UTF_8);
  }

  /** Big-endian 8 bytes, so that non-negative longs sort numerically as bytes. */
  public static byte[] toBytes(long v) {
    byte[] b = new byte[8];
    putLong(b, 0, v);
    return b;
  }

  public static byte[] toBytes(int v) {
    byte[] b = new byte[4];
    putInt(b, 0, v);
    return b;
  }

  public static long toLong(byte[] b) {
    return getLong(b, 0);
  }

  public static int toInt(byte[] b) {
    return getInt(b, 0);
  }

  public static void putLong(byte[] b, int off, long v) {
    LONG.set(b, off, v);
  }

  public static long getLong(byte[] b, int off) {
    return (long) LONG.get(b, off);
  }

  public static void putInt(byte[] b, int off, int v) {
    INT.set(b, off, v);
  }

  public static int getInt(byte[] b, int off) {
    return (int) INT.get(b, off);
  }

  public static void putShort(byte[] b, int off, short v) {
    SHORT.set(b, off, v);
  }

  public static short getShort(byte[] b, int off) {
    return (short) SHORT.get(b, off);
  }

  /** Unsigned lexicographic comparison, as all keys in Cellar are ordered. */
  public static int compare(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  public static int compare(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
    return Arrays.compareUnsigned(a, aOff, aOff + aLen, b, bOff, bOff + bLen);
  }

  public static boolean equals(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
    return aLen == bLen && Arrays.equals(a, aOff, aOff + aLen, b, bOff, bOff + bLen);
  }

  public static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  public static byte[] copy(byte[] b, int off, int len) {
    return Arrays.copyOfRange(b, off, off + len);
  }

  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int pos = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, pos, p.length);
      pos += p.length;
    }
    return out;
  }

  /**
   * The smallest key greater than every key that starts with {@code prefix}, or an empty array
   * when there is none (prefix all 0xFF): the stop row of a prefix scan.
   */
  public static byte[] prefixSuccessor(byte[] prefix) {
    for (int i = prefix.length - 1; i >= 0; i--) {
      if (prefix[i] != (byte) 0xFF) {
        byte[] out = Arrays.copyOf(prefix, i + 1);
        out[i]++;
        return out;
      }
    }
    return EMPTY;
  }

  /** Printable ASCII kept, everything else (and backslash) shown as {@code \xNN}, as the HBase shell. */
  public static String toStringBinary(byte[] b) {
    return b == null ? "null" : toStringBinary(b, 0, b.length);
  }

  public static String toStringBinary(byte[] b, int off, int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = off; i < off + len; i++) {
      int c = b[i] & 0xFF;
      if (c >= ' ' && c <= '~' && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02X", c));
      }
    }
    return sb.toString();
  }

  /** Inverse of {@link #toStringBinary}: {@code \xNN} escapes decoded, other chars as UTF-8. */
  public static byte[] toBytesBinary(String s) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 3 < s.length()
          && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
          && isHex(s.charAt(i + 2)) && isHex(s.charAt(i + 3))) {
        out.write(Integer.parseInt(s.substring(i + 2, i + 4), 16));
        i += 3;
      } else {
        byte[] enc = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(enc, 0, enc.length);
      }
    }
    return out.toByteArray();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
