package io.cellar.tools.bench;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.conf.Configuration;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.memstore.InMemoryCompactionExecutor;
import io.cellar.lsm.read.ScanParams;
import io.cellar.lsm.read.StoreScanner;
import io.cellar.lsm.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
 * Get of one whole row through {@code Store.getScanner} exactly as the region server does for a
 * client Get (single-row {@link ScanParams}, newest version, read point at the last write,
 * row-level filter calls left to the region, one {@link StoreScanner#nextRowOnly}), on the
 * store shape of a busy table in {@code cellar pe}: rows of 10 columns {@code field0..field9} x
 * 100 B with 10-digit keys ({@value #ROWS} rows), in
 * <ul>
 *   <li>4 HFiles (LZ4, ROW bloom, all in a warm block cache): the load (every row) and 3
 *       flushes of whole-row updates of a random {@value #UPDATED_ROWS_PER_FILE} rows each, so a
 *       get finds its row in 1.75 files on average and the bloom excludes the others;
 *   <li>a memstore holding whole-row updates of random rows: 7 x 128 k cells rotated into the
 *       pipeline (flattened and merged by the memstore's policy into 2 flat segments, of 640 k
 *       and 256 k cells) plus {@value #ACTIVE_ROWS} rows in the active skip-list segment: about
 *       what a store holds just before its 128 MiB flush.
 * </ul>
 * The whole per-request cost is measured: choosing the sources, opening and seeking their
 * scanners, merging and judging the row's cells. No compactions run (the store has no runner).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseG1GC", "-Dcellar.log.level=WARN"})
@State(Scope.Benchmark)
public class StoreGetBenchmark {
  static final int ROWS = 100_000;
  static final int COLUMNS = 10;
  static final int UPDATED_ROWS_PER_FILE = 25_000;
  static final int UPDATE_FILES = 3;
  static final int PIPELINE_CELLS = 7 * 128 * 1024;
  static final int ACTIVE_ROWS = 3_000;

  private static final byte[] FAMILY = BenchData.FAMILY;
  private static final byte[][] QUALIFIERS = new byte[COLUMNS][];

  static {
    for (int i = 0; i < COLUMNS; i++) {
      QUALIFIERS[i] = Bytes.toBytes("field" + i);
    }
  }

  private Path dir;
  Store store; // package-private: StoreScanBenchmark reads the same store
  byte[][] keys;
  long seqId;
  private long ts = 1;

  @Setup(Level.Trial)
  public void build() throws IOException, InterruptedException {
    keys = new byte[ROWS][];
    for (int i = 0; i < ROWS; i++) {
      keys[i] = String.format("%010d", i).getBytes(StandardCharsets.US_ASCII);
    }
    dir = BenchDirs.scratch("store-get-");
    store = Store.open(dir.resolve("f"), BenchData.family(), new BlockCache(1L << 30),
        new Configuration());
    Random rnd = new Random(20261122);
    for (int i = 0; i < ROWS; i++) {
      writeRow(i);
    }
    store.flush(seqId);
    for (int f = 0; f < UPDATE_FILES; f++) {
      for (int i = 0; i < UPDATED_ROWS_PER_FILE; i++) {
        writeRow(rnd.nextInt(ROWS));
      }
      store.flush(seqId);
    }
    for (int cells = 0; cells < PIPELINE_CELLS; cells += COLUMNS) {
      writeRow(rnd.nextInt(ROWS));
    }
    if (!InMemoryCompactionExecutor.awaitIdle(60_000)) {
      throw new IllegalStateException("memstore flattening did not finish");
    }
    for (int i = 0; i < ACTIVE_ROWS; i++) {
      writeRow(rnd.nextInt(ROWS));
    }
    if (store.getStoreFileCount() != 1 + UPDATE_FILES) {
      throw new IllegalStateException("store has " + store.getStoreFileCount() + " files");
    }
    for (int i = 0; i < ROWS; i++) { // warm the block cache and check the shape
      List<Cell> row = get(keys[i]);
      if (row.size() != COLUMNS) {
        throw new IllegalStateException("row " + i + " has " + row.size() + " cells");
      }
    }
  }

  private void writeRow(int i) {
    long t = ts++;
    long s = ++seqId;
    for (int c = 0; c < COLUMNS; c++) {
      store.add(KeyValue.create(keys[i], FAMILY, QUALIFIERS[c], t, CellType.PUT,
          BenchData.value(i * (long) COLUMNS + c)), s);
    }
  }

  /** One Get, as the region runs it for a store. */
  private List<Cell> get(byte[] row) throws IOException {
    ScanParams p = ScanParams.all()
        .withRows(row, Arrays.copyOf(row, row.length + 1))
        .withMaxVersions(1)
        .withReadPoint(seqId)
        .withRowFilterInStore(false);
    List<Cell> out = new ArrayList<>(COLUMNS);
    try (StoreScanner s = store.getScanner(p)) {
      if (s.peek() != null) {
        s.nextRowOnly(out);
      }
    }
    return out;
  }

  @TearDown(Level.Trial)
  public void close() {
    try {
      store.close();
    } finally {
      BenchDirs.delete(dir);
    }
  }

  @Benchmark
  @Threads(1)
  public List<Cell> get_1t() throws IOException {
    return get(keys[ThreadLocalRandom.current().nextInt(ROWS)]);
  }
}
