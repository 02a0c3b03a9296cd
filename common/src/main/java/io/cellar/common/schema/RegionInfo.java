package io.cellar.common.schema;

import com.google.common.hash.Hashing;
import io.cellar.common.Bytes;
import java.util.Arrays;

/**
 * One key range [startKey, endKey) of a table; an empty start or end key means unbounded. The
 * region name {@code <table>,<startkey>,<regionId>} is its meta row; the encoded name (a hash of
 * it) names its directory and its WAL entries.
 */
public final class RegionInfo implements Comparable<RegionInfo> {
  private final TableName table;
  private final byte[] startKey;
  private final byte[] endKey;
  private final long regionId;
  private final String encodedName;

  public RegionInfo(TableName table, byte[] startKey, byte[] endKey, long regionId) {
    this.table = table;
    this.startKey = startKey == null ? Bytes.EMPTY : startKey.clone();
    this.endKey = endKey == null ? Bytes.EMPTY : endKey.clone();
    if (this.startKey.length > 0 && this.endKey.length > 0
        && Bytes.compare(this.startKey, this.endKey) >= 0) {
      throw new IllegalArgumentException("Region start key "
          + Bytes.toStringBinary(this.startKey) + " must be below its end key "
          + Bytes.toStringBinary(this.endKey));
    }
    this.regionId = regionId;
    this.encodedName = Hashing.murmur3_128().hashBytes(getRegionName()).toString();
  }

  public TableName getTable() {
    return table;
  }

  public byte[] getStartKey() {
    return startKey.clone();
  }

  public byte[] getEndKey() {
    return endKey.clone();
  }

  public long getRegionId() {
    return regionId;
  }

  /** {@code <table>,<startkey>,<regionId>}: the region's row in meta. */
  public byte[] getRegionName() {
    return Bytes.concat(table.toBytes(), Bytes.toBytes(","), startKey,
        Bytes.toBytes("," + regionId));
  }

  /** A hex name safe for file paths, stable for the region's life. */
  public String getEncodedName() {
    return encodedName;
  }

  /** True if {@code row} falls in [startKey, endKey). */
  public boolean containsRow(byte[] row) {
    return Bytes.compare(row, startKey) >= 0
        && (endKey.length == 0 || Bytes.compare(row, endKey) < 0);
  }

  @Override
  public int compareTo(RegionInfo o) {
    int c = table.compareTo(o.table);
    if (c != 0) {
      return c;
    }
    c = Bytes.compare(startKey, o.startKey);
    return c != 0 ? c : Long.compare(regionId, o.regionId);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RegionInfo
        && ((RegionInfo) o).table.equals(table)
        && Arrays.equals(((RegionInfo) o).startKey, startKey)
        && Arrays.equals(((RegionInfo) o).endKey, endKey)
        && ((RegionInfo) o).regionId == regionId;
  }

  @Override
  public int hashCode() {
    return encodedName.hashCode();
  }

  @Override
  public String toString() {
    return table + "," + Bytes.toStringBinary(startKey) + "," + regionId + "." + encodedName
        + " [" + Bytes.toStringBinary(startKey) + ", " + Bytes.toStringBinary(endKey) + ")";
  }
}
