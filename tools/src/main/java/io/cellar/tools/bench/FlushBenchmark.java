package io.cellar.tools.bench;

import io.cellar.lsm.store.StoreFile;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code Store.flush} of a memstore holding {@code cells} random-key cells (filled, untimed,
 * before each iteration): snapshot, HFile write with LZ4 blocks and a ROW bloom, fsync, rename,
 * manifest. Single shot per iteration; the report divides {@code cells x}
 * {@link BenchData#CELL_BYTES} by the time for MB/s.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 4)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Dcellar.log.level=WARN"})
@State(Scope.Benchmark)
public class FlushBenchmark {
  @Param({"1000000"})
  public int cells;

  private StoreFixture fixture;

  @Setup(Level.Iteration)
  public void fillMemStore() throws IOException {
    fixture = StoreFixture.create("flush-");
    fixture.fill(cells);
    System.gc(); // leave the filling's garbage out of the timed flush
  }

  @TearDown(Level.Iteration)
  public void dropStore() {
    fixture.close();
  }

  @Benchmark
  public StoreFile flush() throws IOException {
    return fixture.store().flush(fixture.flushSequenceId()).orElseThrow();
  }
}
