package io.cellar.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code cellar bench [--report FILE] [JMH arguments]}: the engine benchmarks of this package.
 * Without {@code --report} every argument goes to JMH's own command line
 * ({@code org.openjdk.jmh.Main}; {@code cellar bench -h} shows its options, {@code -l} lists
 * the benchmarks). With {@code --report}, runs the selected benchmarks, then the memstore heap
 * measurement in a fresh JVM, and writes the figure/baseline/ratio/target table (Markdown) to
 * FILE and stdout.
 */
@Command(name = "bench",
    description = {"Engine micro-benchmarks (JMH). Arguments other than the ones below go to JMH;",
        "'cellar bench -h' prints JMH's help, 'cellar bench -l' the benchmark list.",
        "Example: cellar bench --report /tmp/bench.md io.cellar.tools.bench"})
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--report", paramLabel = "FILE",
      description = "Run, then write the results table (Markdown) to FILE.")
  Path report;

  @Option(names = "--memstore-cells", paramLabel = "N",
      description = "Cells for the memstore heap measurement with --report; 0 skips it "
          + "(default: ${DEFAULT-VALUE}).")
  long memStoreCells = 5_000_000L;

  @Unmatched
  List<String> jmhArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    String[] args = jmhArgs.toArray(new String[0]);
    if (report == null) {
      org.openjdk.jmh.Main.main(args);
      return 0;
    }
    String loadBefore = loadAverage();
    Instant start = Instant.now();
    Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
    MemStoreFootprint.Result footprint =
        memStoreCells > 0 ? MemStoreFootprint.inChildJvm(memStoreCells) : null;
    String text = header(args, start, loadBefore)
        + new BenchReport(new BenchResults(results), footprint).toMarkdown();
    Files.writeString(report, text, StandardCharsets.UTF_8);
    System.out.println(text);
    return 0;
  }

  private static String header(String[] args, Instant start, String loadBefore) {
    return String.format(Locale.ROOT, "Command: `cellar bench --report FILE %s`%n%n"
            + "- Started %s, ended %s (UTC)%n- Load average before: %s; after: %s%n"
            + "- Machine: %d CPUs (%s), %s RAM; %s %s%n%n",
        String.join(" ", args), start, Instant.now(), loadBefore, loadAverage(),
        Runtime.getRuntime().availableProcessors(), cpuModel(), memTotal(),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
  }

  private static String loadAverage() {
    return firstLine(Path.of("/proc/loadavg"), "", "unknown");
  }

  private static String cpuModel() {
    return firstLine(Path.of("/proc/cpuinfo"), "model name", "unknown CPU")
        .replaceFirst("^model name\\s*:\\s*", "");
  }

  private static String memTotal() {
    String line = firstLine(Path.of("/proc/meminfo"), "MemTotal", "");
    if (line.isEmpty()) {
      return String.format(Locale.ROOT, "max heap %d MiB", Runtime.getRuntime().maxMemory() >> 20);
    }
    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
    return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
  }

  private static String firstLine(Path file, String prefix, String fallback) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith(prefix)) {
          return line.trim();
        }
      }
    } catch (IOException e) {
      // not Linux: leave the field out
    }
    return fallback;
  }
}
