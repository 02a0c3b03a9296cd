package io.cellar.tools.pe;

import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.Durability;
import io.cellar.common.schema.TableName;
import io.cellar.tools.ConfigOptions;
import io.cellar.tools.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cellar pe TEST [options]}: a performance evaluation through the Java client against a
 * running cluster (found through {@code cellar.zookeeper.quorum}), or against a cluster started
 * in this JVM with {@code --local DIR}. Prints progress, then ops/s and latency percentiles;
 * {@code --json FILE} also writes the summary as JSON.
 */
@Command(name = "pe", mixinStandardHelpOptions = true,
    description = {"Performance evaluation through the Java client (1 KB rows of 10 x 100 bytes,"
        + " as YCSB).", "TEST: sequentialWrite, randomWrite, randomRead, scan, readUpdate.",
        "Example: cellar pe --local /tmp/pe --rows 100000 randomWrite"})
public final class PeCommand implements Callable<Integer> {
  @Mixin ConfigOptions config;

  @Parameters(index = "0", paramLabel = "TEST",
      description = "sequentialWrite, randomWrite, randomRead, scan (100 rows from a random "
          + "start) or readUpdate (50% gets, 50% one-column updates).")
  String test;

  @Option(names = "--rows", description = "Rows of the table: row numbers are drawn below this "
      + "(default: ${DEFAULT-VALUE}).")
  long rows = 1_000_000L;

  @Option(names = "--ops", description = "Operations in total (default: --rows; for scan, "
      + "--rows / 10).")
  Long ops;

  @Option(names = {"-t", "--threads"}, description = "Client threads (default: ${DEFAULT-VALUE}).")
  int threads = 16;

  @Option(names = "--table", description = "Table name (default: ${DEFAULT-VALUE}); created if "
      + "missing.")
  String table = "pe";

  @Option(names = "--presplit", description = "Regions of a table this run creates, splitting "
      + "the row range evenly (default: ${DEFAULT-VALUE}).")
  int presplit = 1;

  @Option(names = "--durability", description = "Durability of writes: SKIP_WAL, ASYNC_WAL, "
      + "SYNC_WAL, FSYNC_WAL, USE_DEFAULT (default: ${DEFAULT-VALUE}).")
  Durability durability = Durability.SYNC_WAL;

  @Option(names = "--columns", description = "Columns per row (default: ${DEFAULT-VALUE}).")
  int columns = 10;

  @Option(names = "--value-size", description = "Bytes per column (default: ${DEFAULT-VALUE}).")
  int valueSize = 100;

  @Option(names = "--scan-rows", description = "Rows per scan (default: ${DEFAULT-VALUE}).")
  int scanRows = PeSettings.DEFAULT_SCAN_ROWS;

  @Option(names = "--progress", paramLabel = "SECONDS",
      description = "Progress line interval (default: ${DEFAULT-VALUE}).")
  double progressSeconds = 5;

  @Option(names = "--warmup", paramLabel = "SECONDS", description = "Run the test this long "
      + "untimed first, so JIT compilation of client and server is over before the measured "
      + "operations (default: ${DEFAULT-VALUE}: measure from the first operation).")
  double warmupSeconds = 0;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON.")
  Path json;

  @Option(names = "--local", paramLabel = "DIR", description = "Start a cluster (ZooKeeper, "
      + "master, one region server) in this JVM on DIR, on free ports, and run against it.")
  Path local;

  @Override
  public Integer call() throws Exception {
    PeTest t = PeTest.fromName(test);
    PeSettings settings = new PeSettings(t, rows, ops != null ? ops : PeSettings.defaultOps(t, rows),
        threads, TableName.valueOf(table), presplit, durability, columns, valueSize, scanRows,
        progressSeconds);
    Configuration conf = config.load();
    LocalCluster cluster = null;
    try {
      if (local != null) {
        cluster = startLocal(conf, local);
        conf = cluster.getConfiguration();
      }
      PeSummary summary;
      try (Connection connection = ConnectionFactory.createConnection(conf)) {
        summary = PeRun.run(connection, settings, System.err, warmupSeconds);
      }
      System.out.print(summary.toText());
      if (json != null) {
        Files.writeString(json, summary.toJson(), StandardCharsets.UTF_8);
      }
      return summary.errors() == 0 ? 0 : 1;
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  /** A one-server cluster on {@code dir}; ports not set in {@code conf} are picked free. */
  static LocalCluster startLocal(Configuration conf, Path dir) throws java.io.IOException {
    Configuration c = new Configuration(conf);
    for (String port : new String[] {LocalCluster.ZK_PORT_KEY, "cellar.master.port",
        "cellar.regionserver.port"}) {
      if (c.get(port, null) == null) {
        c.setInt(port, 0);
      }
    }
    System.err.println("[pe] starting a local cluster on " + dir);
    return new LocalCluster(c, dir, 1).start();
  }
}
