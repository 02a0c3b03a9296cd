package io.cellar.tools.shell.commands;

import java.math.BigInteger;
import java.util.Locale;

/**
 * Split points for {@code create ..., {NUMREGIONS => n, SPLITALGO => ...}}, as HBase's
 * RegionSplitter: HexStringSplit (the default) cuts the 8-hex-digit keyspace
 * 00000000..ffffffff evenly, UniformSplit cuts 8-byte keys evenly.
 */
final class SplitKeys {
  private SplitKeys() {}

  /** n-1 split keys for n regions. REQUIRES: n >= 1. */
  static byte[][] of(String algorithm, int n) {
    String algo = algorithm == null ? "HexStringSplit" : algorithm;
    byte[][] out = new byte[n - 1][];
    switch (algo) {
      case "HexStringSplit": {
        BigInteger max = BigInteger.valueOf(0xFFFFFFFFL);
        for (int i = 1; i < n; i++) {
          long v = max.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n)).longValue();
          out[i - 1] = String.format(Locale.ROOT, "%08x", v).getBytes();
        }
        return out;
      }
      case "UniformSplit": {
        BigInteger range = BigInteger.ONE.shiftLeft(64);
        for (int i = 1; i < n; i++) {
          BigInteger v = range.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n));
          byte[] key = new byte[8];
          byte[] raw = v.toByteArray();
          int copy = Math.min(8, raw.length);
          System.arraycopy(raw, raw.length - copy, key, 8 - copy, copy);
          out[i - 1] = key;
        }
        return out;
      }
      default:
        throw new UsageException("unknown SPLITALGO '" + algo
            + "': use 'HexStringSplit' or 'UniformSplit'");
    }
  }
}
