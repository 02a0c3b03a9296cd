package io.cellar.common.schema;

import io.cellar.common.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A table's name, families and table-wide settings. Immutable; build with {@link #newBuilder}. */
public final class TableDescriptor {
  public static final long DEFAULT_MAX_FILESIZE = 10L * 1024 * 1024 * 1024;
  public static final long DEFAULT_MEMSTORE_FLUSHSIZE = 128L * 1024 * 1024;

  private final TableName name;
  private final Map<String, ColumnFamilyDescriptor> families; // sorted by name
  private final long maxFileSize;
  private final long memstoreFlushSize;
  private final Durability durability;
  private final boolean readOnly;

  private TableDescriptor(Builder b) {
    this.name = b.name;
    this.families = Collections.unmodifiableMap(new TreeMap<>(b.families));
    this.maxFileSize = b.maxFileSize;
    this.memstoreFlushSize = b.memstoreFlushSize;
    this.durability = b.durability;
    this.readOnly = b.readOnly;
  }

  public static Builder newBuilder(TableName name) {
    return new Builder(name);
  }

  public static Builder newBuilder(TableDescriptor d) {
    Builder b = new Builder(d.name);
    b.families.putAll(d.families);
    b.maxFileSize = d.maxFileSize;
    b.memstoreFlushSize = d.memstoreFlushSize;
    b.durability = d.durability;
    b.readOnly = d.readOnly;
    return b;
  }

  public TableName getTableName() {
    return name;
  }

  /** Families in name order. */
  public List<ColumnFamilyDescriptor> getColumnFamilies() {
    return new ArrayList<>(families.values());
  }

  public ColumnFamilyDescriptor getColumnFamily(byte[] family) {
    return families.get(Bytes.toString(family));
  }

  public boolean hasColumnFamily(byte[] family) {
    return families.containsKey(Bytes.toString(family));
  }

  public long getMaxFileSize() {
    return maxFileSize;
  }

  public long getMemStoreFlushSize() {
    return memstoreFlushSize;
  }

  public Durability getDurability() {
    return durability;
  }

  public boolean isReadOnly() {
    return readOnly;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TableDescriptor)) {
      return false;
    }
    TableDescriptor d = (TableDescriptor) o;
    return name.equals(d.name) && families.equals(d.families) && maxFileSize == d.maxFileSize
        && memstoreFlushSize == d.memstoreFlushSize && durability == d.durability
        && readOnly == d.readOnly;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + families.hashCode();
  }

  @Override
  public String toString() {
    return "'" + name + "', {MAX_FILESIZE => '" + maxFileSize + "', MEMSTORE_FLUSHSIZE => '"
        + memstoreFlushSize + "', DURABILITY => '" + durability + "', READONLY => '" + readOnly
        + "'}, " + families.values();
  }

  /** Builder; every setter checks its argument. */
  public static final class Builder {
    private final TableName name;
    private final Map<String, ColumnFamilyDescriptor> families = new TreeMap<>();
    private long maxFileSize = DEFAULT_MAX_FILESIZE;
    private long memstoreFlushSize = DEFAULT_MEMSTORE_FLUSHSIZE;
    private Durability durability = Durability.USE_DEFAULT;
    private boolean readOnly;

    private Builder(TableName name) {
      this.name = java.util.Objects.requireNonNull(name, "table name");
    }

    /** Adds or replaces the family of the same name. */
    public Builder setColumnFamily(ColumnFamilyDescriptor f) {
      families.put(f.getNameAsString(), f);
      return this;
    }

    public Builder removeColumnFamily(byte[] family) {
      families.remove(Bytes.toString(family));
      return this;
    }

    public Builder setMaxFileSize(long bytes) {
      if (bytes < 1024 * 1024) {
        throw new IllegalArgumentException("MAX_FILESIZE must be at least 1 MiB, got " + bytes);
      }
      this.maxFileSize = bytes;
      return this;
    }

    public Builder setMemStoreFlushSize(long bytes) {
      if (bytes < 64 * 1024) {
        throw new IllegalArgumentException(
            "MEMSTORE_FLUSHSIZE must be at least 64 KiB, got " + bytes);
      }
      this.memstoreFlushSize = bytes;
      return this;
    }

    public Builder setDurability(Durability d) {
      this.durability = java.util.Objects.requireNonNull(d);
      return this;
    }

    public Builder setReadOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    public TableDescriptor build() {
      if (families.isEmpty()) {
        throw new IllegalArgumentException("Table " + name + " must have at least one family");
      }
      return new TableDescriptor(this);
    }
  }
}
