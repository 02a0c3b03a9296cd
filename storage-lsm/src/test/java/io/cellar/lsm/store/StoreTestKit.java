package io.cellar.lsm.store;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.read.KeyValueHeap;
import io.cellar.lsm.read.KeyValueScanner;
import io.cellar.lsm.read.ScanParams;
import io.cellar.lsm.read.StoreScanner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Shared by store and compaction tests: cells, stores with a test clock, and read helpers. */
public final class StoreTestKit {
  public static final byte[] FAMILY = Bytes.toBytes("cf");

  private StoreTestKit() {}

  public static KeyValue put(String row, String qual, long ts, String value) {
    return KeyValue.create(Bytes.toBytes(row), FAMILY, Bytes.toBytes(qual), ts, CellType.PUT,
        Bytes.toBytes(value));
  }

  public static KeyValue marker(String row, String qual, long ts, CellType type) {
    byte[] q = type.isFamilyDelete() ? Bytes.EMPTY : Bytes.toBytes(qual);
    return KeyValue.create(Bytes.toBytes(row), FAMILY, q, ts, type, Bytes.EMPTY);
  }

  /** A configuration that never compacts unless asked (blocking off). */
  public static Configuration quietConf() {
    return new Configuration()
        .setInt("cellar.hstore.compaction.min", 100)
        .setInt("cellar.hstore.compaction.max", 100)
        .setInt("cellar.hstore.blockingStoreFiles", 0)
        .setLong("cellar.hregion.majorcompaction", 0);
  }

  public static Store open(Path dir, ColumnFamilyDescriptor cf, Configuration conf,
      AtomicLong clock) throws IOException {
    return Store.open(dir, cf, new BlockCache(8 << 20), conf, null, clock::get);
  }

  /** Visible cells of the whole store, rendered one per line as {@code row/q/ts/TYPE=value}. */
  public static List<String> read(Store store, ScanParams params) throws IOException {
    List<String> out = new ArrayList<>();
    try (StoreScanner s = store.getScanner(params)) {
      List<Cell> row = new ArrayList<>();
      while (s.nextRow(row)) {
        row.forEach(c -> out.add(render(c)));
        row.clear();
      }
    }
    return out;
  }

  public static List<String> readAll(Store store, int maxVersions) throws IOException {
    return read(store, ScanParams.all().withMaxVersions(maxVersions));
  }

  /** Every physical cell (markers, masked and excess versions), in order, with sequence ids. */
  public static List<String> raw(Store store) throws IOException {
    List<KeyValueScanner> sources = store.getScanners(ScanParams.all());
    List<String> out = new ArrayList<>();
    try (KeyValueHeap heap = new KeyValueHeap(sources)) {
      heap.seek(KeyValue.firstOnRow(Bytes.EMPTY));
      Cell c;
      while ((c = heap.next()) != null) {
        out.add(render(c) + "@" + c.getSequenceId());
      }
    }
    return out;
  }

  public static String render(Cell c) {
    return Bytes.toString(Cells.cloneRow(c)) + "/" + Bytes.toString(Cells.cloneQualifier(c))
        + "/" + c.getTimestamp() + "/" + c.getType()
        + (c.getType() == CellType.PUT ? "=" + Bytes.toString(Cells.cloneValue(c)) : "");
  }
}
