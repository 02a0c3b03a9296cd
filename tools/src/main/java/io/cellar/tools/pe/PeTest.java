package io.cellar.tools.pe;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The workloads of {@code cellar pe}, named as on its command line. */
public enum PeTest {
  /** Each client writes its own contiguous slice of rows, in key order. */
  SEQUENTIAL_WRITE("sequentialWrite", true),
  /** Whole rows at random row numbers below {@code rows}. */
  RANDOM_WRITE("randomWrite", true),
  /** Gets of random row numbers below {@code rows} (load the table first). */
  RANDOM_READ("randomRead", false),
  /** Scans of 100 rows from a random start row. */
  SCAN("scan", false),
  /** Half gets of a random row, half updates of one column of a random row (YCSB A). */
  READ_UPDATE("readUpdate", true);

  private final String commandName;
  private final boolean writes;

  PeTest(String commandName, boolean writes) {
    this.commandName = commandName;
    this.writes = writes;
  }

  public String commandName() {
    return commandName;
  }

  /** Whether the test writes (and so needs the durability setting). */
  public boolean writes() {
    return writes;
  }

  /** The test named {@code name} (case-insensitive). */
  public static PeTest fromName(String name) {
    for (PeTest t : values()) {
      if (t.commandName.equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown test '" + name + "'; one of " + names());
  }

  public static String names() {
    return Arrays.stream(values()).map(PeTest::commandName).collect(Collectors.joining(", "));
  }
}
