package io.cellar.client.meta;

import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.common.Bytes;
import io.cellar.common.proto.RegionInfoProto;
import io.cellar.common.schema.BloomType;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.Durability;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;

/**
 * The {@code cellar:meta} system table: one row per region, keyed by the region name
 * {@code <table>,<startkey>,<regionId>}, family {@code info}. Its single region's location is in
 * ZooKeeper ({@code meta-region-server}). The master writes these rows; clients read them to
 * locate regions (a reversed scan from {@link #searchRow} finds the region holding a row).
 */
public final class MetaTable {
  public static final TableName NAME = TableName.of(TableName.SYSTEM_NAMESPACE, "meta");
  public static final byte[] FAMILY = Bytes.toBytes("info");
  /** RegionInfoProto bytes. */
  public static final byte[] REGIONINFO = Bytes.toBytes("regioninfo");
  /** {@code host,port,startcode} of the server the region is assigned to. */
  public static final byte[] SERVER = Bytes.toBytes("server");
  /** A {@link RegionState} name. */
  public static final byte[] STATE = Bytes.toBytes("state");
  /** Daughters of a split parent: RegionInfoProto bytes. */
  public static final byte[] SPLIT_A = Bytes.toBytes("splitA");
  public static final byte[] SPLIT_B = Bytes.toBytes("splitB");

  /** The one region of meta: the whole key space, a fixed id so every process agrees. */
  public static final RegionInfo REGION = new RegionInfo(NAME, Bytes.EMPTY, Bytes.EMPTY, 1L);

  public static final TableDescriptor DESCRIPTOR = TableDescriptor.newBuilder(NAME)
      .setColumnFamily(ColumnFamilyDescriptor.newBuilder(FAMILY)
          .setMaxVersions(3)
          .setInMemory(true)
          .setBloomFilterType(BloomType.ROW)
          .setBlocksize(8 * 1024)
          .build())
      .setDurability(Durability.FSYNC_WAL)
      .setMemStoreFlushSize(16L * 1024 * 1024)
      .build();

  /** Lifecycle of a region as recorded in meta. */
  public enum RegionState {
    OFFLINE, OPENING, OPEN, CLOSING, CLOSED, SPLITTING, SPLIT
  }

  private MetaTable() {}

  /** Meta row of a region. */
  public static byte[] rowOf(RegionInfo region) {
    return region.getRegionName();
  }

  /** First possible meta row of a table: {@code <table>,}. */
  public static byte[] tableStartRow(TableName table) {
    return Bytes.concat(table.toBytes(), Bytes.toBytes(","));
  }

  /** Stop row (exclusive) of a table's meta rows: {@code <table>-} (',' + 1). */
  public static byte[] tableStopRow(TableName table) {
    return Bytes.concat(table.toBytes(), Bytes.toBytes("-"));
  }

  /**
   * The row a reversed meta scan starts from to find the region holding {@code row}: it sorts
   * after every region row of the table whose start key is at or before {@code row}.
   */
  public static byte[] searchRow(TableName table, byte[] row) {
    return Bytes.concat(table.toBytes(), Bytes.toBytes(","), row,
        Bytes.toBytes(",99999999999999999999"));
  }

  /** A Put recording a region's info, its server (may be null) and its state. */
  public static Put toPut(RegionInfo region, ServerName server, RegionState state) {
    Put p = new Put(rowOf(region));
    p.addColumn(FAMILY, REGIONINFO, SchemaProtos.toProto(region).toByteArray());
    p.addColumn(FAMILY, SERVER, server == null ? Bytes.EMPTY : Bytes.toBytes(server.toString()));
    p.addColumn(FAMILY, STATE, Bytes.toBytes(state.name()));
    return p;
  }

  /** One meta row decoded; null if the row has no region info. */
  public static RegionLocation parse(Result r) {
    byte[] info = r.getValue(FAMILY, REGIONINFO);
    if (info == null) {
      return null;
    }
    RegionInfo region;
    try {
      region = SchemaProtos.fromProto(RegionInfoProto.parseFrom(info));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException("Corrupt region info in meta row "
          + Bytes.toStringBinary(r.getRow()), e);
    }
    byte[] server = r.getValue(FAMILY, SERVER);
    byte[] state = r.getValue(FAMILY, STATE);
    return new RegionLocation(region,
        server == null || server.length == 0 ? null : ServerName.parse(Bytes.toString(server)),
        state == null ? RegionState.OFFLINE : RegionState.valueOf(Bytes.toString(state)));
  }
}
