package io.cellar.regionserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellar.client.Delete;
import io.cellar.client.Put;
import io.cellar.client.Scan;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.lsm.compaction.CompactionConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random puts, column and family deletes, flushes, clean reopens and crash reopens (abort) on a
 * Region, compared after every step with a small in-memory model of the newest visible value of
 * each column.
 */
class RegionModelPropertyTest {
  private static final TableDescriptor TABLE = RegionFixture.table("model");

  /**
   * No background compactions: a compaction that takes every file is major and drops delete
   * markers, after which a put with an older timestamp is visible again (HBase's semantics), so
   * the model would depend on compaction timing.
   */
  private static Configuration conf() {
    return new Configuration().setInt(CompactionConfig.MIN_FILES, 1000)
        .setInt(CompactionConfig.BLOCKING_FILES, 0);
  }

  /** One step: kind 0-5 put, 6 delete column, 7 delete family, 8 flush, 9 reopen, 10 abort. */
  record Op(int kind, int row, int family, int qualifier, long ts) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 10),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 1),
        Arbitraries.integers().between(0, 2), Arbitraries.longs().between(1, 30))
        .as(Op::new);
    return op.list().ofMinSize(5).ofMaxSize(40);
  }

  @Property(tries = 15)
  void regionAgreesWithTheModel(@ForAll("ops") List<Op> ops) throws Exception {
    Path root = Files.createTempDirectory("region-model");
    // row -> "fam:qual" -> (ts -> value); deletes as markers per column and family
    Map<String, Map<String, TreeMap<Long, String>>> puts = new TreeMap<>();
    Map<String, Long> columnDeletes = new TreeMap<>();
    Map<String, Long> familyDeletes = new TreeMap<>();
    RegionServices services = RegionServices.local(root, conf());
    Region region = RegionFixture.open(TABLE, services);
    try {
      int n = 0;
      for (Op o : ops) {
        String row = "r" + o.row();
        String fam = o.family() == 0 ? "cf1" : "cf2";
        String qual = "q" + o.qualifier();
        String col = fam + ":" + qual;
        switch (o.kind()) {
          case 6 -> {
            region.delete(new Delete(Bytes.toBytes(row)).addColumns(Bytes.toBytes(fam),
                Bytes.toBytes(qual), o.ts()));
            columnDeletes.merge(row + "/" + col, o.ts(), Math::max);
          }
          case 7 -> {
            region.delete(new Delete(Bytes.toBytes(row)).addFamily(Bytes.toBytes(fam), o.ts()));
            familyDeletes.merge(row + "/" + fam, o.ts(), Math::max);
          }
          case 8 -> region.flush(true);
          case 9 -> {
            region.close();
            region = RegionFixture.open(TABLE, services);
          }
          case 10 -> {
            region.abort();
            services.close();
            services = RegionServices.local(root, conf());
            region = RegionFixture.open(TABLE, services);
          }
          default -> {
            String value = "v" + (n++);
            region.put(new Put(Bytes.toBytes(row)).addColumn(Bytes.toBytes(fam),
                Bytes.toBytes(qual), o.ts(), Bytes.toBytes(value)));
            puts.computeIfAbsent(row, k -> new TreeMap<>())
                .computeIfAbsent(col, k -> new TreeMap<>()).put(o.ts(), value);
          }
        }
        assertEquals(expected(puts, columnDeletes, familyDeletes), actual(region),
            "after " + o);
      }
    } finally {
      region.close();
      services.close();
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static List<String> expected(Map<String, Map<String, TreeMap<Long, String>>> puts,
      Map<String, Long> columnDeletes, Map<String, Long> familyDeletes) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Map<String, TreeMap<Long, String>>> r : puts.entrySet()) {
      for (Map.Entry<String, TreeMap<Long, String>> c : r.getValue().entrySet()) {
        String fam = c.getKey().substring(0, c.getKey().indexOf(':'));
        long masked = Math.max(columnDeletes.getOrDefault(r.getKey() + "/" + c.getKey(), 0L),
            familyDeletes.getOrDefault(r.getKey() + "/" + fam, 0L));
        Map.Entry<Long, String> newest = c.getValue().lastEntry();
        if (newest.getKey() > masked) {
          out.add(r.getKey() + "/" + c.getKey() + "/" + newest.getKey() + "=" + newest.getValue());
        }
      }
    }
    return out;
  }

  private static List<String> actual(Region region) throws Exception {
    List<String> out = new ArrayList<>();
    for (List<Cell> row : RegionFixture.scanRows(region, new Scan())) {
      for (Cell c : row) {
        out.add(Bytes.toString(Cells.cloneRow(c)) + "/" + Bytes.toString(Cells.cloneFamily(c))
            + ":" + Bytes.toString(Cells.cloneQualifier(c)) + "/" + c.getTimestamp() + "="
            + Bytes.toString(Cells.cloneValue(c)));
      }
    }
    return out;
  }
}
