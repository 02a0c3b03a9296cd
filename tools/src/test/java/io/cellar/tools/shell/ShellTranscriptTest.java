package io.cellar.tools.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cellar.client.Admin;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.common.schema.TableName;
import io.cellar.tools.LocalCluster;
import io.cellar.tools.shell.commands.CommandRegistry;
import io.cellar.tools.shell.commands.ShellContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every transcript under {@code src/test/resources/shell/} against one real in-process
 * cluster (ZooKeeper, master, one region server, so region placement is
 * deterministic) and compares the masked output block by
 * block. Each file starts with no user table or namespace. Run with {@code -Dshell.rewrite=true}
 * to write the actual outputs back into the files (then review the diff).
 */
class ShellTranscriptTest {
  static final Path DIR = Path.of("src", "test", "resources", "shell");
  private static final boolean REWRITE = Boolean.getBoolean("shell.rewrite");

  @TempDir static Path dataDir;
  private static LocalCluster cluster;
  private static Connection admin;

  @BeforeAll
  static void startCluster() throws IOException {
    cluster = LocalCluster.forTests(dataDir, 1).start();
    admin = ConnectionFactory.createConnection(cluster.getConfiguration());
  }

  @AfterAll
  static void stopCluster() throws IOException {
    if (admin != null) {
      admin.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> transcripts() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(DIR)) {
      s.filter(p -> p.toString().endsWith(".txt")).sorted().forEach(files::add);
    }
    assertFalse(files.isEmpty(), "no transcripts under " + DIR.toAbsolutePath());
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(),
        () -> runFile(f)));
  }

  private void runFile(Path file) throws Exception {
    dropEverything();
    Transcript t = Transcript.parse(Files.readString(file, StandardCharsets.UTF_8));
    StringWriter buffer = new StringWriter();
    PrintWriter w = new PrintWriter(buffer, true);
    ShellContext ctx = new ShellContext(cluster.getConfiguration(), w,
        CommandRegistry.standard());
    try {
      ScriptRunner runner = new ScriptRunner(new Shell(ctx, w, false), w);
      for (Transcript.Block b : t.blocks) {
        buffer.getBuffer().setLength(0);
        runner.run(new StringReader(b.input), false);
        w.flush();
        b.actual = OutputMasks.apply(buffer.toString());
      }
    } finally {
      ctx.close();
    }
    if (REWRITE) {
      Files.writeString(file, t.render(), StandardCharsets.UTF_8);
      return;
    }
    for (Transcript.Block b : t.blocks) {
      assertEquals(b.expected, b.actual, file.getFileName() + ":" + b.line + ":\n" + b.input);
    }
  }

  /**
   * Every file starts from an empty cluster: user tables and namespaces removed, and the region
   * server's report showing only meta (so status output does not depend on report timing).
   */
  private static void dropEverything() throws Exception {
    try (Admin a = admin.getAdmin()) {
      for (TableName t : a.listTableNames()) {
        if (a.isTableEnabled(t)) {
          a.disableTable(t);
        }
        a.deleteTable(t);
      }
      for (String ns : a.listNamespaces()) {
        if (!ns.equals(TableName.DEFAULT_NAMESPACE) && !ns.equals(TableName.SYSTEM_NAMESPACE)) {
          a.deleteNamespace(ns);
        }
      }
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (a.getClusterMetrics().getRegionCount() != 1 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    }
  }
}
