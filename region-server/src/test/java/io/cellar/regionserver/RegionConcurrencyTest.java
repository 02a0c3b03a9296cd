package io.cellar.regionserver;

import static io.cellar.regionserver.RegionFixture.CF1;
import static io.cellar.regionserver.RegionFixture.CF2;
import static io.cellar.regionserver.RegionFixture.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Append;
import io.cellar.client.CheckAndMutate;
import io.cellar.client.CheckAndMutateResult;
import io.cellar.client.Get;
import io.cellar.client.Increment;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.Scan;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionConcurrencyTest {
  @TempDir Path root;
  RegionServices services;
  Region region;
  ExecutorService pool = Executors.newFixedThreadPool(8);

  @BeforeEach
  void open() throws Exception {
    // a small flush size so background flushes run while the threads work
    TableDescriptor td = TableDescriptor.newBuilder(TableName.valueOf("conc"))
        .setColumnFamily(ColumnFamilyDescriptor.of("cf1"))
        .setColumnFamily(ColumnFamilyDescriptor.of("cf2"))
        .setMemStoreFlushSize(64 * 1024).build();
    services = RegionFixture.services(root);
    region = RegionFixture.open(td, services);
  }

  @AfterEach
  void close() throws Exception {
    pool.shutdownNow();
    region.close();
    services.close();
  }

  @Test
  void readersNeverSeeHalfARowMutationAcrossFamilies() throws Exception {
    int rows = 20;
    AtomicBoolean stop = new AtomicBoolean();
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      int id = w;
      writers.add(pool.submit(() -> {
        for (int i = 0; i < 600; i++) {
          byte[] v = b("w" + id + "-" + i);
          byte[] row = b("row" + (i % rows));
          region.put(new Put(row).addColumn(CF1, b("q"), v).addColumn(CF2, b("q"), v));
        }
        return null;
      }));
    }
    AtomicInteger rowsChecked = new AtomicInteger();
    List<Future<?>> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      boolean reversed = r == 1;
      readers.add(pool.submit(() -> {
        while (!stop.get()) {
          try (RegionScanner s = region.getScanner(new Scan().setReversed(reversed))) {
            boolean more = true;
            while (more) {
              List<Cell> row = new ArrayList<>();
              more = s.next(row);
              if (row.isEmpty()) {
                continue;
              }
              assertEquals(2, row.size(), "a row shows one family only: " + row);
              assertTrue(Cells.matchingValue(row.get(0), row.get(1)),
                  "families disagree: " + row);
              rowsChecked.incrementAndGet();
            }
          }
          Result g = region.get(new Get(b("row3")));
          if (!g.isEmpty()) {
            assertEquals(Bytes.toString(g.getValue(CF1, b("q"))),
                Bytes.toString(g.getValue(CF2, b("q"))));
          }
        }
        return null;
      }));
    }
    for (Future<?> f : writers) {
      f.get(60, TimeUnit.SECONDS);
    }
    stop.set(true);
    for (Future<?> f : readers) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertTrue(rowsChecked.get() > 0);
    assertEquals(rows, RegionFixture.scanRows(region, new Scan()).size());
  }

  @Test
  void concurrentIncrementsAddUpExactly() throws Exception {
    int threads = 6;
    int each = 300;
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      fs.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          region.increment(new Increment(b("counter")).addColumn(CF1, b("n"), 1)
              .addColumn(CF2, b("m"), 2));
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get(60, TimeUnit.SECONDS);
    }
    Result r = region.get(new Get(b("counter")));
    assertEquals(threads * each, Bytes.toLong(r.getValue(CF1, b("n"))));
    assertEquals(2L * threads * each, Bytes.toLong(r.getValue(CF2, b("m"))));
    Result after = region.increment(new Increment(b("counter")).addColumn(CF1, b("n"), 5));
    assertEquals(threads * each + 5, Bytes.toLong(after.getValue(CF1, b("n"))));
    Result fresh = region.increment(new Increment(b("other")).addColumn(CF1, b("n"), -3));
    assertEquals(-3, Bytes.toLong(fresh.getValue(CF1, b("n"))));
  }

  @Test
  void concurrentAppendsKeepEveryPiece() throws Exception {
    int threads = 4;
    int each = 100;
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      fs.add(pool.submit(() -> {
        for (int i = 0; i < each; i++) {
          region.append(new Append(b("log")).addColumn(CF1, b("a"), b("x")));
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertEquals(threads * each, region.get(new Get(b("log"))).getValue(CF1, b("a")).length);
    Result r = region.append(new Append(b("log2")).addColumn(CF1, b("a"), b("ab")));
    assertEquals("ab", Bytes.toString(r.getValue(CF1, b("a"))));
  }

  @Test
  void checkAndMutateIsACompareAndSet() throws Exception {
    region.put(new Put(b("cas")).addColumn(CF1, b("v"), Bytes.toBytes(0L)));
    int threads = 4;
    int each = 100;
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      fs.add(pool.submit(() -> {
        int done = 0;
        while (done < each) {
          long cur = Bytes.toLong(region.get(new Get(b("cas"))).getValue(CF1, b("v")));
          CheckAndMutateResult res = region.checkAndMutate(CheckAndMutate.newBuilder(b("cas"))
              .ifEquals(CF1, b("v"), Bytes.toBytes(cur))
              .build(new Put(b("cas")).addColumn(CF1, b("v"), Bytes.toBytes(cur + 1))));
          if (res.isSuccess()) {
            done++;
          }
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get(60, TimeUnit.SECONDS);
    }
    assertEquals(threads * each,
        Bytes.toLong(region.get(new Get(b("cas"))).getValue(CF1, b("v"))));
    assertTrue(region.checkAndMutate(CheckAndMutate.newBuilder(b("new"))
        .ifNotExists(CF1, b("v")).build(new Put(b("new")).addColumn(CF1, b("v"), b("1"))))
        .isSuccess());
    assertTrue(!region.checkAndMutate(CheckAndMutate.newBuilder(b("new"))
        .ifNotExists(CF1, b("v")).build(new Put(b("new")).addColumn(CF1, b("v"), b("2"))))
        .isSuccess());
    assertEquals("1", RegionFixture.value(region, "new", CF1, "v"));
  }
}
