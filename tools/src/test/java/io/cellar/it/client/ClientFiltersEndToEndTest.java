package io.cellar.it.client;

import static io.cellar.it.client.ClientDataEndToEndTest.A;
import static io.cellar.it.client.ClientDataEndToEndTest.B;
import static io.cellar.it.client.ClientDataEndToEndTest.CF;
import static io.cellar.it.client.ClientDataEndToEndTest.F2;
import static io.cellar.it.client.ClientDataEndToEndTest.TS0;
import static io.cellar.it.client.ClientDataEndToEndTest.X;
import static io.cellar.it.client.ClientDataEndToEndTest.readAll;
import static io.cellar.it.client.ClientDataEndToEndTest.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.CompareOperator;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.client.filter.BinaryComparator;
import io.cellar.client.filter.BinaryPrefixComparator;
import io.cellar.client.filter.ColumnPrefixFilter;
import io.cellar.client.filter.ColumnRangeFilter;
import io.cellar.client.filter.FamilyFilter;
import io.cellar.client.filter.FilterList;
import io.cellar.client.filter.FirstKeyOnlyFilter;
import io.cellar.client.filter.KeyOnlyFilter;
import io.cellar.client.filter.MultipleColumnPrefixFilter;
import io.cellar.client.filter.PageFilter;
import io.cellar.client.filter.PrefixFilter;
import io.cellar.client.filter.QualifierFilter;
import io.cellar.client.filter.RegexStringComparator;
import io.cellar.client.filter.RowFilter;
import io.cellar.client.filter.SingleColumnValueFilter;
import io.cellar.client.filter.SkipFilter;
import io.cellar.client.filter.SubstringComparator;
import io.cellar.client.filter.TimestampsFilter;
import io.cellar.client.filter.ValueFilter;
import io.cellar.client.filter.WhileMatchFilter;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.filter.Filter;
import io.cellar.common.schema.TableName;
import io.cellar.tools.LocalCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every filter type through a client scan over a 3-region table on a real cluster (the rows
 * of {@link ClientDataEndToEndTest#rowPut}, 300 of them), forward and, where the filter has a
 * direction, reversed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientFiltersEndToEndTest {
  static final int ROWS = 300;
  static final TableName T = TableName.valueOf("filters");

  @TempDir
  static Path dir;
  LocalCluster cluster;
  Connection conn;
  Table table;

  @BeforeAll
  void startAndLoad() throws Exception {
    cluster = ClientClusterFixture.start(dir, 2);
    conn = ConnectionFactory.createConnection(ClientClusterFixture.clientConf(cluster));
    try (Admin admin = conn.getAdmin()) {
      admin.createTable(ClientDataEndToEndTest.descriptor(T),
          new byte[][] {Bytes.toBytes("r100"), Bytes.toBytes("r200")});
    }
    table = conn.getTable(T);
    List<Put> puts = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      puts.add(ClientDataEndToEndTest.rowPut(i));
    }
    table.put(puts);
  }

  @AfterAll
  void stop() throws Exception {
    if (conn != null) {
      conn.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private List<Result> scan(Filter f) throws Exception {
    return readAll(table, new Scan().setFilter(f));
  }

  private static List<String> rows(List<Result> rs) {
    List<String> out = new ArrayList<>();
    for (Result r : rs) {
      out.add(Bytes.toString(r.getRow()));
    }
    return out;
  }

  private static int cells(List<Result> rs) {
    int n = 0;
    for (Result r : rs) {
      n += r.size();
    }
    return n;
  }

  @Test
  void prefixFilter() throws Exception {
    assertEquals(List.of("r120", "r121", "r122", "r123", "r124", "r125", "r126", "r127",
        "r128", "r129"), rows(scan(new PrefixFilter(Bytes.toBytes("r12")))));
  }

  @Test
  void rowFilters() throws Exception {
    assertEquals(List.of("r150"), rows(scan(new RowFilter(CompareOperator.EQUAL,
        new BinaryComparator(Bytes.toBytes("r150"))))));
    assertEquals(30, scan(new RowFilter(CompareOperator.EQUAL,
        new RegexStringComparator("^r..7$"))).size());
    assertEquals(100, scan(new RowFilter(CompareOperator.EQUAL,
        new BinaryPrefixComparator(Bytes.toBytes("r2")))).size());
    assertEquals(ROWS - 5, scan(new RowFilter(CompareOperator.GREATER_OR_EQUAL,
        new BinaryComparator(row(5)))).size());
  }

  @Test
  void familyAndQualifierFilters() throws Exception {
    List<Result> f2 = scan(new FamilyFilter(CompareOperator.EQUAL,
        new BinaryComparator(F2)));
    assertEquals(30, f2.size());
    assertEquals(30, cells(f2));
    List<Result> qb = scan(new QualifierFilter(CompareOperator.EQUAL, new BinaryComparator(B)));
    assertEquals(ROWS, qb.size());
    assertEquals(ROWS, cells(qb));
  }

  @Test
  void valueFilters() throws Exception {
    assertEquals(List.of("r042"), rows(scan(new ValueFilter(CompareOperator.EQUAL,
        new BinaryComparator(Bytes.toBytes("v42"))))));
    // v29, v290..v299
    assertEquals(11, scan(new ValueFilter(CompareOperator.EQUAL,
        new SubstringComparator("v29"))).size());
    List<Result> scv = scan(new SingleColumnValueFilter(CF, A, CompareOperator.EQUAL,
        Bytes.toBytes("v7")).setFilterIfMissing(true));
    assertEquals(List.of("r007"), rows(scv));
    assertEquals(2, scv.get(0).size(), "the whole row (cf:a and cf:b) comes back");
  }

  @Test
  void columnFilters() throws Exception {
    List<Result> a = scan(new ColumnPrefixFilter(A));
    assertEquals(ROWS, a.size());
    assertEquals(ROWS, cells(a));
    List<Result> ax = scan(new MultipleColumnPrefixFilter(new byte[][] {A, X}));
    assertEquals(ROWS + 30, cells(ax));
    List<Result> range = scan(new ColumnRangeFilter(A, true, B, false));
    assertEquals(ROWS, cells(range));
    for (Result r : range) {
      assertTrue(r.containsColumn(CF, A));
    }
  }

  @Test
  void pageFilterWithinARegion() throws Exception {
    List<Result> page = readAll(table, new Scan().withStopRow(row(100))
        .setFilter(new PageFilter(5)));
    assertEquals(List.of("r000", "r001", "r002", "r003", "r004"), rows(page));
  }

  @Test
  void keyOnlyAndFirstKeyOnly() throws Exception {
    List<Result> keys = scan(new KeyOnlyFilter());
    assertEquals(ROWS * 2 + 30, cells(keys));
    for (Result r : keys) {
      for (Cell c : r.listCells()) {
        assertEquals(0, c.getValueLength());
      }
    }
    List<Result> first = scan(new FirstKeyOnlyFilter());
    assertEquals(ROWS, first.size());
    assertEquals(ROWS, cells(first));
  }

  @Test
  void timestampsFilter() throws Exception {
    assertEquals(List.of("r005", "r250"), rows(scan(new TimestampsFilter(
        List.of(TS0 + 5, TS0 + 250, TS0 + 99_999)))));
  }

  @Test
  void filterLists() throws Exception {
    List<Result> and = readAll(table, new Scan().addColumn(CF, A).setFilter(new FilterList(
        FilterList.Operator.MUST_PASS_ALL, new PrefixFilter(Bytes.toBytes("r1")),
        new ValueFilter(CompareOperator.EQUAL, new SubstringComparator("5")))));
    assertEquals(19, and.size(), "r1xx with a 5 in the number");
    assertEquals(List.of("r001", "r299"), rows(scan(new FilterList(
        FilterList.Operator.MUST_PASS_ONE,
        new RowFilter(CompareOperator.EQUAL, new BinaryComparator(row(1))),
        new RowFilter(CompareOperator.EQUAL, new BinaryComparator(row(299)))))));
  }

  @Test
  void whileMatchAndSkip() throws Exception {
    assertEquals(10, scan(new WhileMatchFilter(new RowFilter(CompareOperator.LESS,
        new BinaryComparator(row(10))))).size());
    List<Result> skip = readAll(table, new Scan().addFamily(F2).setFilter(new SkipFilter(
        new ValueFilter(CompareOperator.NOT_EQUAL, new BinaryComparator(Bytes.toBytes("x0"))))));
    assertEquals(29, skip.size(), "the row holding x0 is skipped whole");
    assertArrayEquals(row(10), skip.get(0).getRow());
  }

  @Test
  void filtersOnReversedScans() throws Exception {
    List<Result> rev = readAll(table, new Scan().setReversed(true)
        .setFilter(new PrefixFilter(Bytes.toBytes("r1"))));
    assertEquals(100, rev.size());
    assertArrayEquals(row(199), rev.get(0).getRow());
    assertArrayEquals(row(100), rev.get(99).getRow());
    List<Result> cols = readAll(table, new Scan().setReversed(true).withStartRow(row(210))
        .withStopRow(row(190)).setFilter(new ColumnPrefixFilter(B)));
    assertEquals(20, cols.size());
    assertEquals(20, cells(cols));
  }
}
