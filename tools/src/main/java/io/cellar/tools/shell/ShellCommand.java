package io.cellar.tools.shell;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.cellar.common.conf.Configuration;
import io.cellar.tools.CellarVersion;
import io.cellar.tools.ConfigOptions;
import io.cellar.tools.LocalCluster;
import io.cellar.tools.shell.commands.CommandRegistry;
import io.cellar.tools.shell.commands.ShellContext;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cellar shell}: the HBase-like console. Interactive on a terminal; with a FILE, or
 * with standard input not a terminal, runs the commands as a script and exits non-zero if any
 * failed. {@code --local DIR} first starts a whole cluster in this process on DIR (kept across
 * runs), so one command gives a working shell from a fresh clone.
 */
@Command(name = "shell", mixinStandardHelpOptions = true, versionProvider = CellarVersion.class,
    description = "The Cellar shell: HBase shell commands, interactive or from a script.")
public final class ShellCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Parameters(arity = "0..1", paramLabel = "FILE",
      description = "Script to run instead of the console ('-' for standard input).")
  Path script;

  @Option(names = {"-z", "--zookeeper"}, paramLabel = "HOST:PORT[,...]",
      description = "ZooKeeper quorum of the cluster (default: cellar.zookeeper.quorum).")
  String zookeeper;

  @Option(names = "--local", paramLabel = "DIR",
      description = "Start a standalone cluster in this process on DIR for the session.")
  Path localDir;

  @Option(names = {"-e", "--stop-on-error"},
      description = "In a script, stop at the first failed command.")
  boolean stopOnError;

  @Option(names = {"-n", "--non-interactive"},
      description = "Read commands from standard input as a script even on a terminal.")
  boolean nonInteractive;

  @Option(names = "--history", paramLabel = "FILE",
      description = "History file of the console (default: ~/.cellar_history).")
  Path historyFile;

  @Option(names = "--debug",
      description = "Print stack traces of errors, and log at DEBUG (default: errors only).")
  boolean debug;

  @Override
  public Integer call() throws Exception {
    setLogLevel(debug ? Level.DEBUG : Level.ERROR);
    Configuration conf = config.load();
    if (zookeeper != null) {
      conf.set("cellar.zookeeper.quorum", zookeeper);
    }
    // The shell must not wait a minute on a dead cluster before saying so.
    if (conf.get("cellar.client.operation.timeout.ms", null) == null) {
      conf.setLong("cellar.client.operation.timeout.ms", 20_000);
    }
    if (conf.get("cellar.zookeeper.connect.timeout.ms", null) == null) {
      conf.setLong("cellar.zookeeper.connect.timeout.ms", 10_000);
    }
    LocalCluster local = null;
    if (localDir != null) {
      local = startLocal(conf);
      conf = local.getConfiguration();
    }
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8),
        true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8),
        true);
    try (ShellContext ctx = new ShellContext(conf, out, CommandRegistry.standard())) {
      Shell shell = new Shell(ctx, err, debug);
      boolean interactive = script == null && !nonInteractive && System.console() != null;
      if (interactive) {
        return interactive(shell, ctx);
      }
      return runScript(shell, err);
    } finally {
      if (local != null) {
        local.close();
      }
    }
  }

  private int runScript(Shell shell, PrintWriter err) throws Exception {
    ScriptRunner runner = new ScriptRunner(shell, err);
    if (script == null || script.toString().equals("-")) {
      return runner.run(new InputStreamReader(System.in, StandardCharsets.UTF_8), stopOnError);
    }
    try (Reader r = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
      return runner.run(r, stopOnError);
    } catch (NoSuchFileException e) {
      err.println("ERROR: script not found: " + script);
      return 1;
    }
  }

  private int interactive(Shell shell, ShellContext ctx) throws Exception {
    Path history = historyFile != null ? historyFile
        : Path.of(System.getProperty("user.home"), ".cellar_history");
    try (Terminal terminal = TerminalBuilder.builder().system(true).name("cellar").build()) {
      // Connect in the background, so table names complete early and the prompt comes at
      // once; a command typed meanwhile waits for it, and reports a failure itself.
      Thread connect = new Thread(() -> {
        try {
          ctx.connection();
        } catch (Exception e) {
          // the first command that needs the cluster says what went wrong
        }
      }, "shell-connect");
      connect.setDaemon(true);
      connect.start();
      return new InteractiveConsole(shell, terminal, history).run();
    }
  }

  private LocalCluster startLocal(Configuration conf) throws Exception {
    // Free ports unless configured, so a standalone already running does not collide.
    for (String key : new String[] {LocalCluster.ZK_PORT_KEY, "cellar.master.port",
        "cellar.regionserver.port"}) {
      if (conf.get(key, null) == null) {
        conf.setInt(key, 0);
      }
    }
    System.err.println("Starting a local cluster in " + localDir.toAbsolutePath() + "...");
    LocalCluster cluster = new LocalCluster(conf, localDir, 1);
    Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "shell-local-shutdown"));
    cluster.start();
    return cluster;
  }

  /** The shell's own output is the interface: logs only for errors (or everything in debug). */
  private static void setLogLevel(Level level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
        if (logger.getLevel() != null) {
          logger.setLevel(level);
        }
      }
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(level);
    }
  }
}
