package io.cellar.client.filter;

import static io.cellar.client.filter.FilterDriver.run;
import static io.cellar.client.filter.FilterFixtures.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cellar.client.CompareOperator;
import io.cellar.common.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompareFiltersTest {
  private static BinaryComparator binary(String s) {
    return new BinaryComparator(Bytes.toBytes(s));
  }

  @Test
  void rowFilterKeepsRowsByKey() {
    assertEquals(List.of("r1 cf:a@3=1", "r1 cf:a@2=0", "r1 cf:b@3=x", "r1 cg:a@1=y",
            "r2 cf:a@5=5", "r2 cf:ab@5=abc", "r2 cf:c@5=0", "r2 cg:b@4=z"),
        run(new RowFilter(CompareOperator.LESS_OR_EQUAL, binary("r2")), table()));
    assertEquals(List.of("r3 cf:b@7=hello world", "r3 cg:a@7=7", "s1 cf:a@1=s"),
        run(new RowFilter(CompareOperator.GREATER, binary("r2")), table()));
    assertEquals(List.of("r1 cf:a@3=1", "r1 cf:a@2=0", "r1 cf:b@3=x", "r1 cg:a@1=y",
            "r3 cf:b@7=hello world", "r3 cg:a@7=7"),
        run(new RowFilter(CompareOperator.EQUAL, new RegexStringComparator("^r[13]$")), table()));
  }

  @Test
  void noOpMatchesNothing() {
    assertEquals(List.of(), run(new RowFilter(CompareOperator.NO_OP, binary("r1")), table()));
    assertEquals(List.of(), run(new ValueFilter(CompareOperator.NO_OP, binary("1")), table()));
  }

  @Test
  void familyFilterKeepsOtherFamiliesOfTheRow() {
    List<String> cg = List.of("r1 cg:a@1=y", "r2 cg:b@4=z", "r3 cg:a@7=7");
    assertEquals(cg, run(new FamilyFilter(CompareOperator.EQUAL, binary("cg")), table()));
    assertEquals(cg, run(new FamilyFilter(CompareOperator.NOT_EQUAL, binary("cf")), table()));
    assertEquals(List.of("r1 cf:a@3=1", "r1 cf:a@2=0", "r1 cf:b@3=x", "r2 cf:a@5=5",
            "r2 cf:ab@5=abc", "r2 cf:c@5=0", "r3 cf:b@7=hello world", "s1 cf:a@1=s"),
        run(new FamilyFilter(CompareOperator.LESS, binary("cg")), table()));
  }

  @Test
  void qualifierFilter() {
    assertEquals(List.of("r1 cf:b@3=x", "r2 cf:ab@5=abc", "r2 cf:c@5=0", "r2 cg:b@4=z",
            "r3 cf:b@7=hello world"),
        run(new QualifierFilter(CompareOperator.GREATER, binary("a")), table()));
    assertEquals(List.of("r1 cf:a@3=1", "r1 cf:a@2=0", "r1 cg:a@1=y", "r2 cf:a@5=5",
            "r2 cf:ab@5=abc", "r3 cg:a@7=7", "s1 cf:a@1=s"),
        run(new QualifierFilter(CompareOperator.EQUAL,
            new BinaryPrefixComparator(Bytes.toBytes("a"))), table()));
  }

  @Test
  void valueFilterWithEachComparator() {
    assertEquals(List.of("r3 cf:b@7=hello world"),
        run(new ValueFilter(CompareOperator.EQUAL, new SubstringComparator("WORLD")), table()));
    assertEquals(List.of("r1 cf:a@3=1", "r1 cf:b@3=x", "r1 cg:a@1=y", "r2 cf:a@5=5",
            "r2 cf:ab@5=abc", "r2 cg:b@4=z", "r3 cf:b@7=hello world", "r3 cg:a@7=7",
            "s1 cf:a@1=s"),
        run(new ValueFilter(CompareOperator.NOT_EQUAL, binary("0")), table()));
    assertEquals(List.of("r1 cf:a@2=0", "r2 cf:c@5=0"),
        run(new ValueFilter(CompareOperator.LESS, binary("1")), table()));
    assertEquals(List.of("r2 cf:a@5=5", "r3 cg:a@7=7"),
        run(new ValueFilter(CompareOperator.EQUAL, new RegexStringComparator("^[5-9]$")),
            table()));
    assertEquals(List.of("r2 cf:ab@5=abc"),
        run(new ValueFilter(CompareOperator.EQUAL,
            new BinaryPrefixComparator(Bytes.toBytes("ab"))), table()));
  }

  @Test
  void comparatorsCompareOperandWithData() {
    assertEquals(0, binary("abc").compareTo(Bytes.toBytes("abc")));
    assertEquals(true, binary("abc").compareTo(Bytes.toBytes("abd")) < 0);
    assertEquals(true, binary("\u00ff").compareTo(Bytes.toBytes("a")) > 0);
    BinaryPrefixComparator p = new BinaryPrefixComparator(Bytes.toBytes("ab"));
    assertEquals(0, p.compareTo(Bytes.toBytes("abzz")));
    assertEquals(true, p.compareTo(Bytes.toBytes("a")) > 0);
    assertEquals(0, new SubstringComparator("LO W").compareTo(Bytes.toBytes("hello world")));
    assertEquals(1, new RegexStringComparator("x+").compareTo(Bytes.toBytes("abc")));
    assertThrows(IllegalArgumentException.class, () -> new RegexStringComparator("(unclosed"));
  }
}
