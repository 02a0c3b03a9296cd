package io.cellar.lsm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.cell.TimeRange;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.compaction.CompactionConfig;
import io.cellar.lsm.compaction.CompactionThrottle;
import io.cellar.lsm.read.ScanParams;
import io.cellar.lsm.store.StoreModel.MCell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of puts, the four delete kinds, flushes, minor and major compactions,
 * reopens (a crash: the memstore is lost and replayed from the "WAL" above the flushed sequence
 * id) and reads (gets and scans, forward and reversed, random max versions and time ranges),
 * run against a {@link Store} and against {@link StoreModel}: every read must agree.
 */
class StorePropertyTest {
  private static final String[] ROWS = {"r0", "r1", "r2", "r3"};
  private static final String[] QUALS = {"a", "b", "c"};

  sealed interface Op permits Write, Flush, Compact, MajorCompact, Reopen, Read {}

  record Write(CellType type, int row, int qual, long ts, int value) implements Op {}

  record Flush() implements Op {}

  record Compact() implements Op {}

  record MajorCompact() implements Op {}

  record Reopen() implements Op {}

  /** lo/hi: row indexes, -1 = unbounded; get: only row lo. */
  record Read(boolean get, int lo, int hi, boolean reversed, int versions, int trMin, int trMax)
      implements Op {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<CellType> types = Arbitraries.frequencyOf(
        Tuple.of(8, Arbitraries.just(CellType.PUT)),
        Tuple.of(1, Arbitraries.just(CellType.DELETE)),
        Tuple.of(1, Arbitraries.just(CellType.DELETE_COLUMN)),
        Tuple.of(1, Arbitraries.just(CellType.DELETE_FAMILY)),
        Tuple.of(1, Arbitraries.just(CellType.DELETE_FAMILY_VERSION)));
    Arbitrary<Op> write = Combinators.combine(types, Arbitraries.integers().between(0, 3),
        Arbitraries.integers().between(0, 2), Arbitraries.longs().between(1, 6),
        Arbitraries.integers().between(0, 99)).as(Write::new);
    Arbitrary<Op> read = Combinators.combine(Arbitraries.of(true, false),
        Arbitraries.integers().between(-1, 3), Arbitraries.integers().between(-1, 3),
        Arbitraries.of(true, false), Arbitraries.integers().between(1, 4),
        Arbitraries.integers().between(-1, 6), Arbitraries.integers().between(1, 8))
        .as(Read::new);
    return Arbitraries.frequencyOf(
        Tuple.of(10, write),
        Tuple.of(4, Arbitraries.just(new Flush())),
        Tuple.of(2, Arbitraries.just(new Compact())),
        Tuple.of(1, Arbitraries.just(new MajorCompact())),
        Tuple.of(1, Arbitraries.just(new Reopen())),
        Tuple.of(4, read)).list().ofMinSize(20).ofMaxSize(80);
  }

