package io.cellar.tools.bench;

import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.conf.Configuration;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.store.Store;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A bare {@link Store} of the benchmark family in a scratch directory, without a region,
 * compaction threads or WAL: what flush and compaction benchmarks drive directly.
 */
final class StoreFixture implements Closeable {
  private final Path dir;
  private final Store store;
  private long nextSeqId = 1;
  private long nextCell;

  private StoreFixture(Path dir, Store store) {
    this.dir = dir;
    this.store = store;
  }

  static StoreFixture create(String prefix) throws IOException {
    Path dir = BenchDirs.scratch(prefix);
    return new StoreFixture(dir, Store.open(dir.resolve("f"), BenchData.family(),
        new BlockCache(64L << 20), new Configuration()));
  }

  Store store() {
    return store;
  }

  /** Adds {@code cells} cells with random keys, one sequence id each. */
  void fill(int cells) {
    long ts = System.currentTimeMillis();
    for (int i = 0; i < cells; i++) {
      long n = nextCell++;
      store.add(KeyValue.create(BenchData.randomKey(), BenchData.FAMILY, BenchData.QUALIFIER, ts,
          CellType.PUT, BenchData.value(n)), nextSeqId++);
    }
  }

  /** The sequence id a flush now covers. */
  long flushSequenceId() {
    return nextSeqId - 1;
  }

  @Override
  public void close() {
    try {
      store.close();
    } finally {
      BenchDirs.delete(dir);
    }
  }
}
