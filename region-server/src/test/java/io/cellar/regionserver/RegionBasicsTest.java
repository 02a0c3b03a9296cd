package io.cellar.regionserver;

import static io.cellar.regionserver.RegionFixture.CF1;
import static io.cellar.regionserver.RegionFixture.CF2;
import static io.cellar.regionserver.RegionFixture.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Delete;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.RowMutations;
import io.cellar.client.Scan;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.schema.TableDescriptor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionBasicsTest {
  @TempDir Path root;
  RegionServices services;
  Region region;
  TableDescriptor td = RegionFixture.table("t");

  @BeforeEach
  void open() throws Exception {
    services = RegionFixture.services(root);
    region = RegionFixture.open(td, services);
  }

  @AfterEach
  void close() throws Exception {
    region.close();
    services.close();
  }

  @Test
  void putGetAcrossFamilies() throws Exception {
    region.put(new Put(b("r1")).addColumn(CF1, b("a"), b("v1")).addColumn(CF2, b("b"), b("v2")));
    Result r = region.get(new Get(b("r1")));
    assertEquals(2, r.size());
    assertArrayEquals(b("v1"), r.getValue(CF1, b("a")));
    assertArrayEquals(b("v2"), r.getValue(CF2, b("b")));
    assertTrue(region.get(new Get(b("nope"))).isEmpty());
    Result onlyCf2 = region.get(new Get(b("r1")).addFamily(CF2));
    assertEquals(1, onlyCf2.size());
    assertTrue(region.get(new Get(b("r1")).setCheckExistenceOnly(true)).getExists());
  }

  @Test
  void serverStampsTimestampsAndKeepsVersions() throws Exception {
    region.put(new Put(b("r")).addColumn(CF1, b("q"), 10, b("old")));
    region.put(new Put(b("r")).addColumn(CF1, b("q"), b("new")));
    Result r = region.get(new Get(b("r")).readVersions(5));
    List<Cell> cells = r.getColumnCells(CF1, b("q"));
    assertEquals(2, cells.size());
    assertTrue(cells.get(0).getTimestamp() > 10 && cells.get(0).getTimestamp() < Long.MAX_VALUE);
    assertEquals("new", Bytes.toString(Cells.cloneValue(cells.get(0))));
    assertEquals(10, cells.get(1).getTimestamp());
  }

  @Test
  void deletesOfEveryKind() throws Exception {
    region.put(new Put(b("r")).addColumn(CF1, b("a"), 1, b("a1")).addColumn(CF1, b("a"), 2,
        b("a2")).addColumn(CF1, b("b"), 1, b("b1")).addColumn(CF2, b("c"), 1, b("c1")));
    // newest version only: resolves LATEST to ts 2
    region.delete(new Delete(b("r")).addColumn(CF1, b("a")));
    assertEquals("a1", RegionFixture.value(region, "r", CF1, "a"));
    region.delete(new Delete(b("r")).addColumns(CF1, b("a")));
    assertNull(RegionFixture.value(region, "r", CF1, "a"));
    region.delete(new Delete(b("r")).addFamily(CF1));
    assertNull(RegionFixture.value(region, "r", CF1, "b"));
    assertEquals("c1", RegionFixture.value(region, "r", CF2, "c"));
    region.delete(new Delete(b("r")));
    assertTrue(region.get(new Get(b("r"))).isEmpty());
    // a put written later with an older timestamp stays masked
    region.put(new Put(b("r")).addColumn(CF2, b("c"), 1, b("again")));
    assertNull(RegionFixture.value(region, "r", CF2, "c"));
  }

  @Test
  void deleteLatestWithNothingToDeleteIsHarmless() throws Exception {
    // with no version to delete the marker lands at "now", as in HBase: it masks nothing newer
    region.delete(new Delete(b("r")).addColumn(CF1, b("a")));
    long later = System.currentTimeMillis() + 60_000;
    region.put(new Put(b("r")).addColumn(CF1, b("a"), later, b("v")));
    assertEquals("v", RegionFixture.value(region, "r", CF1, "a"));
    region.put(new Put(b("r")).addColumn(CF1, b("b"), 5, b("old")));
    region.delete(new Delete(b("r")).addColumn(CF1, b("b")));
    assertNull(RegionFixture.value(region, "r", CF1, "b"));
  }

  @Test
  void scanForwardReversedAndBounds() throws Exception {
    for (int i = 0; i < 10; i++) {
      region.put(new Put(b("row" + i)).addColumn(i % 2 == 0 ? CF1 : CF2, b("q"), b("v" + i)));
    }
    assertEquals(10, RegionFixture.scanRows(region, new Scan()).size());
    List<List<Cell>> rows = RegionFixture.scanRows(region,
        new Scan().withStartRow(b("row2")).withStopRow(b("row5")));
    assertEquals(List.of("row2", "row3", "row4"), rowKeys(rows));
    rows = RegionFixture.scanRows(region,
        new Scan().withStartRow(b("row2"), false).withStopRow(b("row5"), true));
    assertEquals(List.of("row3", "row4", "row5"), rowKeys(rows));
    rows = RegionFixture.scanRows(region, new Scan().setReversed(true)
        .withStartRow(b("row7")).withStopRow(b("row3")));
    assertEquals(List.of("row7", "row6", "row5", "row4"), rowKeys(rows));
    rows = RegionFixture.scanRows(region, new Scan().setReversed(true)
        .withStartRow(b("row7"), false).withStopRow(b("row3"), true));
    assertEquals(List.of("row6", "row5", "row4", "row3"), rowKeys(rows));
    rows = RegionFixture.scanRows(region, new Scan().addFamily(CF2).setLimit(2));
    assertEquals(List.of("row1", "row3"), rowKeys(rows));
  }

  @Test
  void batchCutsWideRows() throws Exception {
    Put p = new Put(b("wide"));
    for (int i = 0; i < 7; i++) {
      p.addColumn(i < 4 ? CF1 : CF2, b("q" + i), b("v"));
    }
    region.put(p);
    region.put(new Put(b("x")).addColumn(CF1, b("q"), b("v")));
    try (RegionScanner s = region.getScanner(new Scan().setBatch(3))) {
      List<Integer> sizes = new java.util.ArrayList<>();
      boolean more = true;
      while (more) {
        List<Cell> out = new java.util.ArrayList<>();
        more = s.next(out);
        if (!out.isEmpty()) {
          sizes.add(out.size());
        }
      }
      assertEquals(List.of(3, 3, 1, 1), sizes);
    }
  }

  @Test
  void mutateRowIsAtomicPutsAndDeletes() throws Exception {
    region.put(new Put(b("r")).addColumn(CF1, b("old"), b("x")));
    RowMutations rm = new RowMutations(b("r"))
        .add(new Put(b("r")).addColumn(CF1, b("new"), b("y")))
        .add(new Delete(b("r")).addColumns(CF1, b("old")));
    region.mutateRow(rm);
    Result r = region.get(new Get(b("r")));
    assertEquals(1, r.size());
    assertArrayEquals(b("y"), r.getValue(CF1, b("new")));
  }

  @Test
  void flushKeepsDataReadable() throws Exception {
    for (int i = 0; i < 100; i++) {
      region.put(new Put(b(String.format("r%03d", i))).addColumn(CF1, b("q"), b("v" + i)));
    }
    region.flush(true);
    assertEquals(0, region.getMemStoreSize());
    assertTrue(region.getStoreFileSize() > 0);
    assertTrue(region.getMaxFlushedSequenceId() > 0);
    region.put(new Put(b("r000")).addColumn(CF1, b("q"), b("newer")));
    assertEquals("newer", RegionFixture.value(region, "r000", CF1, "q"));
    assertEquals("v50", RegionFixture.value(region, "r050", CF1, "q"));
    assertEquals(100, RegionFixture.scanRows(region, new Scan()).size());
    byte[] split = region.getSplitPoint();
    assertTrue(split != null && Bytes.compare(split, b("r000")) > 0, "split point");
    region.compact(true);
    assertEquals(100, RegionFixture.scanRows(region, new Scan()).size());
    assertFalse(region.isClosed());
  }

  static List<String> rowKeys(List<List<Cell>> rows) {
    return rows.stream().map(r -> Bytes.toString(Cells.cloneRow(r.get(0)))).toList();
  }
}
