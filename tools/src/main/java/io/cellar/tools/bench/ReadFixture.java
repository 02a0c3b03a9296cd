package io.cellar.tools.bench;

import io.cellar.client.Get;
import io.cellar.client.Mutation;
import io.cellar.client.Put;
import io.cellar.common.schema.Durability;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The read benchmarks' data: a region holding cells {@code key(i) -> value(i)} for
 * {@code i < cells}, major-compacted into one LZ4 HFile with a ROW bloom. Built once (a minute
 * or two for 5 M cells) under {@code <bench dir>/read-<cells>} and reused by every fork and
 * later run; a directory without its {@code READY} marker (an interrupted build) is rebuilt.
 */
final class ReadFixture {
  static final long BLOCK_CACHE_BYTES = 1536L << 20;
  private static final long BUILD_FLUSH_SIZE = 256L << 20;
  private static final int BATCH = 500;
  private static final String READY = "READY";

  private ReadFixture() {}

  /** Opens the fixture of {@code cells} cells, building it first if needed. */
  static EmbeddedRegion open(long cells) throws IOException {
    Path dir = BenchDirs.root().resolve("read-" + cells);
    if (!Files.exists(dir.resolve(READY))) {
      BenchDirs.delete(dir);
      build(dir, cells);
      Files.createFile(dir.resolve(READY));
    }
    return EmbeddedRegion.open(dir, BLOCK_CACHE_BYTES, BUILD_FLUSH_SIZE);
  }

  private static void build(Path dir, long cells) throws IOException {
    long start = System.nanoTime();
    try (EmbeddedRegion r = EmbeddedRegion.open(dir, 64L << 20, BUILD_FLUSH_SIZE)) {
      AtomicLong next = new AtomicLong();
      List<Thread> writers = new ArrayList<>();
      List<Throwable> failures = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        Thread w = new Thread(() -> {
          try {
            long from;
            while ((from = next.getAndAdd(BATCH)) < cells) {
              List<Mutation> batch = new ArrayList<>(BATCH);
              for (long i = from; i < Math.min(cells, from + BATCH); i++) {
                batch.add(new Put(BenchData.key(i))
                    .addColumn(BenchData.FAMILY, BenchData.QUALIFIER, BenchData.value(i))
                    .setDurability(Durability.SKIP_WAL));
              }
              for (IOException e : r.region().batchMutate(batch)) {
                if (e != null) {
                  throw new UncheckedIOException(e);
                }
              }
            }
          } catch (IOException | RuntimeException e) {
            synchronized (failures) {
              failures.add(e);
            }
          }
        }, "fixture-writer-" + t);
        writers.add(w);
        w.start();
      }
      for (Thread w : writers) {
        try {
          w.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted building the read fixture", e);
        }
      }
      if (!failures.isEmpty()) {
        throw new IOException("building the read fixture failed", failures.get(0));
      }
      r.region().flush(true);
      r.region().compact(true);
    }
    System.err.printf("Built the read fixture of %,d cells in %s in %.1f s%n", cells, dir,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Reads every cell once through a scanner that caches blocks, so the block cache is warm;
   * checks that the count is right and that a present and an absent key read as such.
   */
  static void warmAndCheck(EmbeddedRegion r, long cells) throws IOException {
    long n = r.scanAllCells();
    if (n != cells) {
      throw new IllegalStateException("the read fixture holds " + n + " cells, not " + cells
          + ": delete " + r.services().getRootDir() + " to rebuild it");
    }
    if (r.region().get(new Get(BenchData.key(cells / 2))).isEmpty()
        || !r.region().get(new Get(BenchData.absentKey(cells / 2))).isEmpty()) {
      throw new IllegalStateException("the read fixture does not hold the expected keys");
    }
  }
}
