package io.cellar.tools.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.RegionLocator;
import io.cellar.common.Bytes;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import io.cellar.tools.Cellar;
import io.cellar.tools.LocalCluster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code cellar shell} as automation uses it, through the real command line: a script file or
 * standard input, the exit status (non-zero when a command failed), --stop-on-error, --debug,
 * an unreachable cluster, moving a region, and --local (a cluster started in-process, data
 * kept across runs).
 */
class ShellScriptModeTest {
  @TempDir static Path dir;
  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster = LocalCluster.forTests(dir.resolve("data"), 1).start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private record Run(int status, String out, String err) {}

  private static Run shell(String stdin, String... args) {
    List<String> argv = new ArrayList<>(List.of("shell"));
    argv.addAll(List.of(args));
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    InputStream oldIn = System.in;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int status = new CommandLine(new Cellar()).execute(argv.toArray(new String[0]));
      return new Run(status, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
  }

  private static String zk() {
    return cluster.getConfiguration().get("cellar.zookeeper.quorum", "");
  }

  private static Path script(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void scriptFileSucceeds() throws IOException {
    Path p = script("ok.txt", "create 'sm1', 'cf'\nput 'sm1', 'r1', 'cf:a', 'v1'\n"
        + "scan 'sm1', {\n  LIMIT => 5\n}\n");
    Run r = shell("", "--zookeeper", zk(), p.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("Created table sm1"), r.out());
    assertTrue(r.out().contains("column=cf:a, timestamp="), r.out());
    assertTrue(r.out().contains("1 row(s)"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void failedCommandMakesTheStatusNonZeroButTheScriptGoesOn() throws IOException {
    Path p = script("fail.txt", "create 'sm2', 'cf'\nput 'nope', 'r', 'cf:a', 'v'\n"
        + "put 'sm2', 'r1', 'cf:a', 'after'\nget 'sm2', 'r1'\n");
    Run r = shell("", "--zookeeper", zk(), p.toString());
    assertEquals(1, r.status());
    assertTrue(r.err().contains("ERROR: Unknown table nope"), r.err());
    assertTrue(r.out().contains("value=after"), r.out());
    assertFalse(r.err().contains("\tat "), "no stack trace without --debug: " + r.err());
  }

  @Test
  void stopOnErrorEndsTheScriptAtTheFirstFailure() throws IOException {
    Path p = script("stop.txt", "create 'sm3', 'cf'\nbogus_command\n"
        + "put 'sm3', 'r1', 'cf:a', 'after'\n");
    Run r = shell("", "--zookeeper", zk(), "--stop-on-error", p.toString());
    assertEquals(1, r.status());
    assertTrue(r.err().contains("ERROR: Unknown command 'bogus_command'"), r.err());
    Run check = shell("scan 'sm3'\n", "--zookeeper", zk());
    assertEquals(0, check.status(), check.err());
    assertTrue(check.out().contains("0 row(s)"), check.out());
  }

  @Test
  void commandsOnStandardInput() {
    Run r = shell("create 'sm4', 'cf'\nput 'sm4', 'r1', 'cf:a', 'in'\ncount 'sm4'\n",
        "--zookeeper", zk());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("1 row(s)"), r.out());
    Run dash = shell("get 'sm4', 'r1'\n", "--zookeeper", zk(), "-");
    assertEquals(0, dash.status(), dash.err());
    assertTrue(dash.out().contains("value=in"), dash.out());
  }

  @Test
  void unfinishedStatementAtTheEndFails() {
    Run r = shell("list\nscan 'x', {LIMIT => 1\n", "--zookeeper", zk());
    assertEquals(1, r.status());
    assertTrue(r.err().contains("ended inside the statement starting at line 2"), r.err());
  }

  @Test
  void missingScriptFile() {
    Run r = shell("", "--zookeeper", zk(), dir.resolve("absent.txt").toString());
    assertEquals(1, r.status());
    assertTrue(r.err().contains("ERROR: script not found"), r.err());
  }

  @Test
  void debugPrintsTheStackTrace() {
    Run r = shell("describe 'nope'\nput 'nope', 'r', 'cf:a', 'v'\n", "--zookeeper", zk(),
        "--debug");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("ERROR: Unknown table nope"), r.err());
    assertTrue(r.err().contains("\tat "), r.err());
  }

  @Test
  void unreachableClusterIsOneErrorLine() {
    Run r = shell("list\nversion\n", "--zookeeper", "127.0.0.1:1",
        "-D", "cellar.zookeeper.connect.timeout.ms=500");
    assertEquals(1, r.status());
    assertTrue(r.err().contains("ERROR: cannot reach the cluster through ZooKeeper at "
        + "127.0.0.1:1"), r.err());
    assertTrue(r.err().contains("bin/cellar standalone"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertTrue(r.out().contains("Cellar 0.1.0"), "commands without the cluster still run");
  }

  @Test
  void moveRegionToAnotherServer() throws Exception {
    assertEquals(0, shell("create 'mv', 'cf'\nput 'mv', 'r1', 'cf:a', 'moved'\n",
        "--zookeeper", zk()).status());
    ServerName second = cluster.startRegionServer().getServerName();
    try (Connection conn = ConnectionFactory.createConnection(cluster.getConfiguration());
        Admin admin = conn.getAdmin();
        RegionLocator locator = conn.getRegionLocator(TableName.valueOf("mv"))) {
      while (!admin.getClusterMetrics().getServersName().contains(second)) {
        Thread.sleep(50); // the master learns of the new server from its first report
      }
      RegionInfo region = admin.getRegions(TableName.valueOf("mv")).get(0);
      Run r = shell("move '" + region.getEncodedName() + "', '" + second + "'\n"
          + "get 'mv', 'r1'\n", "--zookeeper", zk());
      assertEquals(0, r.status(), r.err());
      assertTrue(r.out().contains("value=moved"), r.out());
      assertEquals(second, locator.getRegionLocation(Bytes.toBytes("r1"), true).server());
    }
  }

  @Test
  void localClusterKeepsItsDataAcrossRuns() throws IOException {
    Path local = dir.resolve("local");
    Run first = shell("create 'loc', 'cf'\nput 'loc', 'r1', 'cf:a', 'kept'\n", "--local",
        local.toString());
    assertEquals(0, first.status(), first.err());
    Run second = shell("get 'loc', 'r1'\n", "--local", local.toString());
    assertEquals(0, second.status(), second.err());
    assertTrue(second.out().contains("value=kept"), second.out());
  }
}
