package io.cellar.client.filter;

import static io.cellar.client.filter.FilterDriver.cell;
import static io.cellar.client.filter.FilterDriver.run;
import static io.cellar.client.filter.FilterFixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.CompareOperator;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.filter.Filter.ReturnCode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowAndColumnFiltersTest {
  private static byte[] b(String s) {
    return Bytes.toBytes(s);
  }

  @Test
  void prefixFilterSeeksToPrefixAndEndsAfterIt() {
    PrefixFilter f = new PrefixFilter(b("r2"));
    assertEquals(List.of("r2 cf:a@5=5", "r2 cf:ab@5=abc", "r2 cf:c@5=0", "r2 cg:b@4=z"),
        run(f, table()));
    assertTrue(f.filterAllRemaining(), "scan ends once past the prefix");
    assertEquals(List.of("r3 cf:b@7=hello world", "r3 cg:a@7=7"),
        run(new PrefixFilter(b("r3")), table()));
    assertEquals(11 - 1, run(new PrefixFilter(b("r")), table()).size());
  }

  @Test
  void prefixFilterOnReversedScan() {
    PrefixFilter f = new PrefixFilter(b("r2"));
    f.setReversed(true);
    assertEquals(List.of("r2 cf:a@5=5", "r2 cf:ab@5=abc", "r2 cf:c@5=0", "r2 cg:b@4=z"),
        FilterDriver.run(f, table(), true));
    assertTrue(f.filterAllRemaining());
  }

  @Test
  void singleColumnValueFilterDecidesPerRow() {
    SingleColumnValueFilter f =
        new SingleColumnValueFilter(b("cf"), b("a"), CompareOperator.EQUAL, b("5"));
    assertEquals(List.of("r2 cf:a@5=5", "r2 cf:ab@5=abc", "r2 cf:c@5=0", "r2 cg:b@4=z",
        "r3 cf:b@7=hello world", "r3 cg:a@7=7"), run(f, table()));
    f.setFilterIfMissing(true);
    assertEquals(List.of("r2 cf:a@5=5", "r2 cf:ab@5=abc", "r2 cf:c@5=0", "r2 cg:b@4=z"),
        run(f, table()));
  }

  @Test
  void singleColumnValueFilterLatestVersionOnly() {
    SingleColumnValueFilter latest =
        new SingleColumnValueFilter(b("cf"), b("a"), CompareOperator.EQUAL, b("0"))
            .setFilterIfMissing(true);
    assertEquals(List.of(), run(latest, table()), "r1's newest cf:a is 1, not 0");
    SingleColumnValueFilter any =
        new SingleColumnValueFilter(b("cf"), b("a"), CompareOperator.EQUAL, b("0"))
            .setFilterIfMissing(true).setLatestVersionOnly(false);
    assertEquals(List.of("r1 cf:a@3=1", "r1 cf:a@2=0", "r1 cf:b@3=x", "r1 cg:a@1=y"),
        run(any, table()));
  }

  @Test
  void columnPrefixFilterSkipsPastFamilies() {
    assertEquals(List.of("r1 cf:a@3=1", "r1 cf:a@2=0", "r1 cg:a@1=y", "r2 cf:a@5=5",
            "r2 cf:ab@5=abc", "r3 cg:a@7=7", "s1 cf:a@1=s"),
        run(new ColumnPrefixFilter(b("a")), table()));
    assertEquals(List.of("r1 cf:b@3=x", "r2 cg:b@4=z", "r3 cf:b@7=hello world"),
        run(new ColumnPrefixFilter(b("b")), table()));
  }

  @Test
  void multipleColumnPrefixFilter() {
    assertEquals(List.of("r2 cf:ab@5=abc", "r2 cf:c@5=0"),
        run(new MultipleColumnPrefixFilter(new byte[][] {b("c"), b("ab")}), table()));
    List<Cell> row = List.of(cell("r", "f", "a", 1, "1"), cell("r", "f", "ab", 1, "2"),
        cell("r", "f", "ac", 1, "3"), cell("r", "f", "b", 1, "4"), cell("r", "g", "ax", 1, "5"));
    assertEquals(List.of("r f:a@1=1", "r f:ab@1=2", "r f:ac@1=3", "r g:ax@1=5"),
        run(new MultipleColumnPrefixFilter(new byte[][] {b("a"), b("ab")}), row),
        "overlapping prefixes: ac still starts with a");
  }

  @Test
  void columnRangeFilter() {
    assertEquals(List.of("r1 cf:b@3=x", "r2 cf:ab@5=abc", "r2 cg:b@4=z", "r3 cf:b@7=hello world"),
        run(new ColumnRangeFilter(b("a"), false, b("b"), true), table()));
    assertEquals(List.of("r1 cf:a@3=1", "r1 cf:a@2=0", "r1 cg:a@1=y", "r2 cf:a@5=5",
            "r3 cg:a@7=7", "s1 cf:a@1=s"),
        run(new ColumnRangeFilter(null, true, b("a"), true), table()));
    assertEquals(List.of("r2 cf:c@5=0"),
        run(new ColumnRangeFilter(b("bz"), true, null, false), table()));
  }

  @Test
  void timestampsFilter() {
    List<String> expected = List.of("r1 cf:a@3=1", "r1 cf:b@3=x", "r2 cf:a@5=5",
        "r2 cf:ab@5=abc", "r2 cf:c@5=0");
    assertEquals(expected, run(new TimestampsFilter(List.of(5L, 3L)), table()));
    assertEquals(expected, run(new TimestampsFilter(List.of(5L, 3L), true), table()));
  }

  @Test
  void timestampsFilterHintsToNextWantedVersion() {
    List<Cell> versions = List.of(cell("r", "f", "q", 9, "9"), cell("r", "f", "q", 7, "7"),
        cell("r", "f", "q", 5, "5"), cell("r", "f", "q", 3, "3"), cell("r", "f", "q", 1, "1"));
    TimestampsFilter f = new TimestampsFilter(List.of(7L, 3L), true);
    assertEquals(ReturnCode.SEEK_NEXT_USING_HINT, f.filterCell(versions.get(0)));
    Cell hint = f.getNextCellHint(versions.get(0));
    assertTrue(CellComparator.INSTANCE.compare(hint, versions.get(1)) <= 0);
    assertTrue(CellComparator.INSTANCE.compare(hint, versions.get(0)) > 0);
    assertEquals(List.of("r f:q@7=7", "r f:q@3=3"), run(f, versions));
  }

  @Test
  void pageFilterCountsRowsThatPass() {
    PageFilter page = new PageFilter(2);
    assertEquals(8, run(page, table()).size(), "r1 and r2");
    assertTrue(page.filterAllRemaining());
    FilterList list = new FilterList(FilterList.Operator.MUST_PASS_ALL,
        new RowFilter(CompareOperator.NOT_EQUAL, new BinaryComparator(b("r1"))),
        new PageFilter(2));
    assertEquals(List.of("r2 cf:a@5=5", "r2 cf:ab@5=abc", "r2 cf:c@5=0", "r2 cg:b@4=z",
        "r3 cf:b@7=hello world", "r3 cg:a@7=7"), run(list, table()));
    assertEquals(List.of(), run(new PageFilter(0), table()));
  }

  @Test
  void keyOnlyFilterDropsValues() {
    List<String> out = run(new KeyOnlyFilter(), table());
    assertEquals(11, out.size());
    assertEquals("r3 cf:b@7=", out.get(8));
    assertEquals("r3 cf:b@7=\\x00\\x00\\x00\\x0B", run(new KeyOnlyFilter(true), table()).get(8));
  }

  @Test
  void firstKeyOnlyFilter() {
    assertEquals(List.of("r1 cf:a@3=1", "r2 cf:a@5=5", "r3 cf:b@7=hello world", "s1 cf:a@1=s"),
        run(new FirstKeyOnlyFilter(), table()));
  }

  @Test
  void whileMatchFilterEndsScanAtFirstRejection() {
    WhileMatchFilter rows = new WhileMatchFilter(
        new RowFilter(CompareOperator.NOT_EQUAL, new BinaryComparator(b("r3"))));
    assertEquals(8, run(rows, table()).size(), "r1, r2; s1 would pass but the scan ended");
    assertTrue(rows.filterAllRemaining());
    WhileMatchFilter values = new WhileMatchFilter(
        new ValueFilter(CompareOperator.NOT_EQUAL, new BinaryComparator(b("0"))));
    assertEquals(List.of("r1 cf:a@3=1"), run(values, table()));
  }

  @Test
  void skipFilterDropsWholeRowsWithARejectedCell() {
    assertEquals(List.of("r3 cf:b@7=hello world", "r3 cg:a@7=7", "s1 cf:a@1=s"),
        run(new SkipFilter(new ValueFilter(CompareOperator.NOT_EQUAL,
            new BinaryComparator(b("0")))), table()));
  }
}
