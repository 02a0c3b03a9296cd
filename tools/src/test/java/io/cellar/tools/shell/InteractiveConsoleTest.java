package io.cellar.tools.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cellar.client.Admin;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.Put;
import io.cellar.client.Table;
import io.cellar.common.Bytes;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.tools.LocalCluster;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives {@code cellar shell} through a real pseudo-terminal ({@code script} from util-linux
 * gives the JVM a pty, so JLine runs as for a person): tab completion of commands and tables,
 * multi-line input, history recall with the arrow keys and across sessions, Ctrl-C dropping a
 * half-typed line or cancelling a running command, exit. Waits are for output to appear,
 * bounded only to fail instead of hang.
 */
class InteractiveConsoleTest {
  private static final long WAIT_MS = 60_000;

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

  @Test
  void completionMultiLineHistoryAndCtrlC() throws Exception {
    assumeTrue(new File("/usr/bin/script").canExecute() || onPath("script"),
        "needs util-linux 'script' for a pseudo-terminal");
    Path history = dir.resolve("history");
    try (Console c = Console.start(quorum(), history)) {
      c.await("cellar:001> ");
      c.type("create 'pty_t1', 'cf'\r");
      c.await("Created table pty_t1");
      c.await("cellar:002> ");

      // Table name completion inside the first quoted argument.
      c.type("put 'pty_\t");
      c.await("put 'pty_t1'");
      c.type(", 'r1', 'cf:a', 'v1'\r");
      c.await("cellar:003> ");

      // Command name completion, then the table.
      c.type("sca\t");
      c.await("scan ");
      c.type("'pty_t1'\r");
      c.await("column=cf:a, timestamp=");
      c.await("1 row(s)");
      c.await("cellar:004> ");

      // An open bracket continues the statement on the next line.
      c.type("get 'pty_t1', 'r1', {\r");
      c.await("| ");
      c.type("COLUMN => 'cf:a'}\r");
      c.await("cellar:005> ");
      assertEquals(2, c.count("value=v1"), c.screen());

      // Up arrow recalls the multi-line get; Enter runs it again.
      c.type("\033OA"); // Up, as the terminal sends it in application-cursor mode
      c.await("COLUMN => 'cf:a'}");
      c.type("\r");
      c.await("cellar:006> ");
      assertEquals(3, c.count("value=v1"), c.screen());

      // Ctrl-C drops the half-typed line; the shell goes on.
      c.type("bogus stuff");
      c.await("bogus stuff");
      c.type("\003");
      c.awaitCount("cellar:006> ", 2); // a fresh prompt, same number: nothing ran
      c.type("version\r");
      c.await("Cellar 0.1.0");
      assertFalse(c.screen().contains("Unknown command 'bogus'"), c.screen());

      // Ctrl-C while a command runs cancels it; the shell and its connection stay usable.
      fillBigTable();
      c.type("count 'pty_big', INTERVAL => 1, CACHE => 1\r");
      c.await("Current count: 20,");
      c.type("\003");
      c.await("Cancelled.");
      c.await("cellar:008> ");
      assertFalse(c.screen().contains(BIG_ROWS + " row(s)"), "the count ran to the end");
      int oneRow = c.count("\n1 row(s)");
      c.type("count 'pty_t1'\r");
      c.await("cellar:009> ");
      assertEquals(oneRow + 1, c.count("\n1 row(s)"), c.screen());

      c.type("exit\r");
      assertEquals(0, c.waitExit());
    }
    String saved = Files.readString(history, StandardCharsets.UTF_8);
    assertTrue(saved.contains("create 'pty_t1', 'cf'"), saved);
    assertFalse(saved.contains("bogus"), saved);

    // The history survives the session: Up recalls the last command ('exit'). Ctrl-C drops
    // it; Ctrl-D on the empty line leaves.
    try (Console c = Console.start(quorum(), history)) {
      c.await("cellar:001> ");
      c.type("\033OA"); // Up, as the terminal sends it in application-cursor mode
      c.await("cellar:001> exit");
      c.type("\003");
      c.awaitCount("cellar:001> ", 2);
      c.type("\004");
      assertEquals(0, c.waitExit());
    }
  }

