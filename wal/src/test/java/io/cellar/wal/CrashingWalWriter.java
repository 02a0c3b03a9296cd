package io.cellar.wal;

import io.cellar.common.schema.Durability;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link WalProcessKillTest}: appends SYNC_WAL entries from a few threads
 * forever and prints each sequence id once its sync returned (acknowledged), until killed.
 */
public final class CrashingWalWriter {
  private CrashingWalWriter() {}

  public static void main(String[] args) throws Exception {
    WalConfig conf = WalConfig.forServer(Path.of(args[0]), "crashing")
        .withRollSize(Long.parseLong(args[1]));
    WalWriter wal = new WalWriter(conf);
    AtomicLong seq = new AtomicLong();
    PrintStream out = System.out;
    for (int t = 0; t < 4; t++) {
      new Thread(() -> {
        try {
          while (true) {
            long s = seq.incrementAndGet();
            wal.appendAndSync(TestEntries.entry("r" + (s % 3), s), Durability.SYNC_WAL);
            synchronized (out) {
              out.println(s);
              out.flush();
            }
          }
        } catch (Exception e) {
          e.printStackTrace();
          System.exit(2);
        }
      }).start();
    }
  }
}
