package io.cellar.tools.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * JMH run results looked up by {@code SimpleClass.method} and parameters, with scores in plain
 * units: operations per second, seconds per operation, and latency percentiles in microseconds.
 */
final class BenchResults {
  private final Map<String, RunResult> byKey = new TreeMap<>();

  BenchResults(Collection<RunResult> results) {
    for (RunResult r : results) {
      BenchmarkParams p = r.getParams();
      StringBuilder key = new StringBuilder(simpleName(p.getBenchmark()));
      for (String k : p.getParamsKeys()) {
        key.append(' ').append(k).append('=').append(p.getParam(k));
      }
      byKey.put(key.toString(), r);
    }
  }

  static String simpleName(String benchmark) {
    String[] parts = benchmark.split("\\.");
    return parts[parts.length - 2] + "." + parts[parts.length - 1];
  }

  /**
   * The run of {@code SimpleClass.method} whose parameters include every {@code "k=v"} given
   * (other parameters, such as the fixture size, may have any value).
   */
  Optional<RunResult> find(String classMethod, String... params) {
    for (Map.Entry<String, RunResult> e : byKey.entrySet()) {
      List<String> tokens = Arrays.asList(e.getKey().split(" "));
      if (tokens.get(0).equals(classMethod) && tokens.containsAll(Arrays.asList(params))) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  Map<String, RunResult> all() {
    return byKey;
  }

  /** Operations per second: the score of a throughput run, threads / mean of a timed run. */
  static double opsPerSecond(RunResult r) {
    Result<?> primary = r.getPrimaryResult();
    String unit = primary.getScoreUnit();
    if (unit.startsWith("ops/")) {
      return primary.getScore() / secondsOf(unit.substring(4));
    }
    double secondsPerOp = primary.getScore() * secondsOf(unit.substring(0, unit.indexOf('/')));
    return r.getParams().getThreads() / secondsPerOp;
  }

  /** Seconds per operation of a time-per-op run (SampleTime, SingleShotTime, AverageTime). */
  static double secondsPerOp(RunResult r) {
    Result<?> primary = r.getPrimaryResult();
    String unit = primary.getScoreUnit();
    return primary.getScore() * secondsOf(unit.substring(0, unit.indexOf('/')));
  }

  /** A latency percentile (0-100) of a SampleTime run, in microseconds. */
  static double percentileMicros(RunResult r, double percentile) {
    Result<?> primary = r.getPrimaryResult();
    String unit = primary.getScoreUnit();
    double seconds = primary.getStatistics().getPercentile(percentile)
        * secondsOf(unit.substring(0, unit.indexOf('/')));
    return seconds * 1e6;
  }

  /** A secondary (AuxCounters) result per second, or NaN when absent. */
  static double secondaryPerSecond(RunResult r, String name) {
    Result<?> s = r.getSecondaryResults().get(name);
    if (s == null) {
      return Double.NaN;
    }
    String unit = s.getScoreUnit();
    return s.getScore() / secondsOf(unit.substring(unit.indexOf('/') + 1));
  }

  private static double secondsOf(String unit) {
    switch (unit) {
      case "ns":
        return 1e-9;
      case "us":
        return 1e-6;
      case "ms":
        return 1e-3;
      case "s":
        return 1;
      case "min":
        return 60;
      default:
        throw new IllegalArgumentException("unknown time unit " + unit);
    }
  }
}
