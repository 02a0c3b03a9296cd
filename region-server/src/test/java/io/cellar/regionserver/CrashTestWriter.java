package io.cellar.regionserver;

import io.cellar.client.Put;
import io.cellar.common.Bytes;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.Durability;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child process of {@link RegionCrashTest}: opens the region under {@code args[0]} (replaying
 * whatever the previous, killed child left), prints READY, then writes SYNC_WAL puts of rows
 * {@code <args[1]>-<n>} forever, printing each row key once its put is acknowledged.
 */
public final class CrashTestWriter {
  static final TableDescriptor TABLE = TableDescriptor.newBuilder(TableName.valueOf("crash"))
      .setColumnFamily(ColumnFamilyDescriptor.of("cf1"))
      .setColumnFamily(ColumnFamilyDescriptor.of("cf2"))
      .setMemStoreFlushSize(64 * 1024) // flushes happen while writing
      .build();
  static final RegionInfo REGION = new RegionInfo(TABLE.getTableName(), null, null, 7L);

  private CrashTestWriter() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    String prefix = args[1];
    PrintStream out = new PrintStream(System.out, false);
    RegionServices services = RegionServices.local(root, new Configuration());
    Region region = Region.open(REGION, TABLE, services);
    out.println("READY");
    out.flush();
    byte[] value = new byte[200];
    for (long n = 0; ; n++) {
      String row = prefix + "-" + n;
      region.put(new Put(Bytes.toBytes(row))
          .addColumn(Bytes.toBytes("cf1"), Bytes.toBytes("q"), value)
          .addColumn(Bytes.toBytes("cf2"), Bytes.toBytes("q"), Bytes.toBytes(row))
          .setDurability(Durability.SYNC_WAL));
      out.println(row);
      out.flush();
    }
  }
}
