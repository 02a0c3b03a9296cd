package io.cellar.tools.shell.commands;

import io.cellar.common.Bytes;
import io.cellar.common.schema.RegionInfo;
import java.util.Arrays;

/**
 * Column names as the shell writes them: {@code 'cf:qualifier'} is one column,
 * {@code 'cf'} a whole family (qualifier null), {@code 'cf:'} the empty qualifier. Also the
 * shell's form of region names.
 */
public record ColumnNames(byte[] family, byte[] qualifier) {
  /** Splits at the first ':'. REQUIRES nothing; an empty family is a usage error. */
  public static ColumnNames parse(byte[] column) {
    int colon = -1;
    for (int i = 0; i < column.length; i++) {
      if (column[i] == ':') {
        colon = i;
        break;
      }
    }
    byte[] family = colon < 0 ? column : Arrays.copyOfRange(column, 0, colon);
    if (family.length == 0) {
      throw new UsageException("bad column '" + Bytes.toStringBinary(column)
          + "': write 'family:qualifier' or 'family'");
    }
    return new ColumnNames(family,
        colon < 0 ? null : Arrays.copyOfRange(column, colon + 1, column.length));
  }

  /** Like parse, but a qualifier is required (put, incr, append, get_counter). */
  public static ColumnNames parseColumn(byte[] column) {
    ColumnNames c = parse(column);
    if (c.qualifier() == null) {
      throw new UsageException("bad column '" + Bytes.toStringBinary(column)
          + "': write 'family:qualifier', e.g. 'cf:a'");
    }
    return c;
  }

  public boolean isWholeFamily() {
    return qualifier == null;
  }

  /** {@code table,startkey,regionId.encodedName.} as HBase prints region names. */
  public static String regionName(RegionInfo r) {
    return Bytes.toStringBinary(r.getRegionName()) + "." + r.getEncodedName() + ".";
  }
}
