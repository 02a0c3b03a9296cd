package io.cellar.tools.bench;

import io.cellar.lsm.compaction.CompactionThrottle;
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
 * One unthrottled {@code Store.majorCompact} of {@code files} flushed files holding
 * {@code cells} random-key cells in all (so every file overlaps every other: a full k-way
 * merge), built untimed before each iteration. Single shot; the report divides
 * {@code cells x} {@link BenchData#CELL_BYTES} (the cell bytes read and rewritten) by the time.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Dcellar.log.level=WARN"})
@State(Scope.Benchmark)
public class MajorCompactionBenchmark {
  @Param({"1000000"})
  public int cells;

  @Param({"4"})
  public int files;

  private StoreFixture fixture;

  @Setup(Level.Iteration)
  public void writeFiles() throws IOException {
    fixture = StoreFixture.create("compact-");
    for (int f = 0; f < files; f++) {
      fixture.fill(cells / files);
      fixture.store().flush(fixture.flushSequenceId());
    }
    System.gc();
  }

  @TearDown(Level.Iteration)
  public void dropStore() {
    fixture.close();
  }

  @Benchmark
  public boolean majorCompact() throws IOException {
    if (!fixture.store().majorCompact(CompactionThrottle.unlimited())) {
      throw new IllegalStateException("nothing was compacted");
    }
    return fixture.store().getStoreFileCount() == 1;
  }
}
