package io.cellar.tools.pe;

import io.cellar.common.schema.Durability;
import io.cellar.common.schema.TableName;

/**
 * One {@code cellar pe} run: which test, over how many rows, how many operations in total, on
 * how many client threads, against which table (created with {@code presplit} regions over the
 * row-number range when missing), with which durability for writes and which row shape.
 */
public record PeSettings(PeTest test, long rows, long ops, int threads, TableName table,
    int presplit, Durability durability, int columns, int valueSize, int scanRows,
    double progressSeconds) {
  public static final int DEFAULT_SCAN_ROWS = 100;

  public PeSettings {
    if (rows < 1 || rows > 10_000_000_000L - 1) {
      throw new IllegalArgumentException("rows must be in [1, 10^10): " + rows);
    }
    if (ops < 1 || threads < 1 || presplit < 1 || scanRows < 1) {
      throw new IllegalArgumentException("ops, threads, presplit and scan rows must be positive");
    }
  }

  /** Default operation count: one per row, and for scans one per 10 rows. */
  public static long defaultOps(PeTest test, long rows) {
    return test == PeTest.SCAN ? Math.max(1, rows / 10) : rows;
  }

  public PeRowShape rowShape() {
    return new PeRowShape(columns, valueSize, durability);
  }
}
