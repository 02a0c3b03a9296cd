package io.cellar.tools.bench;

import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import io.cellar.lsm.memstore.InMemoryCompactionExecutor;
import io.cellar.lsm.memstore.MemStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The heap a {@link MemStore} takes for {@code cells} benchmark cells (16-byte key, 100-byte
 * value), against their raw size (key + value bytes). Measured as the growth of the used heap,
 * each side read after three {@code System.gc()} calls (a full collection with G1), holding
 * nothing but the memstore; cross-checked with the memstore's own accounting
 * ({@link MemStore#heapSize}: chunk capacity plus index). The memstore is built as a store builds
 * it ({@link MemStore#withBackgroundCompaction()}); the measurement waits for the background
 * flattening and merging to finish first. Run in a fresh JVM ({@link #inChildJvm}) so nothing
 * else grows meanwhile.
 */
public final class MemStoreFootprint {
  /** What one measurement found. */
  public record Result(long cells, long measuredHeapBytes, long accountedHeapBytes,
      long rawBytes, double insertsPerSecond) {
    public double measuredRatio() {
      return (double) measuredHeapBytes / rawBytes;
    }

    public double accountedRatio() {
      return (double) accountedHeapBytes / rawBytes;
    }

    String toLine() {
      return "cells=" + cells + " measured=" + measuredHeapBytes + " accounted="
          + accountedHeapBytes + " raw=" + rawBytes + " insertsPerSecond="
          + (long) insertsPerSecond;
    }

    static Result parse(String line) {
      long[] v = new long[5];
      String[] parts = line.trim().split(" ");
      for (int i = 0; i < 5; i++) {
        v[i] = Long.parseLong(parts[i].substring(parts[i].indexOf('=') + 1));
      }
      return new Result(v[0], v[1], v[2], v[3], v[4]);
    }
  }

  private MemStoreFootprint() {}

  /** Fills a fresh memstore in this JVM and measures it. */
  public static Result measure(long cells) throws InterruptedException {
    long before = usedHeapAfterGc();
    MemStore memStore = MemStore.withBackgroundCompaction();
    long ts = System.currentTimeMillis();
    long start = System.nanoTime();
    for (long i = 0; i < cells; i++) {
      memStore.add(KeyValue.create(BenchData.key(i), BenchData.FAMILY, BenchData.QUALIFIER, ts,
          CellType.PUT, BenchData.value(i)), i + 1);
    }
    double rate = cells / ((System.nanoTime() - start) / 1e9);
    if (!InMemoryCompactionExecutor.awaitIdle(60_000)) {
      throw new IllegalStateException("the memstore's background compaction did not finish");
    }
    long after = usedHeapAfterGc();
    long accounted = memStore.heapSize();
    if (memStore.getCellCount() != cells) {
      throw new IllegalStateException("the memstore holds " + memStore.getCellCount() + " cells");
    }
    Reference.reachabilityFence(memStore);
    return new Result(cells, after - before, accounted, cells * BenchData.RAW_BYTES, rate);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Runs {@link #main} in a child JVM (4 GiB heap, G1) with this JVM's class path. */
  public static Result inChildJvm(long cells) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx4g", "-XX:+UseG1GC",
        "-cp", System.getProperty("java.class.path"), MemStoreFootprint.class.getName(),
        Long.toString(cells)));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p = pb.start();
    String last = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        last = line;
      }
    }
    if (p.waitFor() != 0 || last == null) {
      throw new IOException("the memstore footprint JVM failed (exit " + p.exitValue() + ")");
    }
    return Result.parse(last);
  }

  /** Usage: {@code MemStoreFootprint [cells]}; prints one {@code key=value} line. */
  public static void main(String[] args) throws InterruptedException {
    long cells = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
    System.out.println(measure(cells).toLine());
  }
}
