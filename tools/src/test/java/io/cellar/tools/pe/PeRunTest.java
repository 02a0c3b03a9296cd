package io.cellar.tools.pe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.Get;
import io.cellar.client.Result;
import io.cellar.client.Table;
import io.cellar.common.Bytes;
import io.cellar.common.schema.Durability;
import io.cellar.common.schema.TableName;
import io.cellar.tools.LocalCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Smoke test of {@code cellar pe}'s tests against an in-process cluster, a few hundred rows. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeRunTest {
  private static final int ROWS = 300;

  @TempDir
  static Path dir;

  private LocalCluster cluster;
  private Connection connection;
  private final ByteArrayOutputStream progressBytes = new ByteArrayOutputStream();
  private final PrintStream progress = new PrintStream(progressBytes, true, StandardCharsets.UTF_8);

  @BeforeAll
  void startCluster() throws Exception {
    cluster = LocalCluster.forTests(dir, 1).start();
    connection = ConnectionFactory.createConnection(cluster.getConfiguration());
  }

  @AfterAll
  void stopCluster() throws Exception {
    if (connection != null) {
      connection.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private PeSummary run(PeTest test, String table, long ops, int presplit) throws Exception {
    PeSettings s = new PeSettings(test, ROWS, ops, 4, TableName.valueOf(table), presplit,
        Durability.SYNC_WAL, 10, 100, PeSettings.DEFAULT_SCAN_ROWS, 60);
    PeSummary summary = PeRun.run(connection, s, progress);
    assertEquals(0, summary.errors(), summary.toText());
    assertEquals(ops, summary.operations(), summary.toText());
    return summary;
  }

  @Test
  void sequentialWriteLoadsEveryRowThenReadsAndScansFindThem() throws Exception {
    PeSummary write = run(PeTest.SEQUENTIAL_WRITE, "pe_seq", ROWS, 3);
    assertEquals(ROWS, write.writeLatencies().count());
    try (Admin admin = connection.getAdmin()) {
      assertEquals(3, admin.getRegions(TableName.valueOf("pe_seq")).size());
    }
    try (Table t = connection.getTable(TableName.valueOf("pe_seq"))) {
      Result r = t.get(new Get(PeRowShape.rowKey(ROWS - 1)));
      assertEquals(10, r.size());
      assertEquals(100, r.getValue(PeRowShape.FAMILY, Bytes.toBytes("field9")).length);
    }

    PeSummary read = run(PeTest.RANDOM_READ, "pe_seq", 200, 1);
    assertEquals(0, read.emptyReads(), "every row was written");
    assertEquals(200, read.readLatencies().count());
    assertTrue(read.allLatencies().percentile(50) > 0);

    PeSummary scan = run(PeTest.SCAN, "pe_seq", 20, 1);
    // a scan from row n reads min(100, ROWS - n) rows
    assertTrue(scan.rowsScanned() >= 20 && scan.rowsScanned() <= 20 * 100, scan.toText());

    PeSummary mix = run(PeTest.READ_UPDATE, "pe_seq", 200, 1);
    assertEquals(200, mix.readLatencies().count() + mix.writeLatencies().count());
    assertTrue(mix.readLatencies().count() > 50 && mix.writeLatencies().count() > 50,
        mix.toText());
    assertEquals(0, mix.emptyReads());
  }

  @Test
  void randomWriteCreatesTheTableAndTheJsonSummaryHasTheFigures() throws Exception {
    PeSummary w = run(PeTest.RANDOM_WRITE, "pe_random", ROWS, 1);
    String json = w.toJson();
    for (String key : new String[] {"\"test\": \"randomWrite\"", "\"operations\": 300",
        "\"errors\": 0", "\"opsPerSecond\"", "\"p50\"", "\"p95\"", "\"p99\"", "\"p999\"",
        "\"machineCpuStealPercent\""}) {
      assertTrue(json.contains(key), key + " missing from " + json);
    }
    assertTrue(progressBytes.toString(StandardCharsets.UTF_8).contains("created table pe_random"));
  }

  @Test
  void warmUpRunsTheTestUntimedThenCountsOnlyTheMeasuredOperations() throws Exception {
    PeSettings s = new PeSettings(PeTest.RANDOM_WRITE, ROWS, 50, 2, TableName.valueOf("pe_warm"),
        1, Durability.SYNC_WAL, 2, 10, PeSettings.DEFAULT_SCAN_ROWS, 60);
    PeSummary summary = PeRun.run(connection, s, progress, 0.2);
    assertEquals(0, summary.errors(), summary.toText());
    assertEquals(50, summary.operations());
    assertEquals(50, summary.writeLatencies().count());
    assertTrue(progressBytes.toString(StandardCharsets.UTF_8).contains("[pe randomWrite] warm-up:"),
        progressBytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void splitKeysCutTheRowRangeEvenly() {
    byte[][] keys = PeRun.splitKeys(1000, 4);
    assertEquals(3, keys.length);
    assertEquals("0000000250", Bytes.toString(keys[0]));
    assertEquals("0000000750", Bytes.toString(keys[2]));
    assertEquals(0, PeRun.splitKeys(1000, 1).length);
    assertEquals(1, PeRun.splitKeys(2, 5).length, "duplicate cuts collapse");
  }
}