  private static final int BIG_ROWS = 5_000;

  /** Enough rows that a count fetching one row per call is still running when Ctrl-C comes. */
  private static void fillBigTable() throws IOException {
    try (Connection conn = ConnectionFactory.createConnection(cluster.getConfiguration());
        Admin admin = conn.getAdmin()) {
      admin.createTable(TableDescriptor.newBuilder(TableName.valueOf("pty_big"))
          .setColumnFamily(ColumnFamilyDescriptor.of("cf")).build());
      try (Table t = conn.getTable(TableName.valueOf("pty_big"))) {
        List<Put> puts = new ArrayList<>();
        for (int i = 0; i < BIG_ROWS; i++) {
          puts.add(new Put(Bytes.toBytes(String.format("row%06d", i)))
              .addColumn(Bytes.toBytes("cf"), Bytes.toBytes("q"), Bytes.toBytes("v")));
        }
        t.put(puts);
      }
    }
  }

  private static String quorum() {
    return cluster.getConfiguration().get("cellar.zookeeper.quorum", "");
  }

  private static boolean onPath(String tool) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (new File(d, tool).canExecute()) {
        return true;
      }
    }
    return false;
  }

  /** One shell process on a pty; everything it prints is collected (escape codes removed). */
  private static final class Console implements AutoCloseable {
    private final Process process;
    private final OutputStream keys;
    private final StringBuffer raw = new StringBuffer();

    private Console(Process process) {
      this.process = process;
      this.keys = process.getOutputStream();
      Thread reader = new Thread(() -> {
        byte[] buf = new byte[4096];
        try (InputStream in = process.getInputStream()) {
          for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            raw.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          // the process ended
        }
      }, "pty-reader");
      reader.setDaemon(true);
      reader.start();
    }

    /**
     * {@code env --default-signal=INT} where coreutils has it: a build started as a background
     * job of a non-interactive shell inherits SIGINT as ignored, and a JVM that starts with
     * SIGINT ignored never sees the terminal's Ctrl-C, which this test types.
     */
    static List<String> withDefaultSigint() {
      try {
        Process probe = new ProcessBuilder("env", "--default-signal=INT", "true")
            .redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        if (probe.waitFor() == 0) {
          return List.of("env", "--default-signal=INT");
        }
      } catch (IOException e) {
        // no env with that option: run as before
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of();
    }

    static Console start(String quorum, Path history) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String cmd = "stty cols 160 rows 50; exec " + java + " -cp "
          + System.getProperty("java.class.path") + " io.cellar.tools.Cellar shell --zookeeper "
          + quorum + " --history " + history;
      List<String> command = new ArrayList<>(withDefaultSigint());
      command.addAll(List.of("script", "-qfc", cmd, "/dev/null"));
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().put("TERM", "xterm");
      pb.redirectErrorStream(true);
      return new Console(pb.start());
    }

    void type(String s) throws IOException {
      keys.write(s.getBytes(StandardCharsets.UTF_8));
      keys.flush();
    }

    /** The output so far, without terminal escape sequences. */
    String screen() {
      return raw.toString().replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "")
          .replaceAll("\u001B[=>]", "").replace("\r", "");
    }

    int count(String s) {
      String screen = screen();
      int n = 0;
      for (int i = screen.indexOf(s); i >= 0; i = screen.indexOf(s, i + 1)) {
        n++;
      }
      return n;
    }

    void await(String s) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
      while (!screen().contains(s)) {
        if (System.nanoTime() > deadline || !process.isAlive() && !screen().contains(s)) {
          throw new AssertionError("never saw \"" + s + "\" in:\n" + screen());
        }
        Thread.sleep(20);
      }
    }

    void awaitCount(String s, int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
      while (count(s) < n) {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          throw new AssertionError("never saw \"" + s + "\" " + n + " times in:\n" + screen());
        }
        Thread.sleep(20);
      }
    }

    int waitExit() throws InterruptedException {
      if (!process.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)) {
        throw new AssertionError("the shell did not exit:\n" + screen());
      }
      return process.exitValue();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
