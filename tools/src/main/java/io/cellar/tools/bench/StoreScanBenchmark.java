package io.cellar.tools.bench;

import io.cellar.common.cell.Cell;
import io.cellar.lsm.read.ScanParams;
import io.cellar.lsm.read.StoreScanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A {@code cellar pe} scan through {@code Store.getScanner} as the region server runs it for
 * one family: 100 whole rows (10 columns, newest version) from a random start row, read row by
 * row with {@link StoreScanner#nextRowOnly}, on {@link StoreGetBenchmark}'s store (4 HFiles in
 * a warm cache, a memstore of whole-row updates): the per-cell cost of merging and judging.
 * Run only this class's method: {@code bench 'StoreScanBenchmark.scan100'}.
 */
public class StoreScanBenchmark extends StoreGetBenchmark {
  static final int SCAN_ROWS = 100;

  @Benchmark
  @Threads(1)
  public void scan100_1t(Blackhole bh) throws IOException {
    byte[] start = keys[ThreadLocalRandom.current().nextInt(ROWS - SCAN_ROWS)];
    ScanParams p = ScanParams.all()
        .withRows(start, new byte[0])
        .withMaxVersions(1)
        .withReadPoint(seqId)
        .withRowFilterInStore(false);
    List<Cell> out = new ArrayList<>(COLUMNS);
    try (StoreScanner s = store.getScanner(p)) {
      for (int r = 0; r < SCAN_ROWS && s.peek() != null; r++) {
        out.clear();
        s.nextRowOnly(out);
        bh.consume(out.size());
      }
    }
  }
}
