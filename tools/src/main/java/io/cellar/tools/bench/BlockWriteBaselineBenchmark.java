package io.cellar.tools.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sequential-write bound of flushes and compactions: one thread appending 64 KiB blocks
 * (the HFile block size) to a {@code FileChannel}, with a {@code force} every 64 MiB (a flush or
 * compaction fsyncs its file once at the end). Throughput in blocks/s; the report converts to
 * MB/s. The file restarts at every 1 GiB and every iteration.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-XX:+UseG1GC", "-Dcellar.log.level=WARN"})
@State(Scope.Benchmark)
public class BlockWriteBaselineBenchmark {
  public static final int BLOCK_BYTES = 64 * 1024;
  private static final int BLOCKS_PER_FORCE = 1024;
  private static final long MAX_FILE = 1L << 30;

  private final ByteBuffer block = ByteBuffer.allocate(BLOCK_BYTES);
  private Path dir;
  private FileChannel channel;
  private long blocks;

  @Setup(Level.Trial)
  public void openFile() throws IOException {
    ThreadLocalRandom.current().nextBytes(block.array());
    dir = BenchDirs.scratch("blocks-");
    channel = FileChannel.open(dir.resolve("file"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
  }

  @Setup(Level.Iteration)
  public void restart() throws IOException {
    channel.truncate(0);
    channel.position(0);
  }

  @TearDown(Level.Trial)
  public void closeFile() throws IOException {
    try {
      channel.close();
    } finally {
      BenchDirs.delete(dir);
    }
  }

  @Benchmark
  @Threads(1)
  public void blockAppend() throws IOException {
    block.clear();
    while (block.hasRemaining()) {
      channel.write(block);
    }
    if (++blocks % BLOCKS_PER_FORCE == 0) {
      channel.force(false);
      if (channel.position() >= MAX_FILE) {
        channel.truncate(0);
        channel.position(0);
      }
    }
  }
}
