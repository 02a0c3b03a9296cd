package io.cellar.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns a JMH run of this package (plus a {@link MemStoreFootprint}) into the table:
 * figure, measured, baseline, ratio to the baseline, target, met. Figures whose benchmark was
 * not part of the run say so. Followed by every raw JMH score.
 */
final class BenchReport {
  private record Row(String figure, String measured, String baseline, String ratio,
      String target, String met) {}

  private final BenchResults results;
  private final MemStoreFootprint.Result footprint; // null when not measured
  private final List<Row> rows = new ArrayList<>();

  BenchReport(BenchResults results, MemStoreFootprint.Result footprint) {
    this.results = results;
    this.footprint = footprint;
  }

  /** The Markdown tables. */
  String toMarkdown() {
    rows.clear();
    memStoreRows();
    putRows();
    fileWriteRows();
    readRows();
    memoryRow();
    StringBuilder sb = new StringBuilder();
    sb.append("| figure | measured | baseline | ratio | target | met? |\n");
    sb.append("|---|---:|---:|---:|---|---|\n");
    for (Row r : rows) {
      sb.append("| ").append(String.join(" | ", r.figure(), r.measured(), r.baseline(),
          r.ratio(), r.target(), r.met())).append(" |\n");
    }
    sb.append("\nRaw JMH scores (SampleTime rows also give p99):\n\n");
    sb.append("| benchmark | mode | threads | score | error (99.9%) | unit | p99 |\n");
    sb.append("|---|---|---:|---:|---:|---|---:|\n");
    for (Map.Entry<String, RunResult> e : results.all().entrySet()) {
      RunResult r = e.getValue();
      var p = r.getPrimaryResult();
      boolean sampled = r.getParams().getMode().shortLabel().equals("sample");
      sb.append("| ").append(e.getKey()).append(" | ").append(r.getParams().getMode().shortLabel())
          .append(" | ").append(r.getParams().getThreads()).append(" | ")
          .append(fmt(p.getScore())).append(" | ").append(fmt(p.getScoreError())).append(" | ")
          .append(p.getScoreUnit()).append(" | ")
          .append(sampled ? fmt(BenchResults.percentileMicros(r, 99)) + " us" : "")
          .append(" |\n");
    }
    return sb.toString();
  }

  private void memStoreRows() {
    for (int t : new int[] {1, 2}) {
      Optional<RunResult> m = results.find("MemStoreInsertBenchmark.memStore_" + t + "t");
      Optional<RunResult> b = results.find("MemStoreInsertBenchmark.skipListBaseline_" + t + "t");
      add("MemStore insert, random keys, " + t + " thread" + (t > 1 ? "s" : "") + " (ops/s)",
          m, BenchResults::opsPerSecond, "ConcurrentSkipListMap put", b,
          BenchResults::opsPerSecond, "ratio >= 0.80", (v, ratio) -> ratio >= 0.8);
    }
  }

  private void putRows() {
    Optional<RunResult> skipListPut = results.find("MemStoreInsertBenchmark.skipListBaseline_1t");
    for (String d : new String[] {"SKIP_WAL", "SYNC_WAL", "FSYNC_WAL"}) {
      for (int t : new int[] {1, 16, 64}) {
        Optional<RunResult> m = results.find("RegionPutBenchmark.put_" + t + "t", "durability=" + d);
        Optional<RunResult> b;
        String baseline;
        if (d.equals("SKIP_WAL")) {
          b = skipListPut;
          baseline = "ConcurrentSkipListMap put, 1 thread";
        } else {
          b = results.find("WalAppendBaselineBenchmark.append_" + t + "t",
              "force=" + d.equals("FSYNC_WAL"));
          baseline = d.equals("FSYNC_WAL") ? "FileChannel append+force" : "FileChannel append";
        }
        String target = "-";
        Criterion c = null;
        if (d.equals("SKIP_WAL") && t == 1) {
          target = ">= 150,000/s";
          c = (v, ratio) -> v >= 150_000;
        } else if (d.equals("SYNC_WAL") && t == 16) {
          target = ">= 150,000/s";
          c = (v, ratio) -> v >= 150_000;
        } else if (d.equals("FSYNC_WAL") && t == 64) {
          target = ">= 50,000/s";
          c = (v, ratio) -> v >= 50_000;
        }
        String p99 = m.map(r -> ", p99 " + fmt(BenchResults.percentileMicros(r, 99)) + " us")
            .orElse("");
        add("Region put " + d + ", " + t + " thread" + (t > 1 ? "s" : "") + " (ops/s" + p99 + ")",
            m, BenchResults::opsPerSecond, baseline, b, BenchResults::opsPerSecond, target, c);
      }
    }
  }

