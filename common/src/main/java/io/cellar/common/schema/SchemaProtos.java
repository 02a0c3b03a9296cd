package io.cellar.common.schema;

import com.google.protobuf.ByteString;
import io.cellar.common.proto.BloomTypeProto;
import io.cellar.common.proto.ColumnFamilyDescriptorProto;
import io.cellar.common.proto.CompressionProto;
import io.cellar.common.proto.DurabilityProto;
import io.cellar.common.proto.RegionInfoProto;
import io.cellar.common.proto.TableDescriptorProto;
import io.cellar.common.proto.TableNameProto;

/** Conversions between the schema value types and their protobuf messages, both ways. */
public final class SchemaProtos {
  private SchemaProtos() {}

  public static TableNameProto toProto(TableName t) {
    return TableNameProto.newBuilder()
        .setNamespace(t.getNamespace())
        .setQualifier(t.getQualifier())
        .build();
  }

  public static TableName fromProto(TableNameProto p) {
    return TableName.of(p.getNamespace(), p.getQualifier());
  }

  public static ColumnFamilyDescriptorProto toProto(ColumnFamilyDescriptor d) {
    return ColumnFamilyDescriptorProto.newBuilder()
        .setName(ByteString.copyFrom(d.getName()))
        .setMaxVersions(d.getMaxVersions())
        .setMinVersions(d.getMinVersions())
        .setTtlSeconds(d.getTimeToLive())
        .setKeepDeletedCells(d.isKeepDeletedCells())
        .setBloomType(BloomTypeProto.forNumber(d.getBloomFilterType().ordinal()))
        .setCompression(CompressionProto.forNumber(d.getCompression().ordinal()))
        .setBlockSize(d.getBlocksize())
        .setInMemory(d.isInMemory())
        .setBlockCacheEnabled(d.isBlockCacheEnabled())
        .setReplicationScope(d.getScope())
        .build();
  }

  /** Rebuilds a family; throws IllegalArgumentException for settings out of range. */
  public static ColumnFamilyDescriptor fromProto(ColumnFamilyDescriptorProto p) {
    return ColumnFamilyDescriptor.newBuilder(p.getName().toByteArray())
        .setMaxVersions(p.getMaxVersions())
        .setMinVersions(p.getMinVersions())
        .setTimeToLive(p.getTtlSeconds())
        .setKeepDeletedCells(p.getKeepDeletedCells())
        .setBloomFilterType(BloomType.values()[p.getBloomTypeValue()])
        .setCompression(Compression.values()[p.getCompressionValue()])
        .setBlocksize(p.getBlockSize())
        .setInMemory(p.getInMemory())
        .setBlockCacheEnabled(p.getBlockCacheEnabled())
        .setScope(p.getReplicationScope())
        .build();
  }

  public static TableDescriptorProto toProto(TableDescriptor d) {
    TableDescriptorProto.Builder b = TableDescriptorProto.newBuilder()
        .setName(toProto(d.getTableName()))
        .setMaxFileSize(d.getMaxFileSize())
        .setMemstoreFlushSize(d.getMemStoreFlushSize())
        .setDurability(DurabilityProto.forNumber(d.getDurability().ordinal()))
        .setReadOnly(d.isReadOnly());
    for (ColumnFamilyDescriptor f : d.getColumnFamilies()) {
      b.addFamilies(toProto(f));
    }
    return b.build();
  }

  public static TableDescriptor fromProto(TableDescriptorProto p) {
    TableDescriptor.Builder b = TableDescriptor.newBuilder(fromProto(p.getName()))
        .setMaxFileSize(p.getMaxFileSize())
        .setMemStoreFlushSize(p.getMemstoreFlushSize())
        .setDurability(Durability.values()[p.getDurabilityValue()])
        .setReadOnly(p.getReadOnly());
    for (ColumnFamilyDescriptorProto f : p.getFamiliesList()) {
      b.setColumnFamily(fromProto(f));
    }
    return b.build();
  }

  public static RegionInfoProto toProto(RegionInfo r) {
    return RegionInfoProto.newBuilder()
        .setTable(toProto(r.getTable()))
        .setStartKey(ByteString.copyFrom(r.getStartKey()))
        .setEndKey(ByteString.copyFrom(r.getEndKey()))
        .setRegionId(r.getRegionId())
        .build();
  }

  public static RegionInfo fromProto(RegionInfoProto p) {
    return new RegionInfo(fromProto(p.getTable()), p.getStartKey().toByteArray(),
        p.getEndKey().toByteArray(), p.getRegionId());
  }
}
