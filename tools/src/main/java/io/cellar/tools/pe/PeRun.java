package io.cellar.tools.pe;

import io.cellar.client.Admin;
import io.cellar.client.Connection;
import io.cellar.client.Table;
import io.cellar.common.Bytes;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.TableDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one {@code cellar pe} test through a {@link Connection}: creates the table when missing,
 * starts the client threads with an equal share of the operations each, prints progress while
 * they run, and merges their histograms into a {@link PeSummary}.
 */
public final class PeRun {
  private PeRun() {}

  public static PeSummary run(Connection connection, PeSettings s, PrintStream progress)
      throws IOException, InterruptedException {
    return run(connection, s, progress, 0);
  }

  /**
   * Like {@link #run(Connection, PeSettings, PrintStream)}, after running the same test for
   * {@code warmupSeconds} untimed (so the JIT compilers of client and server are done with the
   * test's code paths before the measured operations start).
   */
  public static PeSummary run(Connection connection, PeSettings s, PrintStream progress,
      double warmupSeconds) throws IOException, InterruptedException {
    ensureTable(connection, s, progress);
    if (warmupSeconds > 0) {
      warmUp(connection, s, warmupSeconds, progress);
    }
    LongAdder done = new LongAdder();
    List<PeWorker> workers = new ArrayList<>(s.threads());
    List<Thread> threads = new ArrayList<>(s.threads());
    for (int t = 0; t < s.threads(); t++) {
      long from = s.ops() * t / s.threads();
      long to = s.ops() * (t + 1) / s.threads();
      Table table = connection.getTable(s.table());
      PeWorker w = new PeWorker(table, s, from, to, done);
      workers.add(w);
      threads.add(new Thread(w, "pe-client-" + t));
    }
    Optional<MachineCpu> cpuAtStart = MachineCpu.read();
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    reportProgress(threads, done, s, start, progress);
    long elapsed = System.nanoTime() - start;
    Optional<MachineCpu.Usage> machine = MachineCpu.read()
        .flatMap(end -> cpuAtStart.map(end::since));

    LatencyHistogram reads = new LatencyHistogram();
    LatencyHistogram writes = new LatencyHistogram();
    long errors = 0;
    long empty = 0;
    long scanned = 0;
    String firstError = null;
    for (PeWorker w : workers) {
      reads.add(w.reads);
      writes.add(w.writes);
      errors += w.errors;
      empty += w.emptyReads;
      scanned += w.rowsScanned;
      if (firstError == null && w.firstError != null) {
        firstError = w.firstError.toString();
      }
    }
    return new PeSummary(s, elapsed, errors, empty, scanned, firstError, reads, writes,
        machine.orElse(null));
  }

  private static void warmUp(Connection connection, PeSettings s, double seconds,
      PrintStream out) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    LongAdder done = new LongAdder();
    List<PeWorker> workers = new ArrayList<>(s.threads());
    List<Thread> threads = new ArrayList<>(s.threads());
    for (int t = 0; t < s.threads(); t++) {
      // each thread starts at its own share, as in the measured run, and goes on until the end
      PeWorker w = new PeWorker(connection.getTable(s.table()), s, s.ops() * t / s.threads(),
          Long.MAX_VALUE, done, deadline);
      workers.add(w);
      threads.add(new Thread(w, "pe-warmup-" + t));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    long errors = workers.stream().mapToLong(w -> w.errors).sum();
    out.printf(Locale.ROOT, "[pe %s] warm-up: %,d ops in %.0f s, not counted (%,d errors)%n",
        s.test().commandName(), done.sum(), seconds, errors);
    out.flush();
  }

  private static void reportProgress(List<Thread> threads, LongAdder done, PeSettings s,
      long start, PrintStream out) throws InterruptedException {
    long intervalMs = Math.max(1, (long) (s.progressSeconds() * 1000));
    long lastOps = 0;
    long lastTime = start;
    for (Thread t : threads) {
      while (t.isAlive()) {
        t.join(intervalMs);
        long now = System.nanoTime();
        if (t.isAlive() && now - lastTime >= intervalMs * 1_000_000L) {
          long ops = done.sum();
          out.printf(Locale.ROOT, "[pe %s] %,d/%,d ops (%.0f%%), %,.0f ops/s now, %,.0f ops/s"
                  + " since start%n", s.test().commandName(), ops, s.ops(), 100.0 * ops / s.ops(),
              (ops - lastOps) / ((now - lastTime) / 1e9), ops / ((now - start) / 1e9));
          out.flush();
          lastOps = ops;
          lastTime = now;
        }
      }
    }
  }

  /** Creates the table (family {@link PeRowShape#FAMILY}) if missing, pre-split as asked. */
  static void ensureTable(Connection connection, PeSettings s, PrintStream out)
      throws IOException {
    try (Admin admin = connection.getAdmin()) {
      if (admin.tableExists(s.table())) {
        if (!admin.getDescriptor(s.table()).hasColumnFamily(PeRowShape.FAMILY)) {
          throw new IOException("Table " + s.table() + " exists without the family '"
              + Bytes.toString(PeRowShape.FAMILY) + "' that pe uses; pick another --table");
        }
        return;
      }
      TableDescriptor td = TableDescriptor.newBuilder(s.table())
          .setColumnFamily(ColumnFamilyDescriptor.of(Bytes.toString(PeRowShape.FAMILY))).build();
      byte[][] splits = splitKeys(s.rows(), s.presplit());
      if (splits.length == 0) {
        admin.createTable(td);
      } else {
        admin.createTable(td, splits);
      }
      out.printf(Locale.ROOT, "[pe] created table %s with %d region(s)%n", s.table(),
          splits.length + 1);
    }
  }

  /** Row keys that cut {@code [0, rows)} into {@code regions} equal ranges. */
  static byte[][] splitKeys(long rows, int regions) {
    TreeSet<Long> cuts = new TreeSet<>();
    for (int i = 1; i < regions; i++) {
      long cut = rows * i / regions;
      if (cut > 0) {
        cuts.add(cut);
      }
    }
    byte[][] keys = new byte[cuts.size()][];
    int i = 0;
    for (long cut : cuts) {
      keys[i++] = PeRowShape.rowKey(cut);
    }
    return keys;
  }
}
