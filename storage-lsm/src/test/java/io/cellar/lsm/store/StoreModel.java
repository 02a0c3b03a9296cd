package io.cellar.lsm.store;

import io.cellar.common.cell.CellType;
import io.cellar.common.cell.TimeRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A plain in-memory model of one store's HBase semantics, for property tests: the physical
 * cells (memstore and each file, by name) and the rules of reads and compactions over them,
 * written as directly as possible (no heaps, no seeks). Rows and qualifiers are strings;
 * family markers have a null qualifier. No TTL, MIN_VERSIONS or KEEP_DELETED_CELLS.
 */
final class StoreModel {
  /** One physical cell. */
  record MCell(String row, String qual, long ts, CellType type, long seq, String value) {
    String render() {
      return row + "/" + (qual == null ? "" : qual) + "/" + ts + "/" + type
          + (type == CellType.PUT ? "=" + value : "");
    }
  }

  /** Cell order: row, qualifier (family markers first), ts desc, type desc, seq desc. */
  static final Comparator<MCell> ORDER = Comparator.comparing(MCell::row)
      .thenComparing(c -> c.qual() == null ? "" : c.qual())
      .thenComparing(Comparator.comparingLong(MCell::ts).reversed())
      .thenComparing(Comparator.comparingInt((MCell c) -> c.type().code() & 0xFF).reversed())
      .thenComparing(Comparator.comparingLong(MCell::seq).reversed());

  private final int familyVersions;
  private final List<MCell> memstore = new ArrayList<>();
  private final Map<String, List<MCell>> files = new LinkedHashMap<>();

  StoreModel(int familyVersions) {
    this.familyVersions = familyVersions;
  }

  void add(MCell c) {
    memstore.add(c);
  }

  List<MCell> memstore() {
    return memstore;
  }

  /** The memstore became file {@code name}. */
  void flushed(String name) {
    files.put(name, new ArrayList<>(memstore));
    memstore.clear();
  }

  void forgetMemstore() {
    memstore.clear();
  }

  /** Files {@code inputs} became file {@code output}, by the major rules when they were all. */
  void compacted(List<String> inputs, String output) {
    boolean major = inputs.size() == files.size();
    List<MCell> cells = new ArrayList<>();
    for (String in : inputs) {
      List<MCell> f = files.remove(in);
      if (f == null) {
        throw new AssertionError("model has no file " + in);
      }
      cells.addAll(f);
    }
    files.put(output, compact(cells, major));
  }

  Map<String, List<MCell>> files() {
    return files;
  }

  /** What a compaction keeps: unmasked puts, one per timestamp, VERSIONS per column. */
  private List<MCell> compact(List<MCell> cells, boolean major) {
    List<MCell> kept = new ArrayList<>();
    for (List<MCell> row : byRow(cells).values()) {
      List<MCell> markers = row.stream().filter(c -> c.type() != CellType.PUT).toList();
      if (!major) {
        kept.addAll(markers);
      }
      for (List<MCell> col : byColumn(row).values()) {
        kept.addAll(visibleVersions(col, markers, TimeRange.ALL, familyVersions));
      }
    }
    kept.sort(ORDER);
    return kept;
  }

  /** A Get or Scan of the rows {@code rowIn} accepts: rendered cells in result order. */
  List<String> read(Predicate<String> rowIn, boolean reversed, int maxVersions, TimeRange tr) {
    List<MCell> all = new ArrayList<>(memstore);
    files.values().forEach(all::addAll);
    TreeMap<String, List<MCell>> rows = byRow(all);
    List<String> rowKeys = new ArrayList<>(rows.keySet());
    if (reversed) {
      java.util.Collections.reverse(rowKeys);
    }
    int versions = Math.min(maxVersions, familyVersions);
    List<String> out = new ArrayList<>();
    for (String r : rowKeys) {
      if (!rowIn.test(r)) {
        continue;
      }
      List<MCell> row = rows.get(r);
      List<MCell> markers = row.stream().filter(c -> c.type() != CellType.PUT).toList();
      for (List<MCell> col : byColumn(row).values()) {
        visibleVersions(col, markers, tr, versions).forEach(c -> out.add(c.render()));
      }
    }
    return out;
  }

  /** The newest {@code versions} distinct-timestamp puts of one column in the range. */
  private static List<MCell> visibleVersions(List<MCell> column, List<MCell> rowMarkers,
      TimeRange tr, int versions) {
    List<MCell> puts = column.stream().filter(c -> c.type() == CellType.PUT)
        .filter(p -> !masked(p, rowMarkers)).filter(p -> tr.contains(p.ts()))
        .sorted(ORDER).toList();
    List<MCell> out = new ArrayList<>();
    long lastTs = Long.MIN_VALUE;
    for (MCell p : puts) {
      if (!out.isEmpty() && p.ts() == lastTs) {
        continue; // an older write of the same version
      }
      if (out.size() == versions) {
        break;
      }
      out.add(p);
      lastTs = p.ts();
    }
    return out;
  }

  /** HBase's masking: by timestamp only, whatever the sequence ids. */
  static boolean masked(MCell put, List<MCell> markers) {
    for (MCell m : markers) {
      switch (m.type()) {
        case DELETE_FAMILY:
          if (m.ts() >= put.ts()) {
            return true;
          }
          break;
        case DELETE_FAMILY_VERSION:
          if (m.ts() == put.ts()) {
            return true;
          }
          break;
        case DELETE_COLUMN:
          if (m.qual().equals(put.qual()) && m.ts() >= put.ts()) {
            return true;
          }
          break;
        case DELETE:
          if (m.qual().equals(put.qual()) && m.ts() == put.ts()) {
            return true;
          }
          break;
        default:
          break;
      }
    }
    return false;
  }

  private static TreeMap<String, List<MCell>> byRow(List<MCell> cells) {
    return cells.stream().collect(Collectors.groupingBy(MCell::row, TreeMap::new,
        Collectors.toList()));
  }

  /** Puts and column markers by qualifier (family markers are not a column). */
  private static TreeMap<String, List<MCell>> byColumn(List<MCell> row) {
    return row.stream().filter(c -> c.qual() != null && !c.type().isFamilyDelete())
        .collect(Collectors.groupingBy(MCell::qual, TreeMap::new, Collectors.toList()));
  }
}
