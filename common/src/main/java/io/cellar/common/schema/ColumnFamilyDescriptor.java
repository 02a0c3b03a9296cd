package io.cellar.common.schema;

import io.cellar.common.Bytes;
import java.util.regex.Pattern;

/** The settings of one column family. Immutable; build with {@link #newBuilder}. */
public final class ColumnFamilyDescriptor {
  public static final int DEFAULT_VERSIONS = 3;
  public static final int DEFAULT_BLOCKSIZE = 64 * 1024;
  /** TTL meaning "forever". */
  public static final int FOREVER = Integer.MAX_VALUE;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

  private final byte[] name;
  private final int maxVersions;
  private final int minVersions;
  private final int ttlSeconds;
  private final boolean keepDeletedCells;
  private final BloomType bloomType;
  private final Compression compression;
  private final int blockSize;
  private final boolean inMemory;
  private final boolean blockCacheEnabled;
  private final int replicationScope;

  private ColumnFamilyDescriptor(Builder b) {
    this.name = b.name;
    this.maxVersions = b.maxVersions;
    this.minVersions = b.minVersions;
    this.ttlSeconds = b.ttlSeconds;
    this.keepDeletedCells = b.keepDeletedCells;
    this.bloomType = b.bloomType;
    this.compression = b.compression;
    this.blockSize = b.blockSize;
    this.inMemory = b.inMemory;
    this.blockCacheEnabled = b.blockCacheEnabled;
    this.replicationScope = b.replicationScope;
  }

  public static ColumnFamilyDescriptor of(String name) {
    return newBuilder(Bytes.toBytes(name)).build();
  }

  public static Builder newBuilder(String name) {
    return new Builder(Bytes.toBytes(name));
  }

  public static Builder newBuilder(byte[] name) {
    return new Builder(name);
  }

  public static Builder newBuilder(ColumnFamilyDescriptor d) {
    Builder b = new Builder(d.name);
    b.maxVersions = d.maxVersions;
    b.minVersions = d.minVersions;
    b.ttlSeconds = d.ttlSeconds;
    b.keepDeletedCells = d.keepDeletedCells;
    b.bloomType = d.bloomType;
    b.compression = d.compression;
    b.blockSize = d.blockSize;
    b.inMemory = d.inMemory;
    b.blockCacheEnabled = d.blockCacheEnabled;
    b.replicationScope = d.replicationScope;
    return b;
  }

  public byte[] getName() {
    return name.clone();
  }

  public String getNameAsString() {
    return Bytes.toString(name);
  }

  public int getMaxVersions() {
    return maxVersions;
  }

  public int getMinVersions() {
    return minVersions;
  }

  /** Seconds a cell lives after its timestamp; {@link #FOREVER} when unlimited. */
  public int getTimeToLive() {
    return ttlSeconds;
  }

  public boolean isKeepDeletedCells() {
    return keepDeletedCells;
  }

  public BloomType getBloomFilterType() {
    return bloomType;
  }

  public Compression getCompression() {
    return compression;
  }

  public int getBlocksize() {
    return blockSize;
  }

  public boolean isInMemory() {
    return inMemory;
  }

  public boolean isBlockCacheEnabled() {
    return blockCacheEnabled;
  }

