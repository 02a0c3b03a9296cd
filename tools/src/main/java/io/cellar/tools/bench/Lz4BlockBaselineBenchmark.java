package io.cellar.tools.bench;

import io.cellar.common.Bytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Raw LZ4 decompression (lz4-java's safe decompressor, as the HFile reader uses) of the data
 * blocks of the {@link ReadFixture}'s HFile, read straight from the file per the block format
 * of docs/hfile-format.md (no engine code): the bound on reading those blocks from disk, with
 * no checksum, parsing or caching. Each operation decompresses one random block; secondary
 * results {@code bytes} (uncompressed) and {@code cells} are per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Dcellar.log.level=WARN"})
@State(Scope.Benchmark)
public class Lz4BlockBaselineBenchmark {
  private static final int HEADER = 29;
  private static final byte[] DATA_MAGIC = "DATABLK*".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_BLOCKS = 4096;
  private static final LZ4SafeDecompressor LZ4 = LZ4Factory.fastestInstance().safeDecompressor();

  @Param({"5000000"})
  public long cells;

  private final List<byte[]> compressed = new ArrayList<>();
  private final List<Integer> rawSizes = new ArrayList<>();
  private final List<Integer> cellCounts = new ArrayList<>();
  private int maxRaw;

  /** Uncompressed bytes and cells produced, reported by JMH as rates. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Counts {
    public long bytes;
    public long cells;
    byte[] out = new byte[0];

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
      cells = 0;
    }
  }

  @Setup(Level.Trial)
  public void loadBlocks() throws IOException {
    Path hfile;
    try (EmbeddedRegion r = ReadFixture.open(cells);
        Stream<Path> files = Files.list(r.region().getRegionDir().resolve("f"))) {
      hfile = files.filter(p -> p.getFileName().toString().matches("[0-9a-f]{32}"))
          .findFirst().orElseThrow(() -> new IOException("the read fixture has no HFile"));
      readDataBlocks(hfile);
    }
    if (compressed.isEmpty()) {
      throw new IOException("no LZ4-compressed data block in " + hfile);
    }
    long raw = rawSizes.stream().mapToLong(Integer::longValue).sum();
    long onDisk = compressed.stream().mapToLong(b -> b.length).sum();
    System.err.printf("LZ4 baseline: %d blocks of %s, %.2f compression ratio%n",
        compressed.size(), hfile, (double) raw / onDisk);
  }

  /** Reads up to MAX_BLOCKS LZ4 data blocks from the start of the file. */
  private void readDataBlocks(Path hfile) throws IOException {
    try (FileChannel ch = FileChannel.open(hfile, StandardOpenOption.READ)) {
      long pos = 0;
      byte[] header = new byte[HEADER];
      while (compressed.size() < MAX_BLOCKS && pos + HEADER <= ch.size()) {
        readFully(ch, header, pos);
        for (int i = 0; i < DATA_MAGIC.length; i++) {
          if (header[i] != DATA_MAGIC[i]) {
            return; // past the data section
          }
        }
        int payload = Bytes.getInt(header, 8);
        int raw = Bytes.getInt(header, 12);
        if (header[24] == 1) {
          byte[] block = new byte[payload];
          readFully(ch, block, pos + HEADER);
          byte[] out = new byte[raw];
          LZ4.decompress(block, 0, payload, out, 0, raw);
          compressed.add(block);
          rawSizes.add(raw);
          cellCounts.add(Bytes.getInt(out, raw - 4)); // entry count ends the payload
          maxRaw = Math.max(maxRaw, raw);
        }
        pos += HEADER + payload;
      }
    }
  }

  private static void readFully(FileChannel ch, byte[] dst, long pos) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(dst);
    while (bb.hasRemaining()) {
      if (ch.read(bb, pos + bb.position()) < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  @Benchmark
  @Threads(1)
  public int decompressBlock_1t(Counts counts) {
    if (counts.out.length < maxRaw) {
      counts.out = new byte[maxRaw];
    }
    int i = ThreadLocalRandom.current().nextInt(compressed.size());
    byte[] block = compressed.get(i);
    int raw = rawSizes.get(i);
    int n = LZ4.decompress(block, 0, block.length, counts.out, 0, raw);
    counts.bytes += n;
    counts.cells += cellCounts.get(i);
    return n;
  }
}
