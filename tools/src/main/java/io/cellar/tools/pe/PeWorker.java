package io.cellar.tools.pe;

import io.cellar.client.Get;
import io.cellar.client.Result;
import io.cellar.client.ResultScanner;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * One client thread of a {@code cellar pe} run: performs operations {@code [from, to)} of the
 * test on its own {@link Table}, timing each with {@code System.nanoTime} into its own
 * histograms (reads and writes apart, scans count as reads). A failed operation is counted
 * (the first failure kept) and the thread goes on.
 */
final class PeWorker implements Runnable {
  private final Table table;
  private final PeSettings settings;
  private final PeRowShape shape;
  private final long from;
  private final long to;
  private final LongAdder done;
  /** System.nanoTime after which the worker stops early (warm-up); Long.MAX_VALUE: never. */
  private final long deadlineNanos;

  final LatencyHistogram reads = new LatencyHistogram();
  final LatencyHistogram writes = new LatencyHistogram();
  long errors;
  long emptyReads;
  long rowsScanned;
  IOException firstError;

  PeWorker(Table table, PeSettings settings, long from, long to, LongAdder done) {
    this(table, settings, from, to, done, Long.MAX_VALUE);
  }

  /** A worker that also stops once {@code System.nanoTime()} passes {@code deadlineNanos}. */
  PeWorker(Table table, PeSettings settings, long from, long to, LongAdder done,
      long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
    this.table = table;
    this.settings = settings;
    this.shape = settings.rowShape();
    this.from = from;
    this.to = to;
    this.done = done;
  }

  @Override
  public void run() {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    for (long op = from; op < to; op++) {
      long start = System.nanoTime();
      if (start - deadlineNanos > 0 && deadlineNanos != Long.MAX_VALUE) {
        break;
      }
      boolean read = false;
      try {
        switch (settings.test()) {
          case SEQUENTIAL_WRITE:
            table.put(shape.fullRow(op % settings.rows()));
            break;
          case RANDOM_WRITE:
            table.put(shape.fullRow(rnd.nextLong(settings.rows())));
            break;
          case RANDOM_READ:
            read = true;
            get(rnd.nextLong(settings.rows()));
            break;
          case SCAN:
            read = true;
            scan(rnd.nextLong(settings.rows()));
            break;
          case READ_UPDATE:
            read = rnd.nextBoolean();
            if (read) {
              get(rnd.nextLong(settings.rows()));
            } else {
              table.put(shape.oneColumn(rnd.nextLong(settings.rows())));
            }
            break;
          default:
            throw new IllegalStateException("unknown test " + settings.test());
        }
        (read ? reads : writes).record(System.nanoTime() - start);
      } catch (IOException e) {
        errors++;
        if (firstError == null) {
          firstError = e;
        }
      }
      done.increment();
    }
  }

  private void get(long row) throws IOException {
    Result r = table.get(new Get(PeRowShape.rowKey(row)));
    if (r.isEmpty()) {
      emptyReads++;
    }
  }

  private void scan(long startRow) throws IOException {
    int limit = settings.scanRows();
    Scan s = new Scan().withStartRow(PeRowShape.rowKey(startRow)).setLimit(limit)
        .setCaching(limit);
    try (ResultScanner scanner = table.getScanner(s)) {
      for (Result r = scanner.next(); r != null; r = scanner.next()) {
        rowsScanned++;
      }
    }
  }
}