  public int getScope() {
    return replicationScope;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ColumnFamilyDescriptor)) {
      return false;
    }
    ColumnFamilyDescriptor d = (ColumnFamilyDescriptor) o;
    return java.util.Arrays.equals(name, d.name) && maxVersions == d.maxVersions
        && minVersions == d.minVersions && ttlSeconds == d.ttlSeconds
        && keepDeletedCells == d.keepDeletedCells && bloomType == d.bloomType
        && compression == d.compression && blockSize == d.blockSize && inMemory == d.inMemory
        && blockCacheEnabled == d.blockCacheEnabled && replicationScope == d.replicationScope;
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(name) * 31 + maxVersions;
  }

  /** HBase-shell style: {@code {NAME => 'cf', VERSIONS => '3', ...}}. */
  @Override
  public String toString() {
    return "{NAME => '" + getNameAsString() + "', VERSIONS => '" + maxVersions
        + "', MIN_VERSIONS => '" + minVersions + "', TTL => '"
        + (ttlSeconds == FOREVER ? "FOREVER" : ttlSeconds + " SECONDS")
        + "', KEEP_DELETED_CELLS => '" + String.valueOf(keepDeletedCells).toUpperCase()
        + "', BLOOMFILTER => '" + bloomType + "', COMPRESSION => '" + compression
        + "', BLOCKSIZE => '" + blockSize + "', IN_MEMORY => '" + inMemory
        + "', BLOCKCACHE => '" + blockCacheEnabled + "', REPLICATION_SCOPE => '"
        + replicationScope + "'}";
  }

  /** Builder; every setter checks its argument. */
  public static final class Builder {
    private final byte[] name;
    private int maxVersions = DEFAULT_VERSIONS;
    private int minVersions = 0;
    private int ttlSeconds = FOREVER;
    private boolean keepDeletedCells = false;
    private BloomType bloomType = BloomType.ROW;
    private Compression compression = Compression.NONE;
    private int blockSize = DEFAULT_BLOCKSIZE;
    private boolean inMemory = false;
    private boolean blockCacheEnabled = true;
    private int replicationScope = 0;

    private Builder(byte[] name) {
      String s = name == null ? "" : Bytes.toString(name);
      if (s.isEmpty() || s.length() > 255 || !NAME.matcher(s).matches()) {
        throw new IllegalArgumentException("Illegal column family name '" + s
            + "': use letters, digits, '_', '-' and '.'");
      }
      this.name = name.clone();
    }

    public Builder setMaxVersions(int v) {
      if (v < 1) {
        throw new IllegalArgumentException("VERSIONS must be at least 1, got " + v);
      }
      this.maxVersions = v;
      return this;
    }

    public Builder setMinVersions(int v) {
      if (v < 0) {
        throw new IllegalArgumentException("MIN_VERSIONS must not be negative, got " + v);
      }
      this.minVersions = v;
      return this;
    }

    public Builder setTimeToLive(int seconds) {
      if (seconds <= 0) {
        throw new IllegalArgumentException("TTL must be positive, got " + seconds);
      }
      this.ttlSeconds = seconds;
      return this;
    }

    public Builder setKeepDeletedCells(boolean keep) {
      this.keepDeletedCells = keep;
      return this;
    }

    public Builder setBloomFilterType(BloomType t) {
      this.bloomType = java.util.Objects.requireNonNull(t);
      return this;
    }

    public Builder setCompression(Compression c) {
      this.compression = java.util.Objects.requireNonNull(c);
      return this;
    }

    public Builder setBlocksize(int bytes) {
      if (bytes < 1024 || bytes > 16 * 1024 * 1024) {
        throw new IllegalArgumentException("BLOCKSIZE must be 1 KiB..16 MiB, got " + bytes);
      }
      this.blockSize = bytes;
      return this;
    }

    public Builder setInMemory(boolean v) {
      this.inMemory = v;
      return this;
    }

    public Builder setBlockCacheEnabled(boolean v) {
      this.blockCacheEnabled = v;
      return this;
    }

    public Builder setScope(int scope) {
      if (scope != 0 && scope != 1) {
        throw new IllegalArgumentException("REPLICATION_SCOPE must be 0 or 1, got " + scope);
      }
      this.replicationScope = scope;
      return this;
    }

    public ColumnFamilyDescriptor build() {
      if (minVersions > maxVersions) {
        throw new IllegalArgumentException("MIN_VERSIONS (" + minVersions
            + ") must not exceed VERSIONS (" + maxVersions + ")");
      }
      return new ColumnFamilyDescriptor(this);
    }
  }
}
