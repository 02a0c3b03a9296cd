package io.cellar.wal;

import io.cellar.common.schema.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rough group-commit throughput check, run by hand (not a test):
 * {@code java -cp ... io.cellar.wal.WalWriteBenchmark <dir> <threads> <SYNC_WAL|FSYNC_WAL> <seconds>}.
 * Prints appends per second and entries per batch write.
 */
public final class WalWriteBenchmark {
  private WalWriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory(Path.of(args.length > 0 ? args[0] : "/tmp"), "walbench");
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    Durability d = Durability.valueOf(args.length > 2 ? args[2] : "SYNC_WAL");
    long millis = (long) (1000 * Double.parseDouble(args.length > 3 ? args[3] : "3"));
    WalWriter wal = new WalWriter(WalConfig.forServer(dir, "bench"));
    AtomicLong seq = new AtomicLong();
    long end = System.currentTimeMillis() + millis;
    List<Thread> ts = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread th = new Thread(() -> {
        try {
          while (System.currentTimeMillis() < end) {
            long s = seq.incrementAndGet();
            wal.appendAndSync(TestEntries.entry("region-" + (s % 50), s), d);
          }
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      ts.add(th);
    }
    long start = System.nanoTime();
    ts.forEach(Thread::start);
    for (Thread th : ts) {
      th.join();
    }
    double secs = (System.nanoTime() - start) / 1e9;
    wal.close();
    System.out.printf("%s threads=%d appends/s=%.0f entries/fsync=%.1f fsyncs=%d bytes/entry=%d%n",
        d, threads, wal.getAppendCount() / secs,
        (double) wal.getAppendCount() / Math.max(1, wal.getFsyncCount()), wal.getFsyncCount(),
        TestEntries.entry("region-1", 1).getEncodedSize());
  }
}
