package io.cellar.tools.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.CompareOperator;
import io.cellar.client.filter.BinaryPrefixComparator;
import io.cellar.client.filter.ColumnRangeFilter;
import io.cellar.client.filter.FilterList;
import io.cellar.client.filter.KeyOnlyFilter;
import io.cellar.client.filter.MultipleColumnPrefixFilter;
import io.cellar.client.filter.PageFilter;
import io.cellar.client.filter.PrefixFilter;
import io.cellar.client.filter.RegexStringComparator;
import io.cellar.client.filter.SingleColumnValueFilter;
import io.cellar.client.filter.SkipFilter;
import io.cellar.client.filter.SubstringComparator;
import io.cellar.client.filter.TimestampsFilter;
import io.cellar.client.filter.ValueFilter;
import io.cellar.client.filter.WhileMatchFilter;
import io.cellar.common.filter.Filter;
import io.cellar.tools.shell.filter.FilterStringParser;
import io.cellar.tools.shell.filter.FilterSyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter language without a cluster: the filter trees built and the errors. */
class FilterStringParserTest {
  private static Filter parse(String s) throws FilterSyntaxException {
    return FilterStringParser.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void andBindsTighterThanOrAndRunsFlatten() throws Exception {
    Filter f = parse("PrefixFilter('a') OR PrefixFilter('b') AND KeyOnlyFilter() AND "
        + "FirstKeyOnlyFilter()");
    FilterList or = assertInstanceOf(FilterList.class, f);
    assertEquals(FilterList.Operator.MUST_PASS_ONE, or.getOperator());
    assertInstanceOf(PrefixFilter.class, or.getFilters().get(0));
    FilterList and = assertInstanceOf(FilterList.class, or.getFilters().get(1));
    assertEquals(FilterList.Operator.MUST_PASS_ALL, and.getOperator());
    assertEquals(3, and.getFilters().size());
  }

  @Test
  void parenthesesSkipAndWhile() throws Exception {
    FilterList and = assertInstanceOf(FilterList.class,
        parse("(PrefixFilter('a') OR PrefixFilter('b')) AND SKIP WHILE PageFilter(3)"));
    assertEquals(FilterList.Operator.MUST_PASS_ONE,
        ((FilterList) and.getFilters().get(0)).getOperator());
    SkipFilter skip = assertInstanceOf(SkipFilter.class, and.getFilters().get(1));
    WhileMatchFilter wm = assertInstanceOf(WhileMatchFilter.class, skip.getFilter());
    assertEquals(3, ((PageFilter) wm.getFilter()).getPageSize());
  }

  @Test
  void everyFilterAndComparator() throws Exception {
    SingleColumnValueFilter scvf = assertInstanceOf(SingleColumnValueFilter.class,
        parse("SingleColumnValueFilter('cf', 'a', >=, 'binaryprefix:5', true, false)"));
    assertEquals(CompareOperator.GREATER_OR_EQUAL, scvf.getCompareOperator());
    assertInstanceOf(BinaryPrefixComparator.class, scvf.getComparator());
    assertTrue(scvf.getFilterIfMissing());
    assertEquals(false, scvf.getLatestVersionOnly());
    ValueFilter v =
        assertInstanceOf(ValueFilter.class, parse("ValueFilter(!=, 'regexstring:^a.*')"));
    assertEquals(CompareOperator.NOT_EQUAL, v.getCompareOperator());
    assertInstanceOf(RegexStringComparator.class, v.getComparator());
    assertInstanceOf(SubstringComparator.class,
        ((ValueFilter) parse("ValueFilter(=, 'substring:x')")).getComparator());
    assertArrayEquals("it's".getBytes(StandardCharsets.UTF_8),
        ((ValueFilter) parse("ValueFilter(=, 'binary:it''s')")).getComparator().getValue());
    assertEquals(true, ((KeyOnlyFilter) parse("KeyOnlyFilter(true)")).isLengthAsValue());
    assertEquals(2, ((MultipleColumnPrefixFilter) parse("MultipleColumnPrefixFilter('a', 'b')"))
        .getPrefixes().length);
    assertEquals(List.of(5L, 7L), ((TimestampsFilter) parse("TimestampsFilter(7, 5)"))
        .getTimestamps().stream().sorted().toList());
    ColumnRangeFilter cr = (ColumnRangeFilter) parse("ColumnRangeFilter('', true, 'm', false)");
    assertEquals(null, cr.getMinColumn());
    for (String f : List.of("RowFilter(<, 'binary:a')", "FamilyFilter(=, 'binary:cf')",
        "QualifierFilter(<=, 'binary:q')", "FirstKeyOnlyFilter()", "ColumnPrefixFilter('c')")) {
      parse(f);
    }
  }

  @Test
  void rawBytesSurvive() throws Exception {
    byte[] s = "PrefixFilter('\u0000\u00ff')".getBytes(StandardCharsets.ISO_8859_1);
    PrefixFilter p = (PrefixFilter) FilterStringParser.parse(s);
    assertArrayEquals(new byte[] {0, (byte) 0xFF}, p.getPrefix());
  }

  @Test
  void errorsNameTheProblem() {
    assertTrue(error("PrefixFiltr('a')").contains("did you mean PrefixFilter?"));
    assertTrue(error("PrefixFilter('a'").contains("found the end of the filter"));
    assertTrue(error("PrefixFilter(a)").contains("quote strings with single quotes"));
    assertTrue(error("ValueFilter(<, 'substring:a')").contains("work only with = and !="));
    assertTrue(error("ValueFilter(=, 'nope:a')").contains("bad comparator"));
    assertTrue(error("PageFilter(-1)").contains("positive"));
    assertTrue(error("ValueFilter(=, 'regexstring:(')").startsWith("bad ValueFilter"));
    assertTrue(error("").contains("empty filter string"));
    assertTrue(error("PrefixFilter('a') AND").contains("expected a filter"));
    assertTrue(error("PrefixFilter('a'))").contains("expected AND, OR or the end"));
    assertTrue(error("ValueFilter(==, 'binary:a')").contains("unknown operator"));
    assertTrue(error("SingleColumnValueFilter('a')").contains("does not take 1 argument"));
  }

  private static String error(String s) {
    return assertThrows(FilterSyntaxException.class, () -> parse(s)).getMessage();
  }
}
