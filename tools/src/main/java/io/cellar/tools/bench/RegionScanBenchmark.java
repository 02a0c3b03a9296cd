package io.cellar.tools.bench;

import io.cellar.client.Scan;
import io.cellar.common.cell.Cell;
import io.cellar.regionserver.RegionScanner;
import io.cellar.tools.pe.PeRowShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Forward scan on the 5 M-cell {@link ReadFixture}, block cache warm: open a region scanner at
 * a random row and read 100 rows (one cell each), as "seek + 100 nexts". Secondary results
 * {@code cells} and {@code bytes} are per second (bytes = {@link BenchData#CELL_BYTES} per
 * cell). Baseline for MB/s: {@link Lz4BlockBaselineBenchmark} on the same file's blocks.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Dcellar.log.level=WARN"})
public class RegionScanBenchmark {
  public static final int ROWS = 100;
  /** A pe cell's KeyValue encoding: 10-byte row, family info, field<i>, 100-byte value. */
  private static final int PE_CELL_BYTES = 8 + 2 + 10 + 1 + 4 + 6 + 8 + 1 + 100;

  /** Cells and bytes read, reported by JMH as rates. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counts {
    public long cells;
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      cells = 0;
      bytes = 0;
    }
  }

  @Benchmark
  @Threads(1)
  public void scan100_1t(ReadFixtureState s, Counts counts, Blackhole bh) throws IOException {
    byte[] start = BenchData.key(ThreadLocalRandom.current().nextLong(s.cells));
    List<Cell> row = new ArrayList<>(2);
    int n = 0;
    try (RegionScanner scanner =
        s.region.region().getScanner(new Scan().withStartRow(start).setLimit(ROWS))) {
      boolean more = true;
      for (int r = 0; r < ROWS && more; r++) {
        row.clear();
        more = scanner.next(row);
        for (int i = 0; i < row.size(); i++) {
          bh.consume(row.get(i));
        }
        n += row.size();
      }
    }
    counts.cells += n;
    counts.bytes += (long) n * BenchData.CELL_BYTES;
  }

  /**
   * The server's side of a pe scan: 100 whole rows of 10 columns from a random start, on
   * {@link WideRowFixtureState} (one file, 30 % of rows rewritten in the memstore), newest
   * versions, rows collected into one list as the scan RPC collects them.
   */
  @Benchmark
  @Threads(1)
  public void scanWideRows_1t(WideRowFixtureState s, Counts counts, Blackhole bh)
      throws IOException {
    byte[] start = PeRowShape.rowKey(ThreadLocalRandom.current().nextLong(s.rows));
    List<Cell> cells = new ArrayList<>(ROWS * 10); // every row in one list, as the fetch does
    int rows = 0;
    try (RegionScanner scanner =
        s.region.region().getScanner(new Scan().withStartRow(start).setLimit(ROWS))) {
      boolean more = true;
      while (rows < ROWS && more) {
        int before = cells.size();
        more = scanner.next(cells);
        if (cells.size() > before) {
          rows++;
        }
      }
    }
    bh.consume(cells);
    int n = cells.size();
    counts.cells += n;
    counts.bytes += (long) n * PE_CELL_BYTES;
  }
}
