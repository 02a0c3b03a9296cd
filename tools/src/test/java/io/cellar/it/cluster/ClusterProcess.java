package io.cellar.it.cluster;

import io.cellar.common.schema.ServerName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One child JVM running {@code io.cellar.tools.Cellar master|regionserver} on this test's
 * classpath, its stdout and stderr going to one log file. Every process started is also killed by
 * a JVM shutdown hook, so an aborted test run leaves none behind. REQUIRES: the settings name a
 * reachable ZooKeeper; the process prints "Master NAME started" / "Region server NAME started".
 */
final class ClusterProcess {
  private static final Pattern STARTED =
      Pattern.compile("^(?:Master|Region server) (\\S+) started$", Pattern.MULTILINE);
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Process p : LIVE) {
        p.destroyForcibly();
      }
    }, "cluster-process-reaper"));
  }

  private final String label;
  private final Process process;
  private final Path log;
  private volatile ServerName serverName;

  private ClusterProcess(String label, Process process, Path log) {
    this.label = label;
    this.process = process;
    this.log = log;
  }

  /**
   * Launches {@code cellar <role> -D k=v ...} with {@code heap} (e.g. "512m"), working directory
   * {@code dir} (so no conf/cellar.properties of the checkout is read), log {@code dir/label.log}.
   */
  static ClusterProcess launch(String label, String role, Map<String, String> settings,
      String heap, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path log = dir.resolve(label + ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + heap);
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(testClassPath());
    cmd.add("io.cellar.tools.Cellar");
    cmd.add(role);
    settings.forEach((k, v) -> {
      cmd.add("-D");
      cmd.add(k + "=" + v);
    });
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process p = pb.start();
    LIVE.add(p);
    return new ClusterProcess(label, p, log);
  }

  /** Surefire may hide the real classpath behind a manifest-only jar; it names it here. */
  private static String testClassPath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /** Waits for the "started" line; fails with the log's tail if the process dies first. */
  ServerName awaitStarted(long timeoutMs) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (serverName == null) {
      Matcher m = STARTED.matcher(readLog());
      if (m.find()) {
        serverName = ServerName.parse(m.group(1));
        break;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(label + " exited with " + process.exitValue()
            + " before starting:\n" + tail(60));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(label + " did not start within " + timeoutMs
            + " ms:\n" + tail(60));
      }
      Thread.sleep(50);
    }
    return serverName;
  }

  /** kill -9: no shutdown hook runs, the ZooKeeper session just times out. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    LIVE.remove(process);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** REQUIRES: {@link #awaitStarted} returned. */
  ServerName serverName() {
    return serverName;
  }

  String label() {
    return label;
  }

  long pid() {
    return process.pid();
  }

  /** The last {@code lines} lines of the log. */
  String tail(int lines) {
    String[] all = readLog().split("\n");
    int from = Math.max(0, all.length - lines);
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < all.length; i++) {
      sb.append("  [").append(label).append("] ").append(all[i]).append('\n');
    }
    return sb.toString();
  }

  private String readLog() {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public String toString() {
    return label + "(pid " + process.pid() + (serverName == null ? "" : ", " + serverName) + ")";
  }
}
