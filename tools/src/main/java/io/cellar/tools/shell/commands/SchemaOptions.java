package io.cellar.tools.shell.commands;

import io.cellar.common.schema.BloomType;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.Compression;
import io.cellar.common.schema.Durability;
import io.cellar.common.schema.TableDescriptor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads family settings (NAME, VERSIONS, MIN_VERSIONS, TTL, BLOOMFILTER, COMPRESSION,
 * BLOCKSIZE, IN_MEMORY, BLOCKCACHE, KEEP_DELETED_CELLS, REPLICATION_SCOPE) and table
 * attributes (MAX_FILESIZE, MEMSTORE_FLUSHSIZE, DURABILITY, READONLY) out of shell
 * dictionaries, with HBase's spellings (numbers may be quoted, TTL may be 'FOREVER').
 */
final class SchemaOptions {
  static final String[] TABLE_ATTRIBUTES =
      {"MAX_FILESIZE", "MEMSTORE_FLUSHSIZE", "DURABILITY", "READONLY"};

  private SchemaOptions() {}

  /** Applies the family settings present in {@code o} to {@code b}. */
  static ColumnFamilyDescriptor.Builder applyFamily(ColumnFamilyDescriptor.Builder b,
      Options o) {
    try {
      Integer versions = o.takeInt("VERSIONS");
      if (versions != null) {
        b.setMaxVersions(versions);
      }
      Integer min = o.takeInt("MIN_VERSIONS");
      if (min != null) {
        b.setMinVersions(min);
      }
      Object ttl = o.has("TTL") ? o.take("TTL") : null;
      if (ttl != null) {
        String t = Values.show(ttl).replace("'", "").trim().toUpperCase(Locale.ROOT);
        if (t.equals("FOREVER")) {
          b.setTimeToLive(ColumnFamilyDescriptor.FOREVER);
        } else {
          try {
            b.setTimeToLive(Integer.parseInt(t));
          } catch (NumberFormatException e) {
            throw new UsageException("TTL must be seconds or 'FOREVER', not " + Values.show(ttl));
          }
        }
      }
      String bloom = o.takeText("BLOOMFILTER");
      if (bloom != null) {
        b.setBloomFilterType(enumValue(BloomType.class, "BLOOMFILTER", bloom));
      }
      String compression = o.takeText("COMPRESSION");
      if (compression != null) {
        b.setCompression(enumValue(Compression.class, "COMPRESSION", compression));
      }
      Integer blockSize = o.takeInt("BLOCKSIZE");
      if (blockSize != null) {
        b.setBlocksize(blockSize);
      }
      Boolean inMemory = o.takeBoolean("IN_MEMORY");
      if (inMemory != null) {
        b.setInMemory(inMemory);
      }
      Boolean blockCache = o.takeBoolean("BLOCKCACHE");
      if (blockCache != null) {
        b.setBlockCacheEnabled(blockCache);
      }
      Boolean keep = o.takeBoolean("KEEP_DELETED_CELLS");
      if (keep != null) {
        b.setKeepDeletedCells(keep);
      }
      Integer scope = o.takeInt("REPLICATION_SCOPE");
      if (scope != null) {
        b.setScope(scope);
      }
      return b;
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** True if {@code o} holds a table attribute. */
  static boolean hasTableAttributes(Options o) {
    for (String k : TABLE_ATTRIBUTES) {
      if (o.has(k)) {
        return true;
      }
    }
    return false;
  }

  /** Applies the table attributes present in {@code o} to {@code b}. */
  static void applyTable(TableDescriptor.Builder b, Options o) {
    try {
      Long maxFileSize = o.takeLong("MAX_FILESIZE");
      if (maxFileSize != null) {
        b.setMaxFileSize(maxFileSize);
      }
      Long flushSize = o.takeLong("MEMSTORE_FLUSHSIZE");
      if (flushSize != null) {
        b.setMemStoreFlushSize(flushSize);
      }
      String durability = o.takeText("DURABILITY");
      if (durability != null) {
        b.setDurability(enumValue(Durability.class, "DURABILITY", durability));
      }
      Boolean readOnly = o.takeBoolean("READONLY");
      if (readOnly != null) {
        b.setReadOnly(readOnly);
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  static <E extends Enum<E>> E enumValue(Class<E> type, String key, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException(key + " must be one of "
          + Arrays.toString(type.getEnumConstants()) + ", not '" + value + "'");
    }
  }
}
