package io.cellar.tools.pe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a {@code cellar pe} run measured: operations, errors, elapsed time, throughput and
 * latency percentiles (all operations, and reads and writes apart), as text and as JSON.
 */
public final class PeSummary {
  private final PeSettings settings;
  private final long elapsedNanos;
  private final long errors;
  private final long emptyReads;
  private final long rowsScanned;
  private final String firstError;
  private final LatencyHistogram all = new LatencyHistogram();
  private final LatencyHistogram reads;
  private final LatencyHistogram writes;
  private final MachineCpu.Usage machine; // null where /proc/stat is not readable

  PeSummary(PeSettings settings, long elapsedNanos, long errors, long emptyReads,
      long rowsScanned, String firstError, LatencyHistogram reads, LatencyHistogram writes,
      MachineCpu.Usage machine) {
    this.settings = settings;
    this.elapsedNanos = elapsedNanos;
    this.errors = errors;
    this.emptyReads = emptyReads;
    this.rowsScanned = rowsScanned;
    this.firstError = firstError;
    this.reads = reads;
    this.writes = writes;
    this.machine = machine;
    all.add(reads);
    all.add(writes);
  }

  public PeSettings settings() {
    return settings;
  }

  /** Successful operations. */
  public long operations() {
    return all.count();
  }

  public long errors() {
    return errors;
  }

  /** Gets that found no row (rows never written). */
  public long emptyReads() {
    return emptyReads;
  }

  public long rowsScanned() {
    return rowsScanned;
  }

  public double elapsedSeconds() {
    return elapsedNanos / 1e9;
  }

  /** Successful operations per second of wall time. */
  public double opsPerSecond() {
    return operations() / elapsedSeconds();
  }

  public LatencyHistogram allLatencies() {
    return all;
  }

  public LatencyHistogram readLatencies() {
    return reads;
  }

  public LatencyHistogram writeLatencies() {
    return writes;
  }

  /** Human-readable lines. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: %,d ops in %.1f s = %,.0f ops/s on %d threads"
            + " (table %s, %,d rows, durability %s)%n", settings.test().commandName(),
        operations(), elapsedSeconds(), opsPerSecond(), settings.threads(), settings.table(),
        settings.rows(), settings.durability()));
    appendLatency(sb, "all", all);
    if (reads.count() > 0 && writes.count() > 0) {
      appendLatency(sb, "reads", reads);
      appendLatency(sb, "writes", writes);
    }
    if (rowsScanned > 0) {
      sb.append(String.format(Locale.ROOT, "  rows scanned: %,d (%,.0f rows/s)%n", rowsScanned,
          rowsScanned / elapsedSeconds()));
    }
    if (machine != null) {
      sb.append(String.format(Locale.ROOT, "  machine CPU: %.0f %% busy, %.1f %% stolen by the"
          + " hypervisor (/proc/stat, all processes)%n", machine.busyPercent(),
          machine.stealPercent()));
    }
    if (emptyReads > 0) {
      sb.append(String.format(Locale.ROOT, "  gets that found no row: %,d%n", emptyReads));
    }
    if (errors > 0) {
      sb.append(String.format(Locale.ROOT, "  ERRORS: %,d, the first: %s%n", errors, firstError));
    }
    return sb.toString();
  }

  private static void appendLatency(StringBuilder sb, String name, LatencyHistogram h) {
    sb.append(String.format(Locale.ROOT, "  latency %-6s (us): mean %.0f  p50 %.0f  p95 %.0f"
            + "  p99 %.0f  p99.9 %.0f  max %.0f  (%,d ops)%n", name, h.mean() / 1e3,
        micros(h, 50), micros(h, 95), micros(h, 99), micros(h, 99.9), h.max() / 1e3, h.count()));
  }

  private static double micros(LatencyHistogram h, double p) {
    return h.count() == 0 ? 0 : h.percentile(p) / 1e3;
  }

  /** The summary as one JSON object; latencies in microseconds. */
  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test", settings.test().commandName());
    m.put("table", settings.table().toString());
    m.put("rows", settings.rows());
    m.put("threads", settings.threads());
    m.put("presplit", settings.presplit());
    m.put("durability", settings.durability().name());
    m.put("columns", settings.columns());
    m.put("valueSize", settings.valueSize());
    m.put("operations", operations());
    m.put("errors", errors);
    m.put("emptyReads", emptyReads);
    m.put("rowsScanned", rowsScanned);
    m.put("elapsedSeconds", elapsedSeconds());
    m.put("opsPerSecond", opsPerSecond());
    Map<String, Object> lat = new LinkedHashMap<>();
    lat.put("all", latencyJson(all));
    lat.put("reads", latencyJson(reads));
    lat.put("writes", latencyJson(writes));
    m.put("latencyMicros", lat);
    m.put("machineCpuBusyPercent", machine == null ? null : machine.busyPercent());
    m.put("machineCpuStealPercent", machine == null ? null : machine.stealPercent());
    m.put("firstError", firstError);
    StringBuilder sb = new StringBuilder();
    writeJson(sb, m);
    return sb.append('\n').toString();
  }

  private static Map<String, Object> latencyJson(LatencyHistogram h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", h.count());
    m.put("mean", h.mean() / 1e3);
    m.put("p50", micros(h, 50));
    m.put("p95", micros(h, 95));
    m.put("p99", micros(h, 99));
    m.put("p999", micros(h, 99.9));
    m.put("max", h.max() / 1e3);
    return m;
  }

  private static void writeJson(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) {
          sb.append(", ");
        }
        first = false;
        writeJson(sb, e.getKey().toString());
        sb.append(": ");
        writeJson(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof Double) {
      double d = (Double) v;
      sb.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%.3f", d) : "null");
    } else if (v instanceof Number || v instanceof Boolean) {
      sb.append(v);
    } else {
      sb.append('"');
      for (char c : v.toString().toCharArray()) {
        if (c == '"' || c == '\\') {
          sb.append('\\').append(c);
        } else if (c < 0x20) {
          sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
      sb.append('"');
    }
  }
}
