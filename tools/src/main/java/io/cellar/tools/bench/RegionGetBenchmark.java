package io.cellar.tools.bench;

import io.cellar.client.Get;
import io.cellar.client.Result;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Region.get} of one random row of the 5 M-cell {@link ReadFixture} (one HFile, block
 * cache warm), at 1 and 2 threads, and of absent rows (the ROW bloom answers without reading a
 * block). Baseline: {@link SkipListGetBaselineBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Dcellar.log.level=WARN"})
public class RegionGetBenchmark {
  private static Result get(ReadFixtureState s, byte[] row) throws IOException {
    return s.region.region().get(new Get(row));
  }

  private static byte[] presentKey(ReadFixtureState s) {
    return BenchData.key(ThreadLocalRandom.current().nextLong(s.cells));
  }

  @Benchmark
  @Threads(1)
  public Result get_1t(ReadFixtureState s) throws IOException {
    return get(s, presentKey(s));
  }

  @Benchmark
  @Threads(2)
  public Result get_2t(ReadFixtureState s) throws IOException {
    return get(s, presentKey(s));
  }

  @Benchmark
  @Threads(1)
  public Result getAbsent_1t(ReadFixtureState s) throws IOException {
    return get(s, BenchData.absentKey(ThreadLocalRandom.current().nextLong(s.cells)));
  }
}
