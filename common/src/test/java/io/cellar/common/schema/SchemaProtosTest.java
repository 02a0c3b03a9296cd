package io.cellar.common.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import org.junit.jupiter.api.Test;

class SchemaProtosTest {
  @Test
  void tableDescriptorRoundTripsEverySetting() {
    TableDescriptor td = TableDescriptor.newBuilder(TableName.valueOf("ns1:t1"))
        .setColumnFamily(ColumnFamilyDescriptor.newBuilder("a").setMaxVersions(5)
            .setMinVersions(1).setTimeToLive(3600).setKeepDeletedCells(true)
            .setBloomFilterType(BloomType.ROWCOL).setCompression(Compression.LZ4)
            .setBlocksize(8192).setInMemory(true).setBlockCacheEnabled(false).setScope(1)
            .build())
        .setColumnFamily(ColumnFamilyDescriptor.of("b"))
        .setMaxFileSize(1L << 30).setMemStoreFlushSize(1L << 20)
        .setDurability(Durability.FSYNC_WAL).setReadOnly(true)
        .build();
    assertEquals(td, SchemaProtos.fromProto(SchemaProtos.toProto(td)));
  }

  @Test
  void regionInfoRoundTripsAndKnowsItsRows() {
    RegionInfo r = new RegionInfo(TableName.valueOf("t"), Bytes.toBytes("b"), Bytes.toBytes("d"),
        17L);
    RegionInfo back = SchemaProtos.fromProto(SchemaProtos.toProto(r));
    assertEquals(r, back);
    assertEquals(r.getEncodedName(), back.getEncodedName());
    assertTrue(r.containsRow(Bytes.toBytes("b")));
    assertTrue(r.containsRow(Bytes.toBytes("c")));
    assertTrue(!r.containsRow(Bytes.toBytes("d")));
  }

  @Test
  void serverNameParsesItsOwnString() {
    ServerName s = new ServerName("localhost", 16020, 12345L);
    assertEquals(s, ServerName.parse(s.toString()));
    assertEquals(s, ServerName.fromProto(s.toProto()));
    assertThrows(IllegalArgumentException.class, () -> ServerName.parse("nonsense"));
  }

  @Test
  void badNamesAreRefusedWithAClearMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TableName.valueOf("bad name"));
    assertTrue(e.getMessage().contains("bad name"));
    assertThrows(IllegalArgumentException.class, () -> ColumnFamilyDescriptor.of(""));
  }
}
