package io.cellar.tools.bench;

import io.cellar.client.Put;
import io.cellar.common.schema.Durability;
import io.cellar.common.schema.TableDescriptor;
import java.io.IOException;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Region.put} of one random 16-byte key with a 100-byte value, at 1, 16 and 64 writer
 * threads, for each durability. Sampled per operation (JMH SampleTime): the report takes p99
 * from the samples and throughput as {@code threads / mean latency}. The region is the real
 * thing: row locks, MVCC, the shared group-commit WAL, background flushes (at the default
 * 128 MiB) and compactions, all in this JVM. Baseline: {@link WalAppendBaselineBenchmark}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Dcellar.log.level=WARN"})
@State(Scope.Benchmark)
public class RegionPutBenchmark {
  @Param({"SKIP_WAL", "SYNC_WAL", "FSYNC_WAL"})
  public Durability durability;

  private final byte[] value = BenchData.value(1);
  private Path dir;
  private EmbeddedRegion region;

  @Setup(Level.Trial)
  public void openRegion() throws IOException {
    dir = BenchDirs.scratch("put-");
    region = EmbeddedRegion.open(dir, 64L << 20, TableDescriptor.DEFAULT_MEMSTORE_FLUSHSIZE);
  }

  @TearDown(Level.Trial)
  public void closeRegion() throws IOException {
    try {
      region.close();
    } finally {
      BenchDirs.delete(dir);
    }
  }

  private void put() throws IOException {
    Put p = new Put(BenchData.randomKey()).addColumn(BenchData.FAMILY, BenchData.QUALIFIER, value);
    p.setDurability(durability);
    region.region().put(p);
  }

  @Benchmark
  @Threads(1)
  public void put_1t() throws IOException {
    put();
  }

  @Benchmark
  @Threads(16)
  public void put_16t() throws IOException {
    put();
  }

  @Benchmark
  @Threads(64)
  public void put_64t() throws IOException {
    put();
  }
}
