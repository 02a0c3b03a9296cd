package io.cellar.client.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaTableTest {
  @Test
  void regionRowRoundTrips() {
    RegionInfo r = new RegionInfo(TableName.valueOf("t1"), Bytes.toBytes("a"),
        Bytes.toBytes("m"), 5L);
    ServerName s = new ServerName("localhost", 1234, 99L);
    Put p = MetaTable.toPut(r, s, MetaTable.RegionState.OPEN);
    List<Cell> cells = new ArrayList<>();
    p.getFamilyCellMap().values().forEach(cells::addAll);
    cells.sort(io.cellar.common.cell.CellComparator.INSTANCE);
    RegionLocation loc = MetaTable.parse(Result.create(cells));
    assertEquals(r, loc.region());
    assertEquals(s, loc.server());
    assertEquals(MetaTable.RegionState.OPEN, loc.state());
  }

  @Test
  void searchRowSortsAfterRegionsStartingAtOrBeforeTheRowAndWithinTheTable() {
    TableName t = TableName.valueOf("t");
    RegionInfo first = new RegionInfo(t, Bytes.EMPTY, Bytes.toBytes("m"), 1L);
    RegionInfo second = new RegionInfo(t, Bytes.toBytes("m"), Bytes.EMPTY, 2L);
    byte[] search = MetaTable.searchRow(t, Bytes.toBytes("k"));
    assertTrue(Bytes.compare(MetaTable.rowOf(first), search) < 0);
    assertTrue(Bytes.compare(MetaTable.rowOf(second), search) > 0);
    assertTrue(Bytes.compare(MetaTable.tableStartRow(t), MetaTable.rowOf(first)) <= 0);
    assertTrue(Bytes.compare(MetaTable.rowOf(second), MetaTable.tableStopRow(t)) < 0);
    byte[] otherTable = MetaTable.rowOf(new RegionInfo(TableName.valueOf("t1"), Bytes.EMPTY,
        Bytes.EMPTY, 1L));
    assertTrue(Bytes.compare(otherTable, MetaTable.tableStopRow(t)) >= 0);
  }
}
