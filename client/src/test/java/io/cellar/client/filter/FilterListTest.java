package io.cellar.client.filter;

import static io.cellar.client.filter.FilterDriver.cell;
import static io.cellar.client.filter.FilterDriver.run;
import static io.cellar.client.filter.FilterFixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellar.client.CompareOperator;
import io.cellar.client.filter.FilterList.Operator;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.filter.Filter;
import io.cellar.common.filter.Filter.ReturnCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterListTest {
  private static BinaryComparator binary(String s) {
    return new BinaryComparator(Bytes.toBytes(s));
  }

  @Test
  void emptyListPassesEverything() {
    assertEquals(11, run(new FilterList(Operator.MUST_PASS_ONE), table()).size());
    assertEquals(11, run(new FilterList(), table()).size());
  }

  @Test
  void mustPassAll() {
    assertEquals(List.of("r1 cf:a@3=1", "r1 cf:a@2=0", "r2 cf:a@5=5", "s1 cf:a@1=s"),
        run(new FilterList(new FamilyFilter(CompareOperator.EQUAL, binary("cf")),
            new QualifierFilter(CompareOperator.EQUAL, binary("a"))), table()));
    assertEquals(List.of("r1 cf:a@3=1", "r1 cf:a@2=0", "r1 cg:a@1=y", "r2 cf:a@5=5",
            "r2 cf:ab@5=abc", "r3 cg:a@7=7", "s1 cf:a@1=s"),
        run(new FilterList(new ColumnRangeFilter(Bytes.toBytes("a"), true, Bytes.toBytes("b"),
            false), new ColumnPrefixFilter(Bytes.toBytes("a"))), table()));
  }

  @Test
  void mustPassOneKeepsRowsAnyMemberWants() {
    assertEquals(List.of("r1 cf:a@3=1", "r1 cf:a@2=0", "r1 cf:b@3=x", "r1 cg:a@1=y",
            "r2 cg:b@4=z", "r3 cf:b@7=hello world"),
        run(new FilterList(Operator.MUST_PASS_ONE,
            new RowFilter(CompareOperator.EQUAL, binary("r1")),
            new QualifierFilter(CompareOperator.EQUAL, binary("b"))), table()));
  }

  @Test
  void mustPassOneMergesHintsToTheNearest() {
    assertEquals(List.of("r2 cf:ab@5=abc", "r2 cf:c@5=0"),
        run(new FilterList(Operator.MUST_PASS_ONE, new ColumnPrefixFilter(Bytes.toBytes("c")),
            new ColumnPrefixFilter(Bytes.toBytes("ab"))), table()));
  }

  @Test
  void onlyMembersThatIncludedACellTransformIt() {
    FilterList list = new FilterList(Operator.MUST_PASS_ONE,
        new FilterList(new RowFilter(CompareOperator.EQUAL, binary("r3")), new KeyOnlyFilter()),
        new RowFilter(CompareOperator.EQUAL, binary("s1")));
    assertEquals(List.of("r3 cf:b@7=", "r3 cg:a@7=", "s1 cf:a@1=s"), run(list, table()));
  }

  @Test
  void mustPassOneDoesNotAskAgainAboutSkippedCells() {
    List<Cell> seen = new ArrayList<>();
    Filter counting = new FilterBase() {
      @Override
      public ReturnCode filterCell(Cell c) {
        seen.add(c);
        return ReturnCode.NEXT_COL;
      }

      @Override
      public io.cellar.common.proto.FilterProto toProto() {
        throw new UnsupportedOperationException("test filter");
      }
    };
    List<Cell> row = List.of(cell("r", "f", "a", 3, "1"), cell("r", "f", "a", 2, "2"),
        cell("r", "f", "b", 1, "3"));
    assertEquals(List.of("r f:a@3=1", "r f:a@2=2", "r f:b@1=3"),
        run(new FilterList(Operator.MUST_PASS_ONE, counting, new FilterList()), row));
    assertEquals(2, seen.size(), "f:a@2 was covered by the NEXT_COL given for f:a@3");
  }

  @Test
  void returnCodeMerging() {
    assertEquals(ReturnCode.NEXT_COL,
        ReturnCodes.mergeAll(ReturnCode.INCLUDE_AND_NEXT_COL, ReturnCode.SKIP));
    assertEquals(ReturnCode.NEXT_ROW,
        ReturnCodes.mergeAll(ReturnCode.INCLUDE_AND_SEEK_NEXT_ROW, ReturnCode.NEXT_COL));
    assertEquals(ReturnCode.INCLUDE_AND_NEXT_COL,
        ReturnCodes.mergeAll(ReturnCode.INCLUDE, ReturnCode.INCLUDE_AND_NEXT_COL));
    assertEquals(ReturnCode.INCLUDE,
        ReturnCodes.mergeOne(ReturnCode.INCLUDE_AND_NEXT_COL, ReturnCode.SKIP));
    assertEquals(ReturnCode.INCLUDE_AND_NEXT_COL,
        ReturnCodes.mergeOne(ReturnCode.NEXT_COL, ReturnCode.INCLUDE_AND_SEEK_NEXT_ROW));
    assertEquals(ReturnCode.NEXT_COL, ReturnCodes.mergeOne(ReturnCode.NEXT_ROW,
        ReturnCode.NEXT_COL));
    assertEquals(ReturnCode.SKIP,
        ReturnCodes.mergeOne(ReturnCode.SEEK_NEXT_USING_HINT, ReturnCode.NEXT_ROW));
    assertEquals(ReturnCode.INCLUDE,
        ReturnCodes.mergeOne(ReturnCode.SEEK_NEXT_USING_HINT, ReturnCode.INCLUDE_AND_NEXT_COL));
    assertEquals(ReturnCode.SEEK_NEXT_USING_HINT, ReturnCodes.mergeOne(
        ReturnCode.SEEK_NEXT_USING_HINT, ReturnCode.SEEK_NEXT_USING_HINT));
  }

  @Test
  void nestedListsAndWrappers() {
    Filter f = new FilterList(Operator.MUST_PASS_ALL,
        new SkipFilter(new ValueFilter(CompareOperator.NOT_EQUAL, binary("0"))),
        new FilterList(Operator.MUST_PASS_ONE, new PrefixFilter(Bytes.toBytes("s")),
            new FamilyFilter(CompareOperator.EQUAL, binary("cg"))));
    // The seek past family cf hides r1's and r2's "0" values from the SkipFilter: a filter
    // judges only the cells it is offered, as in HBase.
    assertEquals(List.of("r1 cg:a@1=y", "r2 cg:b@4=z", "r3 cg:a@7=7", "s1 cf:a@1=s"),
        run(f, table()));
  }
}
