package io.cellar.tools.pe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole machine's CPU time counters from Linux's {@code /proc/stat} (its first, summed
 * {@code cpu} line), so a pe run can say how busy the machine was and how much time the
 * hypervisor took away ("steal"). On a shared VM steal moves results by tens of percent; a
 * figure is only comparable with its steal beside it.
 */
record MachineCpu(long busy, long idle, long steal) {
  private static final Path PROC_STAT = Path.of("/proc/stat");

  /** The counters now, or empty where there is no readable {@code /proc/stat}. */
  static Optional<MachineCpu> read() {
    try {
      List<String> lines = Files.readAllLines(PROC_STAT);
      return lines.isEmpty() ? Optional.empty() : parse(lines.get(0));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses the summed line: {@code cpu user nice system idle iowait irq softirq steal ...}
   * (guest time is already inside user and nice). Empty if the line is not that.
   */
  static Optional<MachineCpu> parse(String line) {
    String[] f = line.trim().split("\\s+");
    if (f.length < 9 || !f[0].equals("cpu")) {
      return Optional.empty();
    }
    try {
      long user = Long.parseLong(f[1]);
      long nice = Long.parseLong(f[2]);
      long system = Long.parseLong(f[3]);
      long idle = Long.parseLong(f[4]);
      long iowait = Long.parseLong(f[5]);
      long irq = Long.parseLong(f[6]);
      long softirq = Long.parseLong(f[7]);
      long steal = Long.parseLong(f[8]);
      return Optional.of(new MachineCpu(user + nice + system + irq + softirq, idle + iowait,
          steal));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** What happened between {@code earlier} and this reading, as percentages of all CPU time. */
  Usage since(MachineCpu earlier) {
    long b = busy - earlier.busy;
    long i = idle - earlier.idle;
    long s = steal - earlier.steal;
    long total = b + i + s;
    if (total <= 0) {
      return new Usage(0, 0);
    }
    return new Usage(100.0 * b / total, 100.0 * s / total);
  }

  /** Busy and stolen shares of the machine's CPU time over a run, in percent. */
  record Usage(double busyPercent, double stealPercent) {}
}
