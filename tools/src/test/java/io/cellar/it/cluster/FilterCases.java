package io.cellar.it.cluster;

import static io.cellar.client.CompareOperator.EQUAL;
import static io.cellar.client.CompareOperator.GREATER;
import static io.cellar.client.CompareOperator.GREATER_OR_EQUAL;
import static io.cellar.client.CompareOperator.LESS;
import static io.cellar.client.CompareOperator.LESS_OR_EQUAL;
import static io.cellar.client.CompareOperator.NOT_EQUAL;

import io.cellar.client.CompareOperator;
import io.cellar.client.filter.BinaryComparator;
import io.cellar.client.filter.BinaryPrefixComparator;
import io.cellar.client.filter.ColumnPrefixFilter;
import io.cellar.client.filter.ColumnRangeFilter;
import io.cellar.client.filter.FamilyFilter;
import io.cellar.client.filter.FilterList;
import io.cellar.client.filter.FirstKeyOnlyFilter;
import io.cellar.client.filter.KeyOnlyFilter;
import io.cellar.client.filter.MultipleColumnPrefixFilter;
import io.cellar.client.filter.PrefixFilter;
import io.cellar.client.filter.QualifierFilter;
import io.cellar.client.filter.RegexStringComparator;
import io.cellar.client.filter.RowFilter;
import io.cellar.client.filter.SingleColumnValueFilter;
import io.cellar.client.filter.SubstringComparator;
import io.cellar.client.filter.TimestampsFilter;
import io.cellar.client.filter.ValueFilter;
import io.cellar.common.Bytes;
import io.cellar.common.filter.Filter;
import io.cellar.it.cluster.ModelRows.ModelCell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The server-side filters of the end-to-end test, each with what it must return for a
 * {@link ModelRows} row, computed here in plain Java (independently of the filter classes).
 * The row keys the cases pick out lie in the rows the end-to-end test filters
 * ({@code r035000..r084999}). PageFilter is checked separately: it counts rows per region.
 */
final class FilterCases {
  private FilterCases() {}

  /** What a filter keeps of row {@code i}: its cells, possibly transformed; empty drops the row. */
  @FunctionalInterface
  interface Expectation {
    List<ModelCell> keep(int i, String row, List<ModelCell> cells);
  }