  @Property(tries = 120)
  void storeAgreesWithTheModel(@ForAll("ops") List<Op> ops,
      @ForAll @IntRange(min = 1, max = 3) int versions,
      @ForAll boolean smallFilesAlwaysQualify) throws Exception {
    Path dir = Files.createTempDirectory("store-property");
    ColumnFamilyDescriptor cf = ColumnFamilyDescriptor.newBuilder("cf").setMaxVersions(versions)
        .build();
    Configuration conf = new Configuration()
        .setInt(CompactionConfig.MIN_FILES, 2)
        .setInt(CompactionConfig.MAX_FILES, 2) // so that most compactions are minor
        .setLong(CompactionConfig.MIN_SIZE, smallFilesAlwaysQualify ? 1 << 20 : 0)
        .setLong(CompactionConfig.MAJOR_PERIOD_MS, 0)
        .setInt(CompactionConfig.BLOCKING_FILES, 0);
    StoreModel model = new StoreModel(versions);
    BlockCache cache = new BlockCache(1 << 20);
    Store store = Store.open(dir, cf, cache, conf);
    long seq = 0;
    try {
      for (Op op : ops) {
        if (op instanceof Write w) {
          seq++;
          MCell m = new MCell(ROWS[w.row()], w.type().isFamilyDelete() ? null : QUALS[w.qual()],
              w.ts(), w.type(), seq, "v" + w.value());
          model.add(m);
          store.add(toCell(m), seq);
        } else if (op instanceof Flush) {
          store.flush(seq).ifPresent(f -> model.flushed(f.getName()));
          assertTrue(model.memstore().isEmpty(), "an empty memstore flushes to nothing");
        } else if (op instanceof Compact || op instanceof MajorCompact) {
          List<String> before = store.getStoreFileNames();
          boolean ran = op instanceof MajorCompact
              ? store.majorCompact(CompactionThrottle.unlimited())
              : store.compactOnce(CompactionThrottle.unlimited());
          List<String> after = store.getStoreFileNames();
          if (ran) {
            List<String> inputs = new ArrayList<>(before);
            inputs.removeAll(after);
            List<String> outputs = new ArrayList<>(after);
            outputs.removeAll(before);
            assertEquals(1, outputs.size(), "one output per compaction");
            model.compacted(inputs, outputs.get(0));
            Statistics.label("compaction").collect(
                inputs.size() == before.size() ? "major" : "minor");
          } else {
            assertEquals(before, after);
          }
        } else if (op instanceof Reopen) {
          store.close();
          store = Store.open(dir, cf, cache, conf);
          long flushed = store.getMaxFlushedSequenceId();
          for (MCell m : model.memstore()) { // the WAL replay
            assertTrue(m.seq() > flushed, "unflushed edit at or below the flushed seq id");
            store.add(toCell(m), m.seq());
          }
          assertEquals(new HashSet<>(model.files().keySet()),
              new HashSet<>(store.getStoreFileNames()));
        } else if (op instanceof Read r) {
          compareRead(store, model, r);
        }
        if (!(op instanceof Read) && !(op instanceof Write)) {
          compareRead(store, model, new Read(false, -1, -1, false, 4, -1, 8));
        }
      }
      compareRead(store, model, new Read(false, -1, -1, true, 4, -1, 8));
    } finally {
      store.close();
      deleteTree(dir);
    }
  }

  private static KeyValue toCell(MCell m) {
    return KeyValue.create(Bytes.toBytes(m.row()), StoreTestKit.FAMILY,
        m.qual() == null ? Bytes.EMPTY : Bytes.toBytes(m.qual()), m.ts(), m.type(),
        m.type() == CellType.PUT ? Bytes.toBytes(m.value()) : Bytes.EMPTY);
  }

  private static void compareRead(Store store, StoreModel model, Read r) throws IOException {
    TimeRange tr = r.trMin() < 0 ? TimeRange.ALL
        : TimeRange.between(r.trMin(), Math.max(r.trMin(), r.trMax()));
    ScanParams params;
    Predicate<String> rowIn;
    if (r.get()) {
      String row = ROWS[Math.max(0, r.lo())];
      params = ScanParams.row(Bytes.toBytes(row));
      rowIn = row::equals;
    } else if (!r.reversed()) {
      String lo = r.lo() < 0 ? "" : ROWS[r.lo()];
      String hi = r.hi() < 0 ? "" : ROWS[r.hi()];
      params = ScanParams.all().withRows(Bytes.toBytes(lo), Bytes.toBytes(hi));
      rowIn = row -> row.compareTo(lo) >= 0 && (hi.isEmpty() || row.compareTo(hi) < 0);
    } else {
      String high = r.hi() < 0 ? "" : ROWS[r.hi()]; // inclusive
      String low = r.lo() < 0 ? "" : ROWS[r.lo()]; // exclusive
      params = ScanParams.all().withReversed(true)
          .withRows(Bytes.toBytes(high), Bytes.toBytes(low));
      rowIn = row -> (high.isEmpty() || row.compareTo(high) <= 0)
          && (low.isEmpty() || row.compareTo(low) > 0);
    }
    params = params.withMaxVersions(r.versions()).withTimeRange(tr);
    List<String> expected = model.read(rowIn, r.reversed() && !r.get(), r.versions(), tr);
    assertEquals(expected, StoreTestKit.read(store, params), "read " + r);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
