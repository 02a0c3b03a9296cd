package io.cellar.it.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Admin;
import io.cellar.client.BufferedMutator;
import io.cellar.client.BufferedMutatorParams;
import io.cellar.client.Get;
import io.cellar.client.RegionLocator;
import io.cellar.client.Result;
import io.cellar.client.ResultScanner;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.client.filter.PageFilter;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.it.cluster.FilterCases.FilterCase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the real client against real processes: a master and three region servers
 * as separate JVMs, ZooKeeper on loopback; a table pre-split into 10 regions; 200,000
 * {@link ModelRows} written through a BufferedMutator (half flushed to store files, half left
 * in memstores), then read back by full scan (count and content), by a reversed scan, by random
 * gets, and through every server-side filter, each result compared with what the model says
 * the filter must return.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterEndToEndTest {
  static final int ROWS = 200_000;
  static final int REGIONS = 10;
  static final TableName TABLE = TableName.valueOf("e2e");
  /** The rows the filters are run over (see FilterCases for the keys they pick out). */
  static final int FILTER_FROM = 35_000;
  static final int FILTER_TO = 85_000;

  @TempDir static Path dir;
  static ProcessCluster cluster;

  @RegisterExtension
  static final LogTailsOnFailure LOGS = new LogTailsOnFailure(() -> cluster);

  @BeforeAll
  static void startClusterAndLoad() throws Exception {
    cluster = ProcessCluster.start(dir, 1, 3, Map.of());
    try (Admin admin = cluster.connection().getAdmin()) {
      admin.createTable(TableDescriptor.newBuilder(TABLE)
          .setColumnFamily(ColumnFamilyDescriptor.of("f"))
          .setColumnFamily(ColumnFamilyDescriptor.of("g")).build(),
          ModelRows.splitKeys(ROWS, REGIONS));
    }
    // Even rows first, flushed to store files; then odd rows, left in the memstores: every read
    // below merges both sources row by row.
    long start = System.nanoTime();
    try (BufferedMutator m = cluster.connection().getBufferedMutator(
        new BufferedMutatorParams(TABLE).writeBufferSize(4 << 20))) {
      for (int i = 0; i < ROWS; i += 2) {
        m.mutate(ModelRows.put(i));
      }
      m.flush();
      long flushStart = System.nanoTime();
      try (Admin admin = cluster.connection().getAdmin()) {
        admin.flush(TABLE);
      }
      start += System.nanoTime() - flushStart;
      for (int i = 1; i < ROWS; i += 2) {
        m.mutate(ModelRows.put(i));
      }
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    System.out.printf("LOAD_ROWS=%d LOAD_MS=%d (%.0f rows/s through BufferedMutator, table"
        + " flush excluded)%n", ROWS, ms, ROWS * 1000.0 / Math.max(1, ms));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theTenRegionsAreOpenOnTheThreeServers() throws Exception {
    List<RegionLocation> regions;
    try (RegionLocator locator = cluster.connection().getRegionLocator(TABLE)) {
      regions = locator.getAllRegionLocations();
    }
    assertEquals(REGIONS, regions.size());
    Set<ServerName> servers = new HashSet<>();
    Set<ServerName> live = new HashSet<>();
    cluster.regionServers().forEach(p -> live.add(p.serverName()));
    for (RegionLocation r : regions) {
      assertEquals(MetaTable.RegionState.OPEN, r.state(), r.toString());
      assertTrue(live.contains(r.server()), r + " is on no live server of " + live);
      servers.add(r.server());
    }
    assertEquals(3, servers.size(), "regions by server: " + regions);
  }

  @Test
  void aFullScanReturnsEveryRowWithItsCells() throws Exception {
    List<String> actual = scan(new Scan().setCaching(1000));
    List<String> expected = new ArrayList<>(ROWS);
    for (int i = 0; i < ROWS; i++) {
      expected.add(ModelRows.render(ModelRows.rowKey(i), ModelRows.cells(i)));
    }
    assertSameRows("full scan", expected, actual);
  }

  @Test
  void aReversedScanAcrossRegionBoundariesReturnsRowsInReverse() throws Exception {
    int from = 59_990;
    int to = 20_010;
    List<String> actual = scan(new Scan().setReversed(true)
        .withStartRow(Bytes.toBytes(ModelRows.rowKey(from)))
        .withStopRow(Bytes.toBytes(ModelRows.rowKey(to))).setCaching(500));
    List<String> expected = new ArrayList<>();
    for (int i = from; i > to; i--) {
      expected.add(ModelRows.render(ModelRows.rowKey(i), ModelRows.cells(i)));
    }
    assertSameRows("reversed scan", expected, actual);
  }

  @Test
  void batchLimitAndColumnSelectionWorkAcrossARegionBoundary() throws Exception {
    byte[] from = Bytes.toBytes(ModelRows.rowKey(39_950));
    byte[] to = Bytes.toBytes(ModelRows.rowKey(40_050));
    // Batch 2: rows come in pieces of at most two cells, which put together are the rows.
    List<String> pieces = new ArrayList<>();
    try (Table t = cluster.connection().getTable(TABLE);
        ResultScanner scanner = t.getScanner(new Scan().withStartRow(from).withStopRow(to)
            .setBatch(2))) {
      String row = null;
      StringBuilder joined = null;
      for (Result r : scanner) {
        assertTrue(r.size() >= 1 && r.size() <= 2, "batch of " + r.size() + " cells");
        String rendered = ModelRows.render(r);
        String key = Bytes.toString(r.getRow());
        if (!key.equals(row)) {
          if (joined != null) {
            pieces.add(joined.toString());
          }
          row = key;
          joined = new StringBuilder(rendered);
        } else {
          joined.append(rendered.substring(key.length()));
        }
      }
      if (joined != null) {
        pieces.add(joined.toString());
      }
    }
    List<String> expected = new ArrayList<>();
    for (int i = 39_950; i < 40_050; i++) {
      expected.add(ModelRows.render(ModelRows.rowKey(i), ModelRows.cells(i)));
    }
    assertSameRows("scan with batch 2", expected, pieces);

    // A limit that ends in the next region.
    List<String> limited = scan(new Scan().withStartRow(from).setLimit(123));
    assertEquals(123, limited.size());
    assertSameRows("scan with limit 123", expected, limited.subList(0, 100));
    assertEquals(ModelRows.render(ModelRows.rowKey(40_072), ModelRows.cells(40_072)),
        limited.get(122));

    // One column: only the rows that have it, with just that cell.
    List<String> column = scan(new Scan().withStartRow(from).withStopRow(to)
        .addColumn(ModelRows.G, Bytes.toBytes("x")));
    List<String> want = new ArrayList<>();
    for (int i = 39_950; i < 40_050; i++) {
      for (ModelRows.ModelCell c : ModelRows.cells(i)) {
        if (c.family().equals("g") && c.qualifier().equals("x")) {
          want.add(ModelRows.render(ModelRows.rowKey(i), List.of(c)));
        }
      }
    }
    assertSameRows("scan of g:x", want, column);
  }

  @Test
  void randomGetsReturnTheirRows() throws Exception {
    Random random = new Random(2024);
    try (Table t = cluster.connection().getTable(TABLE)) {
      // 1,800 in batches (grouped per server by the client), 200 one by one.
      for (int batch = 0; batch < 18; batch++) {
        List<Get> gets = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
          int i = random.nextInt(ROWS);
          ids.add(i);
          gets.add(new Get(Bytes.toBytes(ModelRows.rowKey(i))));
        }
        Result[] results = t.get(gets);
        for (int k = 0; k < results.length; k++) {
          int i = ids.get(k);
          assertEquals(ModelRows.render(ModelRows.rowKey(i), ModelRows.cells(i)),
              ModelRows.render(results[k]), "batched get of row " + i);
        }
      }
      for (int k = 0; k < 200; k++) {
        int i = random.nextInt(ROWS);
        Result r = t.get(new Get(Bytes.toBytes(ModelRows.rowKey(i))));
        assertEquals(ModelRows.render(ModelRows.rowKey(i), ModelRows.cells(i)),
            ModelRows.render(r), "get of row " + i);
      }
      assertTrue(t.get(new Get(Bytes.toBytes("r200000"))).isEmpty(), "row past the data");
      assertTrue(t.get(new Get(Bytes.toBytes("r0000005"))).isEmpty(), "row between rows");
    }
  }

  /**
   * Each filter over rows [FILTER_FROM, FILTER_TO): 50,000 rows across four regions (the whole
   * table is read unfiltered above; a full pass per filter would make the test too slow).
   */
  @TestFactory
  Stream<DynamicTest> everyFilterReturnsWhatTheModelSays() {
    return FilterCases.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      List<String> actual = scan(new Scan().setFilter(c.filter()).setCaching(2000)
          .withStartRow(Bytes.toBytes(ModelRows.rowKey(FILTER_FROM)))
          .withStopRow(Bytes.toBytes(ModelRows.rowKey(FILTER_TO))));
      assertSameRows(c.name(), expected(c), actual);
    }));
  }

  @Test
  void pageFilterReturnsTheFirstRowsOfEachRegion() throws Exception {
    int page = 7;
    List<String> actual = scan(new Scan().setFilter(new PageFilter(page)));
    // PageFilter counts per region (as in HBase): the first `page` rows of every region.
    List<String> expected = new ArrayList<>();
    for (int r = 0; r < REGIONS; r++) {
      int first = (int) ((long) ROWS * r / REGIONS);
      for (int i = first; i < first + page; i++) {
        expected.add(ModelRows.render(ModelRows.rowKey(i), ModelRows.cells(i)));
      }
    }
    assertSameRows("PageFilter(7) over the table", expected, actual);

    // Within one region the page is exact.
    List<String> inRegion = scan(new Scan().withStartRow(Bytes.toBytes(ModelRows.rowKey(500)))
        .setFilter(new PageFilter(25)).setLimit(25));
    List<String> want = new ArrayList<>();
    for (int i = 500; i < 525; i++) {
      want.add(ModelRows.render(ModelRows.rowKey(i), ModelRows.cells(i)));
    }
    assertSameRows("PageFilter(25) from r000500", want, inRegion);
  }

  // ---- helpers ----

  private static List<String> expected(FilterCase c) {
    List<String> rows = new ArrayList<>();
    for (int i = FILTER_FROM; i < FILTER_TO; i++) {
      String row = ModelRows.rowKey(i);
      List<ModelRows.ModelCell> kept = c.expectation().keep(i, row, ModelRows.cells(i));
      if (!kept.isEmpty()) {
        rows.add(ModelRows.render(row, kept));
      }
    }
    return rows;
  }

  private static List<String> scan(Scan scan) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Table t = cluster.connection().getTable(TABLE);
        ResultScanner scanner = t.getScanner(scan)) {
      for (Result r : scanner) {
        rows.add(ModelRows.render(r));
      }
    }
    return rows;
  }

  /** Equal lists, reported by count and first difference (not 200,000 lines). */
  static void assertSameRows(String what, List<String> expected, List<String> actual) {
    int n = Math.min(expected.size(), actual.size());
    for (int k = 0; k < n; k++) {
      if (!expected.get(k).equals(actual.get(k))) {
        throw new AssertionError(what + ": first difference at result " + k + " of "
            + expected.size() + " expected / " + actual.size() + " returned:\n  expected "
            + expected.get(k) + "\n  returned " + actual.get(k));
      }
    }
    if (expected.size() != actual.size()) {
      throw new AssertionError(what + ": " + expected.size() + " rows expected, "
          + actual.size() + " returned (the first " + n + " agree; " + (expected.size() > n
          ? "first missing: " + expected.get(n) : "first extra: " + actual.get(n)) + ")");
    }
  }
}
