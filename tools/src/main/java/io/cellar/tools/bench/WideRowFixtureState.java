package io.cellar.tools.bench;

import io.cellar.client.Mutation;
import io.cellar.common.Bytes;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.Durability;
import io.cellar.tools.pe.PeRowShape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state: the shape {@code cellar pe}'s scan step reads. A region of {@code rows} pe rows
 * (10 columns of 100 bytes, family {@code info}, default family settings) flushed to one file,
 * then {@code rewritePercent} % of the rows rewritten whole at random and left in the memstore,
 * as pe's randomWrite step leaves them; block cache warm. Built per trial in a scratch
 * directory (about 20 s for 200 k rows).
 */
@State(Scope.Benchmark)
public class WideRowFixtureState {
  private static final int BATCH = 200;

  @Param({"200000"})
  public long rows;

  @Param({"30"})
  public int rewritePercent;

  EmbeddedRegion region;
  private Path dir;

  @Setup(Level.Trial)
  public void build() throws IOException {
    long start = System.nanoTime();
    dir = BenchDirs.scratch("wide-rows");
    region = EmbeddedRegion.open(dir, ColumnFamilyDescriptor.of(Bytes.toString(PeRowShape.FAMILY)),
        1536L << 20, 2L << 30);
    PeRowShape shape = new PeRowShape(10, 100, Durability.SKIP_WAL);
    for (long from = 0; from < rows; from += BATCH) {
      List<Mutation> batch = new ArrayList<>(BATCH);
      for (long i = from; i < Math.min(rows, from + BATCH); i++) {
        batch.add(shape.fullRow(i));
      }
      check(region.region().batchMutate(batch));
    }
    region.region().flush(true);
    Random rnd = new Random(42);
    long rewrites = rows * rewritePercent / 100;
    for (long done = 0; done < rewrites; done += BATCH) {
      List<Mutation> batch = new ArrayList<>(BATCH);
      for (long i = done; i < Math.min(rewrites, done + BATCH); i++) {
        batch.add(shape.fullRow((long) (rnd.nextDouble() * rows)));
      }
      check(region.region().batchMutate(batch));
    }
    long cells = region.scanAllCells();
    if (cells != rows * 10) {
      throw new IllegalStateException("the wide-row fixture reads " + cells + " cells, not "
          + rows * 10);
    }
    System.err.printf("Built the wide-row fixture (%,d rows, %d %% rewritten) in %.1f s%n", rows,
        rewritePercent, (System.nanoTime() - start) / 1e9);
  }

  private static void check(IOException[] results) throws IOException {
    for (IOException e : results) {
      if (e != null) {
        throw e;
      }
    }
  }

  @TearDown(Level.Trial)
  public void close() throws IOException {
    try {
      region.close();
    } finally {
      BenchDirs.delete(dir);
    }
  }
}
