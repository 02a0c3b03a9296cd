package io.cellar.tools.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.tools.LocalCluster;
import io.cellar.tools.shell.commands.CommandRegistry;
import io.cellar.tools.shell.commands.ShellContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nonsense against a live cluster: random calls of every command (and misspelt ones) with
 * random arguments of every kind. The shell must never throw, never print a stack trace, must
 * answer every failure with an {@code ERROR:} line, and must still work afterwards.
 */
class ShellBadInputTest {
  private static final String[] ARGS = {
    "'fz'", "'fz2'", "'nope'", "'r1'", "''", "'cf:a'", "'cf'", "'zz:q'", "\"\\xFF\\x00\"",
    "'ns_fz'", "'nope:t'", "5", "-1", "0", "2.5", "nil", "true", "[1, 'a']", "[]", "{}",
    "{LIMIT => 2}", "{NAME => 'cf', VERSIONS => 2}", "{NAME => 'cf2'}",
    "{FILTER => \"PrefixFilter('r')\"}", "{FILTER => \"bad(\"}", "{FILTER => 7}",
    "{SPLITS => ['a', 'm']}", "{NUMREGIONS => 3}", "{METHOD => 'delete', NAME => 'cf2'}",
    "{TIMERANGE => [5, 1]}", "{COLUMNS => ['cf:a', 'zz']}", "{VERSIONS => 'x'}",
    "{INTERVAL => 1, CACHE => 1}", "{REVERSED => true, STARTROW => 'r9'}", "{BOGUS => 1}",
    "{MAX_FILESIZE => 1}", "{TTL => 'FOREVER'}", "'.*'", "'('",
  };

  @TempDir static Path dir;
  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster = LocalCluster.forTests(dir, 1).start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void randomCallsNeverBreakTheShell() {
    StringWriter buffer = new StringWriter();
    PrintWriter w = new PrintWriter(buffer, true);
    CommandRegistry registry = CommandRegistry.standard();
    List<String> names = new ArrayList<>(registry.allNames());
    names.removeAll(List.of("exit", "quit", "balancer"));
    names.addAll(List.of("lst", "creat", "scna", "put_all", "x"));
    Random rnd = new Random(20261122);
    try (ShellContext ctx = new ShellContext(cluster.getConfiguration(), w, registry)) {
      Shell shell = new Shell(ctx, w, false);
      shell.run("create 'fz', 'cf'\ncreate 'fz2', 'cf', 'cf2'\n"
          + "put 'fz', 'r1', 'cf:a', 'v'", false);
      for (int i = 0; i < 400; i++) {
        StringBuilder line = new StringBuilder(names.get(rnd.nextInt(names.size())));
        int n = rnd.nextInt(5);
        for (int j = 0; j < n; j++) {
          // Mostly a real table first, so calls get past argument checks to the cluster.
          String arg = j == 0 && rnd.nextInt(10) < 7 ? (rnd.nextBoolean() ? "'fz'" : "'fz2'")
              : ARGS[rnd.nextInt(ARGS.length)];
          line.append(j == 0 ? " " : ", ").append(arg);
        }
        buffer.getBuffer().setLength(0);
        boolean ok = shell.run(line.toString(), false);
        String out = buffer.toString();
        assertFalse(out.contains("\tat ") || out.contains("Exception:"), line + "\n" + out);
        if (!ok) {
          assertTrue(out.contains("ERROR: "), line + "\n" + out);
        }
        assertFalse(ctx.isExitRequested());
      }
      buffer.getBuffer().setLength(0);
      assertTrue(shell.run("create 'fz_after', 'cf'\nput 'fz_after', 'r', 'cf:a', 'ok'\n"
          + "get 'fz_after', 'r'", false), buffer.toString());
      assertTrue(buffer.toString().contains("value=ok"), buffer.toString());
      assertEquals(-1, buffer.toString().indexOf("ERROR"));
    }
  }
}
