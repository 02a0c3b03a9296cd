package io.cellar.tools.bench;

import java.util.Arrays;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory bound of a random get: a bare {@code ConcurrentSkipListMap<byte[], byte[]>}
 * (ordered by {@code Arrays::compareUnsigned}) holding the same {@code cells} keys and values as
 * the {@link ReadFixture}, looked up by a present key at 1 and 2 threads, and by an absent one.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Dcellar.log.level=WARN"})
@State(Scope.Benchmark)
public class SkipListGetBaselineBenchmark {
  @Param({"5000000"})
  public long cells;

  private ConcurrentSkipListMap<byte[], byte[]> map;

  @Setup(Level.Trial)
  public void fill() {
    map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    for (long i = 0; i < cells; i++) {
      map.put(BenchData.key(i), BenchData.value(i));
    }
  }

  private byte[] present() {
    return map.get(BenchData.key(ThreadLocalRandom.current().nextLong(cells)));
  }

  @Benchmark
  @Threads(1)
  public byte[] get_1t() {
    return present();
  }

  @Benchmark
  @Threads(2)
  public byte[] get_2t() {
    return present();
  }

  @Benchmark
  @Threads(1)
  public byte[] getAbsent_1t() {
    return map.get(BenchData.absentKey(ThreadLocalRandom.current().nextLong(cells)));
  }
}
