package io.cellar.tools.bench;

import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.schema.RegionInfo;
import io.cellar.wal.WalEntry;
import io.cellar.wal.WalEntryCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bound of the WAL on this machine, with no engine in the way: each thread writes one
 * record of exactly the size of the WAL frame of a benchmark put to a shared {@code FileChannel}
 * opened for APPEND, then, with {@code force=true}, calls {@code force(false)} itself: no group
 * commit, no batching. The file is truncated at every iteration so the run does not fill the
 * disk.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseG1GC", "-Dcellar.log.level=WARN"})
@State(Scope.Benchmark)
public class WalAppendBaselineBenchmark {
  /** One WAL frame of a benchmark put (region and table names as the region benchmark). */
  public static final int RECORD_BYTES = WalEntryCodec.encodedSize(WalEntry.of(
      new RegionInfo(EmbeddedRegion.TABLE, null, null, 1L).getEncodedName(),
      EmbeddedRegion.TABLE, 1L, System.currentTimeMillis(),
      List.of(KeyValue.create(new byte[BenchData.KEY_LENGTH], BenchData.FAMILY,
          BenchData.QUALIFIER, 1L, CellType.PUT, BenchData.value(1)))));

  @Param({"false", "true"})
  public boolean force;

  private Path dir;
  private FileChannel channel;

  /** Each thread's own record buffer. */
  @State(Scope.Thread)
  public static class Buffers {
    final ByteBuffer record = ByteBuffer.allocate(RECORD_BYTES);

    @Setup
    public void fill() {
      ThreadLocalRandom.current().nextBytes(record.array());
    }
  }

  @Setup(Level.Trial)
  public void openFile() throws IOException {
    dir = BenchDirs.scratch("append-");
    channel = FileChannel.open(dir.resolve("log"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  @Setup(Level.Iteration)
  public void truncate() throws IOException {
    channel.truncate(0);
  }

  @TearDown(Level.Trial)
  public void closeFile() throws IOException {
    try {
      channel.close();
    } finally {
      BenchDirs.delete(dir);
    }
  }

  private void append(Buffers b) throws IOException {
    ByteBuffer r = b.record;
    r.clear();
    while (r.hasRemaining()) {
      channel.write(r);
    }
    if (force) {
      channel.force(false);
    }
  }

  @Benchmark
  @Threads(1)
  public void append_1t(Buffers b) throws IOException {
    append(b);
  }

  @Benchmark
  @Threads(16)
  public void append_16t(Buffers b) throws IOException {
    append(b);
  }

  @Benchmark
  @Threads(64)
  public void append_64t(Buffers b) throws IOException {
    append(b);
  }
}
