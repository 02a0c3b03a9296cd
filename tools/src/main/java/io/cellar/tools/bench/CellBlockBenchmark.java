package io.cellar.tools.bench;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.rpc.CellBlock;
import io.cellar.tools.pe.PeRowShape;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two ends of a pe scan's reply, without the network: the server appending 100 pe rows
 * (1,000 cells, ~140 KB) to a direct frame buffer, and the client indexing the received block
 * (checking each cell and noting where it starts). The cells are slices of one array with a
 * byte between them, as cells of an HFile block are (each is followed by its sequence id).
 * Run with {@code -jvmArgsAppend "-Xmx2g -XX:+UseG1GC -XX:TieredStopAtLevel=1"} to see the
 * C1-only client of a short pe run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC", "-Dcellar.log.level=WARN"})
@State(Scope.Thread)
public class CellBlockBenchmark {
  private static final int ROWS = 100;
  private static final int COLUMNS = 10;

  private Cell[] cells;
  private long bytes;
  private byte[] received;
  private int[] counts;

  @Setup
  public void setUp() throws InvalidRequestException {
    byte[] value = new byte[100];
    cells = new Cell[ROWS * COLUMNS];
    byte[] slab = new byte[ROWS * COLUMNS * 160];
    int off = 0;
    long start = ThreadLocalRandom.current().nextLong(1_000_000 - ROWS);
    for (int r = 0; r < ROWS; r++) {
      byte[] row = PeRowShape.rowKey(start + r);
      for (int c = 0; c < COLUMNS; c++) {
        ThreadLocalRandom.current().nextBytes(value);
        KeyValue kv = KeyValue.create(row, PeRowShape.FAMILY, ("field" + c).getBytes(),
            1_700_000_000_000L, value);
        System.arraycopy(kv.getEncodedArray(), kv.getEncodedOffset(), slab, off, kv.getLength());
        cells[r * COLUMNS + c] = new KeyValue(slab, off, kv.getLength());
        off += kv.getLength() + 1;
        bytes += kv.getLength();
      }
    }
    received = CellBlock.ofCells(Arrays.asList(cells)).bytes();
    counts = new int[ROWS];
    Arrays.fill(counts, COLUMNS);
  }

  /** The server: the cells' encodings appended to a frame buffer sized for them. */
  @Benchmark
  public int writeToFrame() {
    ByteBuf frame = ByteBufAllocator.DEFAULT.directBuffer((int) bytes);
    try {
      CellBlock.ofCells(cells, bytes).writeTo(frame);
      return frame.writerIndex();
    } finally {
      frame.release();
    }
  }

  /** The client: where each received cell starts, after checking it is well formed. */
  @Benchmark
  public int[] indexReceived() throws InvalidRequestException {
    return CellBlock.of(received).cellOffsets(counts);
  }
}
