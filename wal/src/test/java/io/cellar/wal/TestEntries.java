package io.cellar.wal;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds small WAL entries for tests and reads files back. */
final class TestEntries {
  static final TableName TABLE = TableName.valueOf("t1");

  private TestEntries() {}

  /** An entry of about 150 bytes for {@code region} at {@code seq}. */
  static WalEntry entry(String region, long seq) {
    KeyValue kv = KeyValue.create(Bytes.toBytes("row-" + seq), Bytes.toBytes("cf"),
        Bytes.toBytes("q"), 1000 + seq, Bytes.toBytes("value-" + seq + "-xxxxxxxxxxxxxxxxxxxx"));
    kv.setSequenceId(seq);
    return WalEntry.of(region, TABLE, seq, 5000 + seq, List.<Cell>of(kv));
  }

  /** Every entry readable in {@code file}. */
  static List<WalEntry> readAll(Path file) throws IOException {
    List<WalEntry> out = new ArrayList<>();
    try (SegmentReader r = SegmentReader.open(file)) {
      WalEntry e;
      while ((e = r.next()) != null) {
        out.add(e);
      }
    }
    return out;
  }

  /** Every entry in the segments of {@code dir}, oldest segment first. */
  static List<WalEntry> replayAll(Path dir) throws IOException {
    List<WalEntry> out = new ArrayList<>();
    WalReplayer.replay(dir, e -> true, out::add);
    return out;
  }

  static WalConfig config(Path root) {
    return WalConfig.forServer(root, "rs1,16020,1");
  }
}
