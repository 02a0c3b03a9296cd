package io.cellar.it.cluster;

import io.cellar.client.Connection;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.Table;
import io.cellar.common.Bytes;
import io.cellar.common.schema.Durability;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writer threads that put SYNC_WAL rows through the client and record every row whose put was
 * acknowledged (returned without an exception), so a test can check afterwards that each of them
 * is readable. Odd-numbered writers send batches of {@link #BATCH} puts, even ones single puts.
 * Row keys start with a hash byte in hex so every writer touches every region of a table split on
 * hex prefixes. Failed puts are counted (their rows are not acknowledged) and the writer goes on.
 */
final class AcknowledgedWriters {
  static final int BATCH = 20;

  private final Connection connection;
  private final TableName table;
  private final byte[] family;
  private final String tag;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final AtomicLong failures = new AtomicLong();
  private final List<String> failureSamples = new ArrayList<>();
  private volatile boolean stop;

  /** {@code tag} goes into every row key, so rounds of writers never share rows. */
  AcknowledgedWriters(Connection connection, TableName table, byte[] family, String tag) {
    this.connection = connection;
    this.table = table;
    this.family = family;
    this.tag = tag;
  }

  /** The key of writer {@code w}'s {@code seq}-th row. */
  String rowKey(int w, long seq) {
    long h = (seq * 0x9E3779B97F4A7C15L + w * 0xBF58476D1CE4E5B9L) >>> 56;
    return String.format("%02x-%s-w%d-%08d", h, tag, w, seq);
  }

  static String valueOf(String row) {
    return "value-of-" + row;
  }

  void start(int writers) {
    for (int w = 0; w < writers; w++) {
      int id = w;
      Thread t = new Thread(() -> run(id), "acked-writer-" + w);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void run(int w) {
    long seq = 0;
    try (Table t = connection.getTable(table)) {
      while (!stop) {
        int n = w % 2 == 1 ? BATCH : 1;
        List<Put> puts = new ArrayList<>(n);
        List<String> rows = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
          String row = rowKey(w, seq++);
          rows.add(row);
          puts.add(new Put(Bytes.toBytes(row))
              .addColumn(family, Bytes.toBytes("q"), Bytes.toBytes(valueOf(row)))
              .setDurability(Durability.SYNC_WAL));
        }
        try {
          if (n == 1) {
            t.put(puts.get(0));
          } else {
            t.put(puts);
          }
          for (String row : rows) {
            acknowledged.put(row, valueOf(row));
          }
        } catch (IOException | RuntimeException e) {
          failures.incrementAndGet();
          synchronized (failureSamples) {
            if (failureSamples.size() < 5) {
              failureSamples.add(Thread.currentThread().getName() + ": " + e);
            }
          }
        }
      }
    }
  }

  /** Acknowledged rows so far. */
  int acknowledgedCount() {
    return acknowledged.size();
  }

  /** Stops the writers and waits for them; returns row -> value of every acknowledged put. */
  Map<String, String> stopAndCollect() throws InterruptedException {
    stop = true;
    for (Thread t : threads) {
      t.join(120_000);
      if (t.isAlive()) {
        throw new AssertionError(t.getName() + " did not stop within 2 minutes");
      }
    }
    return Map.copyOf(acknowledged);
  }

  /**
   * The acknowledged rows that do not read back with their value, as "row=what was read";
   * read with batched gets of 500.
   */
  static List<String> unreadable(Table t, byte[] family, Map<String, String> acked)
      throws IOException {
    List<String> rows = new ArrayList<>(acked.keySet());
    List<String> bad = new ArrayList<>();
    for (int from = 0; from < rows.size(); from += 500) {
      List<String> chunk = rows.subList(from, Math.min(rows.size(), from + 500));
      List<Get> gets = new ArrayList<>(chunk.size());
      for (String row : chunk) {
        gets.add(new Get(Bytes.toBytes(row)));
      }
      Result[] results = t.get(gets);
      for (int k = 0; k < chunk.size(); k++) {
        byte[] v = results[k].getValue(family, Bytes.toBytes("q"));
        if (v == null || !Bytes.toString(v).equals(acked.get(chunk.get(k)))) {
          bad.add(chunk.get(k) + "=" + (v == null ? "<missing>" : Bytes.toString(v)));
        }
      }
    }
    return bad;
  }

  long failures() {
    return failures.get();
  }

  List<String> failureSamples() {
    synchronized (failureSamples) {
      return List.copyOf(failureSamples);
    }
  }
}
