package io.cellar.lsm.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.cell.TimeRange;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.lsm.memstore.MemStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random puts and markers spread over files and a memstore, read through the store scanner and
 * through a naive model of the rules (a marker masks puts at or below its timestamp, whatever
 * was written when); also checks that a major compaction changes no all-time read.
 */
class StoreScannerModelTest {
  private static final byte[] FAM = Bytes.toBytes("f");
  private static final CellType[] TYPES = {CellType.PUT, CellType.PUT, CellType.PUT,
      CellType.PUT, CellType.DELETE, CellType.DELETE_COLUMN, CellType.DELETE_FAMILY,
      CellType.DELETE_FAMILY_VERSION};

  @Test
  void storeScannerAgreesWithNaiveModel() throws IOException {
    for (long seed = 1; seed <= 100; seed++) {
      checkSeed(seed, false);
    }
  }

  /** The newest version of every column at all times: the scanner's shortcut for such reads. */
  @Test
  void newestVersionReadsAgreeWithNaiveModel() throws IOException {
    for (long seed = 1; seed <= 200; seed++) {
      checkSeed(seed, true);
    }
  }

  /**
   * Many rows, few cells each: most rows then sit in one source, which the newest-version
   * shortcut reads without merging; rows shared by sources still merge.
   */
  @Test
  void sparseRowsAgreeWithNaiveModel() throws IOException {
    for (long seed = 1; seed <= 200; seed++) {
      checkSeed(seed, seed % 2 == 0, 60);
    }
  }

  private static void checkSeed(long seed, boolean newestOnly) throws IOException {
    checkSeed(seed, newestOnly, 6);
  }

  private static void checkSeed(long seed, boolean newestOnly, int rows) throws IOException {
    Random rnd = new Random(seed);
    int versions = 1 + rnd.nextInt(4);
    FamilySettings family = new FamilySettings(versions, 0, ColumnFamilyDescriptor.FOREVER,
        false, () -> 0L);
    List<List<Cell>> files = new ArrayList<>();
    for (int f = 0; f < 3; f++) {
      files.add(new ArrayList<>());
    }
    MemStore memstore = new MemStore(1024, 1 + rnd.nextInt(8));
    List<KeyValue> all = new ArrayList<>();
    int n = 20 + rnd.nextInt(150);
    for (long seq = 1; seq <= n; seq++) {
      CellType type = TYPES[rnd.nextInt(TYPES.length)];
      byte[] qual = type.isFamilyDelete() ? Bytes.EMPTY : Bytes.toBytes("q" + rnd.nextInt(3));
      KeyValue kv = KeyValue.create(Bytes.toBytes("r" + rnd.nextInt(rows)), FAM, qual,
          1 + rnd.nextInt(8), type, Bytes.toBytes("v" + seq));
      kv.setSequenceId(seq);
      all.add(kv);
      int where = rnd.nextInt(4);
      if (where == 3) {
        memstore.add(kv, seq);
      } else {
        files.get(where).add(kv);
      }
    }
    int askVersions = newestOnly ? 1 : 1 + rnd.nextInt(5);
    long lo = rnd.nextInt(4);
    TimeRange tr = newestOnly || rnd.nextBoolean()
        ? TimeRange.ALL : TimeRange.between(lo, lo + 1 + rnd.nextInt(8));
    ScanParams params = ScanParams.all().withMaxVersions(askVersions).withTimeRange(tr);
    List<String> want = model(all, tr, Math.min(askVersions, versions));
    String what = "seed " + seed;
    assertEquals(want, read(family, params, files, memstore), what);
    List<String> reversed = read(family, params.withReversed(true), files, memstore);
    Collections.reverse(reversed);
    assertEquals(want, reversed, what + " reversed");

    // a major compaction of everything keeps every read's answer
    List<Cell> compacted = new ArrayList<>();
    try (StoreScanner c = StoreScanner.forCompaction(family, sources(files, memstore), true)) {
      List<Cell> row = new ArrayList<>();
      while (c.nextRow(row)) {
        compacted.addAll(row);
        row.clear();
      }
    }
    for (Cell c : compacted) {
      assertEquals(CellType.PUT, c.getType(), what + ": major compaction kept a marker");
    }
    // (time-range reads may legitimately differ: compaction drops versions beyond VERSIONS
    // that a range excluding the newest ones would have shown)
    ScanParams allTime = params.withTimeRange(TimeRange.ALL);
    assertEquals(read(family, allTime, files, memstore),
        read(family, allTime, List.of(compacted), new MemStore()), what + " after major");
  }

