package io.cellar.client.filter;

import static io.cellar.client.filter.FilterFixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cellar.client.CompareOperator;
import io.cellar.client.filter.FilterList.Operator;
import io.cellar.common.Bytes;
import io.cellar.common.filter.Filter;
import io.cellar.common.proto.ComparatorProto;
import io.cellar.common.proto.FilterProto;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class FilterProtoRoundTripTest {
  private static byte[] b(String s) {
    return Bytes.toBytes(s);
  }

  /** One fresh instance per call: filters keep state. */
  private static List<Supplier<Filter>> everyFilter() {
    return List.of(
        () -> new PrefixFilter(b("r2")),
        () -> new RowFilter(CompareOperator.LESS, new BinaryComparator(b("r3"))),
        () -> new RowFilter(CompareOperator.NO_OP, new BinaryComparator(b("r3"))),
        () -> new FamilyFilter(CompareOperator.GREATER_OR_EQUAL, new BinaryComparator(b("cg"))),
        () -> new QualifierFilter(CompareOperator.EQUAL,
            new BinaryPrefixComparator(b("a"))),
        () -> new ValueFilter(CompareOperator.NOT_EQUAL,
            new RegexStringComparator("HELLO", Pattern.CASE_INSENSITIVE)),
        () -> new ValueFilter(CompareOperator.EQUAL, new SubstringComparator("Wor")),
        () -> new ValueFilter(CompareOperator.LESS_OR_EQUAL, new BinaryComparator(b("1"))),
        () -> new SingleColumnValueFilter(b("cf"), b("a"), CompareOperator.EQUAL, b("0"))
            .setFilterIfMissing(true).setLatestVersionOnly(false),
        () -> new SingleColumnValueFilter(b("cf"), b("a"), CompareOperator.GREATER,
            new BinaryComparator(b("1"))),
        () -> new ColumnPrefixFilter(b("a")),
        () -> new MultipleColumnPrefixFilter(new byte[][] {b("ab"), b("c")}),
        () -> new ColumnRangeFilter(b("a"), false, b("b"), true),
        () -> new ColumnRangeFilter(null, true, null, false),
        () -> new PageFilter(2),
        () -> new KeyOnlyFilter(),
        () -> new KeyOnlyFilter(true),
        () -> new FirstKeyOnlyFilter(),
        () -> new TimestampsFilter(List.of(3L, 5L, 7L), true),
        () -> new FilterList(Operator.MUST_PASS_ONE,
            new RowFilter(CompareOperator.EQUAL, new BinaryComparator(b("r1"))),
            new FilterList(new QualifierFilter(CompareOperator.EQUAL,
                new BinaryComparator(b("b"))), new KeyOnlyFilter())),
        () -> new FilterList(new FirstKeyOnlyFilter(), new PageFilter(3)),
        () -> new WhileMatchFilter(
            new RowFilter(CompareOperator.NOT_EQUAL, new BinaryComparator(b("r3")))),
        () -> new SkipFilter(
            new ValueFilter(CompareOperator.NOT_EQUAL, new BinaryComparator(b("0")))));
  }

  @Test
  void everyFilterSurvivesTheWireWithTheSameBehaviour() throws Exception {
    for (Supplier<Filter> make : everyFilter()) {
      Filter original = make.get();
      FilterProto proto = Filters.toProto(original);
      FilterBase decoded = Filters.fromProto(FilterProto.parseFrom(proto.toByteArray()));
      assertEquals(original.getClass(), decoded.getClass());
      assertEquals(proto, decoded.toProto(), "stable encoding of " + original);
      FilterDriver.assertSameBehaviour(make.get(), decoded, table());
    }
  }

  @Test
  void malformedProtosAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> Filters.fromProto(FilterProto.getDefaultInstance()));
    FilterProto badRegex = FilterProto.newBuilder().setValue(
        io.cellar.common.proto.CompareFilterProto.newBuilder().setComparator(
            ComparatorProto.newBuilder().setRegexString(
                io.cellar.common.proto.RegexComparatorProto.newBuilder().setPattern("(")))).build();
    assertThrows(IllegalArgumentException.class, () -> Filters.fromProto(badRegex));
    FilterProto deep = new PageFilter(1).toProto();
    for (int i = 0; i < Filters.MAX_NESTING + 2; i++) {
      deep = FilterProto.newBuilder().setSkip(deep).build();
    }
    FilterProto tooDeep = deep;
    assertThrows(IllegalArgumentException.class, () -> Filters.fromProto(tooDeep));
  }

  @Test
  void foreignFiltersCannotBeSent() {
    assertThrows(IllegalArgumentException.class, () -> Filters.toProto(new Filter() {}));
  }
}
