package io.cellar.client.filter;

import static io.cellar.client.filter.FilterDriver.cell;

import io.cellar.common.cell.Cell;
import java.util.List;

/** Small hand-made tables shared by the filter tests. */
final class FilterFixtures {
  private FilterFixtures() {}

  /** Three rows, two families, a few versions. */
  static List<Cell> table() {
    return List.of(
        cell("r1", "cf", "a", 3, "1"),
        cell("r1", "cf", "a", 2, "0"),
        cell("r1", "cf", "b", 3, "x"),
        cell("r1", "cg", "a", 1, "y"),
        cell("r2", "cf", "a", 5, "5"),
        cell("r2", "cf", "ab", 5, "abc"),
        cell("r2", "cf", "c", 5, "0"),
        cell("r2", "cg", "b", 4, "z"),
        cell("r3", "cf", "b", 7, "hello world"),
        cell("r3", "cg", "a", 7, "7"),
        cell("s1", "cf", "a", 1, "s"));
  }
}