  private static List<KeyValueScanner> sources(List<List<Cell>> files, MemStore memstore) {
    List<KeyValueScanner> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      out.add(new ListScanner(files.get(i), i + 1));
    }
    out.addAll(memstore.getScanners(Long.MAX_VALUE));
    return out;
  }

  private static List<String> read(FamilySettings family, ScanParams params,
      List<List<Cell>> files, MemStore memstore) throws IOException {
    List<String> rows = new ArrayList<>();
    try (StoreScanner s = StoreScanner.forRead(family, params, sources(files, memstore))) {
      List<Cell> row = new ArrayList<>();
      while (s.nextRow(row)) {
        rows.add(format(row));
        row.clear();
      }
    }
    return rows;
  }

  private static String format(List<Cell> row) {
    StringBuilder sb = new StringBuilder(Bytes.toString(Cells.cloneRow(row.get(0)))).append(':');
    for (Cell c : row) {
      sb.append(' ').append(Bytes.toString(Cells.cloneQualifier(c))).append('/')
          .append(c.getTimestamp()).append('=').append(Bytes.toString(Cells.cloneValue(c)));
    }
    return sb.toString();
  }

  /** The rules written the slow, obvious way. */
  private static List<String> model(List<KeyValue> all, TimeRange tr, int maxVersions) {
    TreeMap<String, List<KeyValue>> byRow = new TreeMap<>();
    for (KeyValue kv : all) {
      byRow.computeIfAbsent(Bytes.toString(Cells.cloneRow(kv)), k -> new ArrayList<>()).add(kv);
    }
    List<String> out = new ArrayList<>();
    for (List<KeyValue> cells : byRow.values()) {
      TreeMap<String, List<KeyValue>> byColumn = new TreeMap<>();
      for (KeyValue p : cells) {
        if (p.getType() != CellType.PUT || isDeleted(p, cells, tr)
            || !tr.contains(p.getTimestamp())) {
          continue;
        }
        byColumn.computeIfAbsent(Bytes.toString(Cells.cloneQualifier(p)),
            k -> new ArrayList<>()).add(p);
      }
      List<Cell> row = new ArrayList<>();
      for (List<KeyValue> col : byColumn.values()) {
        col.sort(Comparator.comparingLong(KeyValue::getTimestamp).reversed()
            .thenComparing(Comparator.comparingLong(KeyValue::getSequenceId).reversed()));
        long lastTs = -1;
        int kept = 0;
        for (KeyValue p : col) {
          if (p.getTimestamp() == lastTs || kept == maxVersions) {
            continue; // an older copy at the same timestamp, or too many versions
          }
          lastTs = p.getTimestamp();
          row.add(p);
          kept++;
        }
      }
      if (!row.isEmpty()) {
        out.add(format(row));
      }
    }
    return out;
  }

  private static boolean isDeleted(KeyValue put, List<KeyValue> row, TimeRange tr) {
    long ts = put.getTimestamp();
    for (KeyValue m : row) {
      long mts = m.getTimestamp();
      if (m.getType() == CellType.PUT || mts < tr.getMin()) {
        continue;
      }
      boolean sameColumn = Cells.matchingQualifier(m, put);
      switch (m.getType()) {
        case DELETE_FAMILY:
          if (ts <= mts) {
            return true;
          }
          break;
        case DELETE_FAMILY_VERSION:
          if (ts == mts) {
            return true;
          }
          break;
        case DELETE_COLUMN:
          if (sameColumn && ts <= mts) {
            return true;
          }
          break;
        case DELETE:
          if (sameColumn && ts == mts) {
            return true;
          }
          break;
        default:
          break;
      }
    }
    return false;
  }
}