  /** A named filter and its expectation. */
  record FilterCase(String name, Filter filter, Expectation expectation) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<FilterCase> all() {
    List<FilterCase> cases = new ArrayList<>();
    // Row filters: keep whole rows.
    cases.add(rows("PrefixFilter r0423", new PrefixFilter(b("r0423")),
        (i, row) -> row.startsWith("r0423")));
    cases.add(rows("RowFilter LESS binary", new RowFilter(LESS, bin("r035100")),
        (i, row) -> cmp(row, "r035100") < 0));
    cases.add(rows("RowFilter GREATER_OR_EQUAL binary",
        new RowFilter(GREATER_OR_EQUAL, bin("r084950")), (i, row) -> cmp(row, "r084950") >= 0));
    cases.add(rows("RowFilter EQUAL regex", new RowFilter(EQUAL,
        new RegexStringComparator("^r\\d{3}7[05]5$")), (i, row) -> find("^r\\d{3}7[05]5$", row)));
    cases.add(rows("RowFilter EQUAL binary prefix", new RowFilter(EQUAL, prefix("r0734")),
        (i, row) -> row.startsWith("r0734")));
    cases.add(rows("RowFilter EQUAL substring", new RowFilter(EQUAL,
        new SubstringComparator("R0599")), (i, row) -> row.contains("r0599")));
    // Family and qualifier filters: keep cells.
    cases.add(cellsWhere("FamilyFilter EQUAL binary g", new FamilyFilter(EQUAL, bin("g")),
        c -> c.family().equals("g")));
    cases.add(cellsWhere("FamilyFilter LESS binary g", new FamilyFilter(LESS, bin("g")),
        c -> cmp(c.family(), "g") < 0));
    cases.add(cellsWhere("QualifierFilter EQUAL binary b", new QualifierFilter(EQUAL, bin("b")),
        c -> c.qualifier().equals("b")));
    cases.add(cellsWhere("QualifierFilter GREATER binary b",
        new QualifierFilter(GREATER, bin("b")), c -> cmp(c.qualifier(), "b") > 0));
    cases.add(cellsWhere("QualifierFilter NOT_EQUAL regex",
        new QualifierFilter(NOT_EQUAL, new RegexStringComparator("^[ay]$")),
        c -> !find("^[ay]$", c.qualifier())));
    // Value filters with every comparator and several operators.
    cases.add(value("binary EQUAL red", EQUAL, bin("red"), v -> v.equals("red")));
    cases.add(value("binary NOT_EQUAL red", NOT_EQUAL, bin("red"), v -> !v.equals("red")));
    cases.add(value("binary LESS a-2", LESS, bin("a-2"), v -> cmp(v, "a-2") < 0));
    cases.add(value("binary LESS_OR_EQUAL b-03", LESS_OR_EQUAL, bin("b-03"),
        v -> cmp(v, "b-03") <= 0));
    cases.add(value("binary GREATER_OR_EQUAL y5", GREATER_OR_EQUAL, bin("y5"),
        v -> cmp(v, "y5") >= 0));
    cases.add(value("binary GREATER x1", GREATER, bin("x1"), v -> cmp(v, "x1") > 0));
    cases.add(value("binary prefix EQUAL b-1", EQUAL, prefix("b-1"), v -> v.startsWith("b-1")));
    cases.add(value("binary prefix GREATER m", GREATER, prefix("m"),
        v -> cmp(v.substring(0, Math.min(1, v.length())), "m") > 0));
    cases.add(value("binary prefix LESS a-19", LESS, prefix("a-19"),
        v -> cmp(v.substring(0, Math.min(4, v.length())), "a-19") < 0));
    cases.add(value("regex EQUAL ^x[12]$", EQUAL, new RegexStringComparator("^x[12]$"),
        v -> find("^x[12]$", v)));
    cases.add(value("regex NOT_EQUAL e", NOT_EQUAL, new RegexStringComparator("e"),
        v -> !v.contains("e")));
    cases.add(value("substring EQUAL EE", EQUAL, new SubstringComparator("EE"),
        v -> v.contains("ee")));
    cases.add(value("substring NOT_EQUAL -", NOT_EQUAL, new SubstringComparator("-"),
        v -> !v.contains("-")));
    // Whole rows by one column's value.
    cases.add(new FilterCase("SingleColumnValueFilter g:x EQUAL x1 (missing passes)",
        new SingleColumnValueFilter(ModelRows.G, b("x"), EQUAL, b("x1")),
        (i, row, cells) -> column(cells, "g", "x") == null
            || column(cells, "g", "x").equals("x1") ? cells : List.of()));
    cases.add(new FilterCase("SingleColumnValueFilter g:x EQUAL x1 (filter if missing)",
        new SingleColumnValueFilter(ModelRows.G, b("x"), EQUAL, b("x1")).setFilterIfMissing(true),
        (i, row, cells) -> "x1".equals(column(cells, "g", "x")) ? cells : List.of()));
    cases.add(new FilterCase("SingleColumnValueFilter f:b LESS b-05",
        new SingleColumnValueFilter(ModelRows.F, b("b"), LESS, b("b-05")),
        (i, row, cells) -> cmp(column(cells, "f", "b"), "b-05") < 0 ? cells : List.of()));
    // Column filters.
    cases.add(cellsWhere("ColumnPrefixFilter c", new ColumnPrefixFilter(b("c")),
        c -> c.qualifier().startsWith("c")));
    cases.add(cellsWhere("MultipleColumnPrefixFilter x,a",
        new MultipleColumnPrefixFilter(new byte[][] {b("x"), b("a")}),
        c -> c.qualifier().startsWith("a") || c.qualifier().startsWith("x")));
    cases.add(cellsWhere("ColumnRangeFilter [b, x]", new ColumnRangeFilter(b("b"), true, b("x"),
        true), c -> cmp(c.qualifier(), "b") >= 0 && cmp(c.qualifier(), "x") <= 0));
    cases.add(cellsWhere("ColumnRangeFilter (b, y)", new ColumnRangeFilter(b("b"), false,
        b("y"), false), c -> cmp(c.qualifier(), "b") > 0 && cmp(c.qualifier(), "y") < 0));
    // Key-only, first-key-only, timestamps.
    cases.add(new FilterCase("KeyOnlyFilter", new KeyOnlyFilter(),
        (i, row, cells) -> cells.stream().map(c -> c.withValue("")).toList()));
    cases.add(new FilterCase("FirstKeyOnlyFilter", new FirstKeyOnlyFilter(),
        (i, row, cells) -> List.of(cells.get(0))));
    cases.add(cellsWhere("TimestampsFilter 1003,1007",
        new TimestampsFilter(List.of(1007L, 1003L)), c -> c.ts() == 1003 || c.ts() == 1007));
    // Lists.
    cases.add(cellsWhere("FilterList MUST_PASS_ALL prefix+qualifier+value",
        new FilterList(FilterList.Operator.MUST_PASS_ALL, new PrefixFilter(b("r06")),
            new QualifierFilter(EQUAL, bin("c")), new ValueFilter(EQUAL, bin("blue"))),
        c -> c.qualifier().equals("c") && c.value().equals("blue"),
        row -> row.startsWith("r06")));
    cases.add(cellsWhere("FilterList MUST_PASS_ONE value|qualifier",
        new FilterList(FilterList.Operator.MUST_PASS_ONE, new ValueFilter(EQUAL, bin("red")),
            new QualifierFilter(EQUAL, bin("y"))),
        c -> c.value().equals("red") || c.qualifier().equals("y")));
    cases.add(new FilterCase("FilterList MUST_PASS_ONE of row filters",
        new FilterList(FilterList.Operator.MUST_PASS_ONE,
            new RowFilter(EQUAL, bin("r040007")), new PrefixFilter(b("r08499"))),
        (i, row, cells) -> row.equals("r040007") || row.startsWith("r08499") ? cells : List.of()));
    return cases;
  }

