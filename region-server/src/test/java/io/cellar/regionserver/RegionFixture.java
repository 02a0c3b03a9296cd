package io.cellar.regionserver;

import io.cellar.client.Get;
import io.cellar.client.Result;
import io.cellar.client.Scan;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds tables and regions for tests, and reads them back in simple forms. */
final class RegionFixture {
  static final byte[] CF1 = Bytes.toBytes("cf1");
  static final byte[] CF2 = Bytes.toBytes("cf2");

  private RegionFixture() {}

  static byte[] b(String s) {
    return Bytes.toBytes(s);
  }

  static TableDescriptor table(String name, ColumnFamilyDescriptor... families) {
    TableDescriptor.Builder t = TableDescriptor.newBuilder(TableName.valueOf(name));
    if (families.length == 0) {
      t.setColumnFamily(ColumnFamilyDescriptor.of("cf1"));
      t.setColumnFamily(ColumnFamilyDescriptor.of("cf2"));
    }
    for (ColumnFamilyDescriptor f : families) {
      t.setColumnFamily(f);
    }
    return t.build();
  }

  static RegionInfo wholeTable(TableDescriptor td) {
    return new RegionInfo(td.getTableName(), null, null, 1L);
  }

  static RegionServices services(Path root) throws IOException {
    return RegionServices.local(root, new Configuration());
  }

  static Region open(TableDescriptor td, RegionServices s) throws IOException {
    return Region.open(wholeTable(td), td, s);
  }

  /** The newest value of a column, as a string, or null. */
  static String value(Region r, String row, byte[] family, String qualifier) throws IOException {
    Result res = r.get(new Get(b(row)).addColumn(family, b(qualifier)));
    byte[] v = res.getValue(family, b(qualifier));
    return v == null ? null : Bytes.toString(v);
  }

  /** Every row of a scan, each as its list of cells. */
  static List<List<Cell>> scanRows(Region r, Scan scan) throws IOException {
    List<List<Cell>> rows = new ArrayList<>();
    try (RegionScanner s = r.getScanner(scan)) {
      boolean more = true;
      while (more) {
        List<Cell> row = new ArrayList<>();
        more = s.next(row);
        if (!row.isEmpty()) {
          rows.add(row);
        }
      }
    }
    return rows;
  }
}
