package io.cellar.lsm.memstore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrentRowFilterTest {
  private static byte[] row(int i) {
    return Bytes.toBytes(String.format("%010d", i)); // pe-shaped: long shared prefix
  }

  @Test
  void everyRowAddedConcurrentlyIsFoundAndFewAbsentOnesAre() throws Exception {
    ConcurrentRowFilter f = new ConcurrentRowFilter();
    int threads = 4;
    int perThread = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int first = t * perThread;
      done.add(pool.submit(() -> {
        for (int i = first; i < first + perThread; i++) {
          byte[] r = row(i);
          byte[] padded = new byte[r.length + 3]; // rows live inside larger arrays
          System.arraycopy(r, 0, padded, 3, r.length);
          f.add(padded, 3, r.length);
        }
      }));
    }
    for (Future<?> d : done) {
      d.get();
    }
    pool.shutdown();
    for (int i = 0; i < threads * perThread; i++) {
      assertTrue(f.mightContain(row(i)), "added row " + i);
    }
    int falsePositives = 0;
    int absent = 100_000;
    for (int i = 0; i < absent; i++) {
      if (f.mightContain(row(1_000_000 + i))) {
        falsePositives++;
      }
    }
    // 20 k rows in 512 k bits, 4 bits each in 512-bit blocks: well under 1 %
    assertTrue(falsePositives < absent / 100, falsePositives + " false positives");
  }

  @Test
  void hashUsesEveryByteOfRowsOfAnyLength() {
    for (int len = 0; len <= 20; len++) {
      byte[] a = new byte[len];
      for (int i = 0; i < len; i++) {
        byte[] b = a.clone();
        b[i] = 1;
        assertTrue(ConcurrentRowFilter.hash(a, 0, len) != ConcurrentRowFilter.hash(b, 0, len),
            "length " + len + ", byte " + i);
      }
    }
  }
}