  // ---- building blocks ----

  private static FilterCase rows(String name, Filter f, BiPredicate<Integer, String> keepRow) {
    return new FilterCase(name, f,
        (i, row, cells) -> keepRow.test(i, row) ? cells : List.of());
  }

  private static FilterCase cellsWhere(String name, Filter f, Predicate<ModelCell> keep) {
    return cellsWhere(name, f, keep, row -> true);
  }

  private static FilterCase cellsWhere(String name, Filter f, Predicate<ModelCell> keep,
      Predicate<String> rowPasses) {
    return new FilterCase(name, f, (i, row, cells) -> rowPasses.test(row)
        ? cells.stream().filter(keep).toList() : List.of());
  }

  private static FilterCase value(String name, CompareOperator op,
      io.cellar.client.filter.ByteArrayComparable comparator, Predicate<String> keep) {
    return cellsWhere("ValueFilter " + name, new ValueFilter(op, comparator),
        c -> keep.test(c.value()));
  }

  private static String column(List<ModelCell> cells, String family, String qualifier) {
    for (ModelCell c : cells) {
      if (c.family().equals(family) && c.qualifier().equals(qualifier)) {
        return c.value();
      }
    }
    return null;
  }

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private static boolean find(String regex, String s) {
    return PATTERNS.computeIfAbsent(regex, Pattern::compile).matcher(s).find();
  }

  /** Unsigned byte order of the UTF-8 encodings, as the server compares. */
  private static int cmp(String a, String b) {
    return Integer.signum(Bytes.compare(Bytes.toBytes(a), Bytes.toBytes(b)));
  }

  private static byte[] b(String s) {
    return Bytes.toBytes(s);
  }

  private static BinaryComparator bin(String s) {
    return new BinaryComparator(b(s));
  }

  private static BinaryPrefixComparator prefix(String s) {
    return new BinaryPrefixComparator(b(s));
  }
}
