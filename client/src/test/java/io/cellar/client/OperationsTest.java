package io.cellar.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.filter.PrefixFilter;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.schema.Durability;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationsTest {
  private static final byte[] ROW = Bytes.toBytes("row");
  private static final byte[] CF = Bytes.toBytes("cf");
  private static final byte[] CG = Bytes.toBytes("cg");
  private static final byte[] Q = Bytes.toBytes("q");

  private static byte[] b(String s) {
    return Bytes.toBytes(s);
  }

  @Test
  void rowsAreValidatedOnConstruction() {
    byte[] tooLong = new byte[KeyValue.MAX_ROW_LENGTH + 1];
    for (java.util.function.Function<byte[], Object> make : List.<java.util.function.Function<
        byte[], Object>>of(Put::new, Delete::new, Get::new, Increment::new, Append::new,
        RowMutations::new, CheckAndMutate::newBuilder)) {
      IllegalArgumentException empty =
          assertThrows(IllegalArgumentException.class, () -> make.apply(new byte[0]));
      assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
      IllegalArgumentException longRow =
          assertThrows(IllegalArgumentException.class, () -> make.apply(tooLong));
      assertTrue(longRow.getMessage().contains("32767"), longRow.getMessage());
      assertThrows(IllegalArgumentException.class, () -> make.apply(null));
    }
    new Put(new byte[KeyValue.MAX_ROW_LENGTH]);
    assertThrows(IllegalArgumentException.class, () -> new Scan().withStartRow(tooLong));
    assertThrows(IllegalArgumentException.class, () -> new Put(ROW).addColumn(new byte[0], Q, Q));
    assertThrows(IllegalArgumentException.class, () -> new Put(ROW).addColumn(CF, Q, -1, Q));
    assertThrows(IllegalArgumentException.class, () -> new Get(ROW).readVersions(0));
    assertThrows(IllegalArgumentException.class, () -> new Scan().setBatch(0));
    assertThrows(IllegalArgumentException.class, () -> new Scan().setLimit(-1));
  }

  @Test
  void putGroupsCellsByFamilyInUnsignedOrder() {
    Put p = new Put(ROW, 100).addColumn(CG, Q, b("v1")).addColumn(CF, Q, 5, b("v2"))
        .addColumn(new byte[] {(byte) 0xFF}, Q, b("v3")).setDurability(Durability.SKIP_WAL);
    assertEquals(List.of("cf", "cg", "\\xFF"), p.getFamilyCellMap().keySet().stream()
        .map(Bytes::toStringBinary).toList());
    assertEquals(3, p.size());
    assertEquals(Durability.SKIP_WAL, p.getDurability());
    Cell cg = p.getFamilyCellMap().get(CG).get(0);
    assertEquals(100, cg.getTimestamp(), "takes the Put's timestamp");
    assertEquals(CellType.PUT, cg.getType());
    assertEquals(5, p.getFamilyCellMap().get(CF).get(0).getTimestamp());
    assertTrue(p.has(CF, Q));
    assertFalse(p.has(CF, b("other")));
    assertEquals(KeyValue.LATEST_TIMESTAMP,
        new Put(ROW).addColumn(CF, Q, Q).getCells().get(0).getTimestamp());
  }

  @Test
  void deleteMarkers() {
    Delete whole = new Delete(ROW);
    assertTrue(whole.isWholeRow());
    Delete d = new Delete(ROW, 50)
        .addColumn(CF, Q)
        .addColumn(CF, b("q2"), 7)
        .addColumns(CF, b("q3"))
        .addFamilyVersion(CG, 9);
    List<Cell> cf = d.getFamilyCellMap().get(CF);
    assertEquals(CellType.DELETE, cf.get(0).getType());
    assertEquals(50, cf.get(0).getTimestamp());
    assertEquals(7, cf.get(1).getTimestamp());
    assertEquals(CellType.DELETE_COLUMN, cf.get(2).getType());
    assertEquals(CellType.DELETE_FAMILY_VERSION, d.getFamilyCellMap().get(CG).get(0).getType());
    assertEquals(KeyValue.LATEST_TIMESTAMP,
        new Delete(ROW).addColumn(CF, Q).getCells().get(0).getTimestamp(),
        "newest-version delete is a LATEST marker the server resolves");
    d.addFamily(CF);
    assertEquals(1, d.getFamilyCellMap().get(CF).size(), "a family delete covers the others");
    assertEquals(CellType.DELETE_FAMILY, d.getFamilyCellMap().get(CF).get(0).getType());
    assertThrows(IllegalArgumentException.class,
        () -> new Delete(ROW).add(KeyValue.create(ROW, CF, Q, 1, b("v"))));
  }

  @Test
  void incrementAndAppend() {
    Increment inc = new Increment(ROW).addColumn(CF, Q, 5).addColumn(CF, b("r"), -2);
    assertEquals(5L, inc.getFamilyMapOfLongs().get(CF).get(Q));
    assertEquals(-2L, inc.getFamilyMapOfLongs().get(CF).get(b("r")));
    Append app = new Append(ROW).addColumn(CF, Q, b("xy")).setReturnResults(false);
    assertFalse(app.isReturnResults());
    assertArrayEquals(b("xy"), io.cellar.common.cell.Cells.cloneValue(app.getCells().get(0)));
  }

  @Test
  void rowMutationsTakeOneRowOfPutsAndDeletes() {
    RowMutations rm = new RowMutations(ROW).add(new Put(ROW).addColumn(CF, Q, Q))
        .add(new Delete(ROW).addColumns(CF, b("x")));
    assertEquals(2, rm.getMutations().size());
    assertThrows(IllegalArgumentException.class, () -> rm.add(new Put(b("other"))));
    assertThrows(IllegalArgumentException.class, () -> rm.add(new Increment(ROW)));
  }

  @Test
  void getAndScanSettings() {
    Get g = new Get(ROW).addColumn(CF, Q).addFamily(CG).setTimeRange(1, 10).readVersions(3)
        .setCheckExistenceOnly(true);
    assertEquals(2, g.numFamilies());
    assertTrue(g.getFamilyMap().get(CG).isEmpty(), "whole family");
    assertEquals(1, g.getFamilyMap().get(CF).size());
    g.addColumn(CG, Q);
    assertTrue(g.getFamilyMap().get(CG).isEmpty(), "a whole family stays whole");
    assertEquals(1, g.getTimeRange().getMin());
    assertEquals(10, g.getTimeRange().getMax());
    assertEquals(Integer.MAX_VALUE, new Get(ROW).readAllVersions().getMaxVersions());
    assertEquals(7, new Get(ROW).setTimestamp(7).getTimeRange().getMin());

    Scan s = new Scan().setRowPrefixFilter(b("ab"));
    assertArrayEquals(b("ab"), s.getStartRow());
    assertArrayEquals(b("ac"), s.getStopRow());
    assertTrue(s.includeStartRow());
    assertFalse(s.includeStopRow());
    s.withStopRow(b("zz"), true);
    assertTrue(s.includeStopRow());
    assertArrayEquals(new byte[0], new Scan().setRowPrefixFilter(new byte[] {(byte) 0xFF})
        .getStopRow(), "no successor: open stop row");
  }

  @Test
  void scanTellsItsFilterTheDirection() {
    PrefixFilter f = new PrefixFilter(b("a"));
    new Scan().setReversed(true).setFilter(f);
    assertTrue(f.isReversed());
    new Scan().setFilter(f).setReversed(false);
    assertFalse(f.isReversed());
  }

  @Test
  void resultLookups() {
    Result r = Result.create(List.of(
        KeyValue.create(ROW, CG, Q, 1, b("g")),
        KeyValue.create(ROW, CF, Q, 2, b("old")),
        KeyValue.create(ROW, CF, Q, 3, b("new")),
        KeyValue.create(ROW, CF, b("r"), 3, b("")))); // not sorted on purpose
    assertEquals(4, r.size());
    assertArrayEquals(ROW, r.getRow());
    assertArrayEquals(b("new"), r.getValue(CF, Q));
    assertArrayEquals(b("new"), r.value());
    assertEquals(3, r.getColumnLatestCell(CF, Q).getTimestamp());
    assertEquals(2, r.getColumnCells(CF, Q).size());
    assertTrue(r.containsColumn(CF, b("r")));
    assertFalse(r.containsNonEmptyColumn(CF, b("r")));
    assertNull(r.getValue(CF, b("missing")));
    assertNull(r.getColumnLatestCell(b("nofam"), Q));
    assertEquals(List.of(), r.getColumnCells(CF, b("missing")));
    assertEquals(2, r.getFamilyMap(CF).size());
    assertArrayEquals(b("new"), r.getFamilyMap(CF).get(Q));
    assertArrayEquals(b("old"), r.getMap().get(CF).get(Q).get(2L));
    assertEquals(3L, r.getMap().get(CF).get(Q).firstKey(), "newest first");
    assertEquals("cf", Bytes.toString(io.cellar.common.cell.Cells.cloneFamily(r.rawCells()[0])));
    assertTrue(Result.EMPTY_RESULT.isEmpty());
    assertNull(Result.EMPTY_RESULT.getRow());
    assertTrue(Result.ofExists(true).getExists());
    assertThrows(IllegalArgumentException.class, () -> Result.create(List.of(
        KeyValue.create(ROW, CF, Q, 1, Q), KeyValue.create(b("x"), CF, Q, 1, Q))));
  }

  @Test
  void resultOverACellBlockSliceMakesTheSameCells() {
    List<KeyValue> sorted = List.of(
        KeyValue.create(ROW, CF, Q, 3, b("new")),
        KeyValue.create(ROW, CF, Q, 2, b("old")),
        KeyValue.create(ROW, CF, b("r"), 3, b("")),
        KeyValue.create(ROW, CG, Q, 1, b("g")));
    byte[] other = KeyValue.create(b("x"), CF, Q, 1, b("x")).getBuffer();
    // a block holding another row's cell first, then the row: the Result is cells 1..4
    int total = other.length;
    for (KeyValue kv : sorted) {
      total += kv.getLength();
    }
    byte[] block = new byte[total];
    int[] offsets = new int[sorted.size() + 2];
    System.arraycopy(other, 0, block, 0, other.length);
    int at = other.length;
    for (int i = 0; i < sorted.size(); i++) {
      KeyValue kv = sorted.get(i);
      offsets[i + 1] = at;
      System.arraycopy(kv.getBuffer(), kv.getOffset(), block, at, kv.getLength());
      at += kv.getLength();
    }
    offsets[sorted.size() + 1] = at;
    Result slice = Result.ofEncodedRow(block, offsets, 1, sorted.size(), true);
    Result made = Result.create(sorted, null, true);
    assertEquals(4, slice.size());
    assertFalse(slice.isEmpty());
    assertTrue(slice.mayHaveMoreCellsInRow());
    assertNull(slice.getExists());
    assertArrayEquals(ROW, slice.getRow());
    assertEquals(made.toString(), slice.toString());
    for (int i = 0; i < 4; i++) {
      assertEquals(0, io.cellar.common.cell.CellComparator.INSTANCE.compare(
          made.listCells().get(i), slice.listCells().get(i)));
    }
    assertArrayEquals(b("new"), slice.getValue(CF, Q));
    assertEquals(2, slice.getColumnCells(CF, Q).size());
    assertArrayEquals(b("g"), slice.getFamilyMap(CG).get(Q));
    assertSame(slice.listCells(), slice.listCells(), "cells are made once");
    assertThrows(UnsupportedOperationException.class, () -> slice.listCells().set(0, null));
    assertThrows(IllegalArgumentException.class,
        () -> Result.ofEncodedRow(block, offsets, 1, 5, false));
    assertThrows(IllegalArgumentException.class,
        () -> Result.ofEncodedRow(block, offsets, 1, 0, false));
  }

  @Test
  void checkAndMutateConditionsFollowHBase() {
    Put put = new Put(ROW).addColumn(CF, Q, b("v"));
    Cell current = KeyValue.create(ROW, CF, Q, 1, b("5"));
    CheckAndMutate eq = CheckAndMutate.newBuilder(ROW).ifEquals(CF, Q, b("5")).build(put);
    assertTrue(eq.isConditionMet(current));
    assertFalse(eq.isConditionMet(null));
    CheckAndMutate absent = CheckAndMutate.newBuilder(ROW).ifNotExists(CF, Q).build(put);
    assertTrue(absent.isConditionMet(null));
    assertFalse(absent.isConditionMet(current));
    // HBase: the given value is on the left: 3 LESS 5 holds.
    assertTrue(CheckAndMutate.newBuilder(ROW).ifMatches(CF, Q, CompareOperator.LESS, b("3"))
        .build(put).isConditionMet(current));
    assertFalse(CheckAndMutate.newBuilder(ROW).ifMatches(CF, Q, CompareOperator.GREATER, b("3"))
        .build(put).isConditionMet(current));
    assertTrue(CheckAndMutate.newBuilder(ROW).ifMatches(CF, Q, CompareOperator.NOT_EQUAL, null)
        .build(put).isConditionMet(current), "NOT_EQUAL null: present and non-empty");
    assertThrows(IllegalArgumentException.class,
        () -> CheckAndMutate.newBuilder(ROW).ifEquals(CF, Q, Q).build(new Put(b("other"))));
    assertThrows(IllegalStateException.class, () -> CheckAndMutate.newBuilder(ROW).build(put));
    assertThrows(IllegalArgumentException.class, () -> CheckAndMutate.newBuilder(ROW)
        .ifMatches(CF, Q, CompareOperator.NO_OP, Q));
    CheckAndMutate withRm = CheckAndMutate.newBuilder(ROW).ifNotExists(CF, Q)
        .build(new RowMutations(ROW).add(put));
    assertNull(withRm.getMutation());
    assertEquals(1, withRm.getRowMutations().getMutations().size());
  }
}