  private void fileWriteRows() {
    Optional<RunResult> blocks = results.find("BlockWriteBaselineBenchmark.blockAppend");
    ToDoubleFunction<RunResult> blockMBs =
        r -> BenchResults.opsPerSecond(r) * BlockWriteBaselineBenchmark.BLOCK_BYTES / 1e6;
    ToDoubleFunction<RunResult> cellMBs = r -> Double.parseDouble(r.getParams().getParam("cells"))
        * BenchData.CELL_BYTES / 1e6 / BenchResults.secondsPerOp(r);
    add("Flush (MB/s of cells)", results.find("FlushBenchmark.flush"), cellMBs,
        "FileChannel 64 KiB appends", blocks, blockMBs, ">= 100 MB/s", (v, ratio) -> v >= 100);
    add("Major compaction (MB/s of cells)",
        results.find("MajorCompactionBenchmark.majorCompact"),
        cellMBs, "FileChannel 64 KiB appends", blocks, blockMBs, ">= 100 MB/s",
        (v, ratio) -> v >= 100);
  }

  private void readRows() {
    String[][] gets = {{"get_1t", ">= 150,000/s", "150000"}, {"get_2t", ">= 300,000/s", "300000"},
        {"getAbsent_1t", ">= 1,000,000/s", "1000000"}};
    for (String[] g : gets) {
      double min = Double.parseDouble(g[2]);
      boolean two = g[0].endsWith("2t");
      add("Region get " + (g[0].startsWith("getAbsent") ? "of absent rows (ROW bloom)"
              : "random row") + ", warm cache, " + (two ? "2 threads" : "1 thread") + " (ops/s)",
          results.find("RegionGetBenchmark." + g[0]), BenchResults::opsPerSecond,
          "ConcurrentSkipListMap get", results.find("SkipListGetBaselineBenchmark." + g[0]),
          BenchResults::opsPerSecond, g[1], (v, ratio) -> v >= min);
    }
    Optional<RunResult> scan = results.find("RegionScanBenchmark.scan100_1t");
    Optional<RunResult> lz4 = results.find("Lz4BlockBaselineBenchmark.decompressBlock_1t");
    add("Forward scan, seek + 100 rows, 1 thread (cells/s)", scan,
        r -> BenchResults.secondaryPerSecond(r, "cells"), "LZ4 decompression (cells/s)", lz4,
        r -> BenchResults.secondaryPerSecond(r, "cells"), ">= 5,000,000 cells/s",
        (v, ratio) -> v >= 5_000_000);
    add("Forward scan, seek + 100 rows, 1 thread (MB/s)", scan,
        r -> BenchResults.secondaryPerSecond(r, "bytes") / 1e6, "LZ4 decompression (MB/s)", lz4,
        r -> BenchResults.secondaryPerSecond(r, "bytes") / 1e6, "-", null);
  }

  private void memoryRow() {
    if (footprint == null) {
      rows.add(new Row("MemStore heap, 5 M cells", "not run", "-", "-", "<= 1.6x raw", "-"));
      return;
    }
    double ratio = footprint.measuredRatio();
    rows.add(new Row(String.format(Locale.ROOT, "MemStore heap, %,d cells (measured heap growth;"
            + " own accounting %.2fx)", footprint.cells(), footprint.accountedRatio()),
        mb(footprint.measuredHeapBytes()), mb(footprint.rawBytes()) + " raw (key + value)",
        String.format(Locale.ROOT, "%.2fx", ratio), "<= 1.6x raw", ratio <= 1.6 ? "yes" : "NO"));
  }

  @FunctionalInterface
  private interface Criterion {
    boolean met(double measured, double ratio);
  }

  private void add(String figure, Optional<RunResult> measured, ToDoubleFunction<RunResult> value,
      String baselineName, Optional<RunResult> baseline, ToDoubleFunction<RunResult> baseValue,
      String target, Criterion criterion) {
    if (measured.isEmpty()) {
      rows.add(new Row(figure, "not run", baselineName, "-", target, "-"));
      return;
    }
    double v = value.applyAsDouble(measured.get());
    double b = baseline.map(baseValue::applyAsDouble).orElse(Double.NaN);
    double ratio = v / b;
    String baseText = baseline.isPresent() ? baselineName + ": " + fmt(b) : baselineName
        + ": not run";
    String met = criterion == null ? "-"
        : criterion.met(v, ratio) ? "yes" : (Double.isNaN(ratio) && target.startsWith("ratio")
            ? "-" : "NO");
    rows.add(new Row(figure, fmt(v), baseText,
        Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio), target, met));
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%,.2f", v);
  }
}
