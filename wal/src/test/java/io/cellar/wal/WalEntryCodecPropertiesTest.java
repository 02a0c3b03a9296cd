package io.cellar.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.schema.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Any entry survives encode + decode unchanged, and its frame length is as predicted. */
class WalEntryCodecPropertiesTest {
  @Property(tries = 300)
  void roundTrip(@ForAll @StringLength(min = 1, max = 40) String region,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seq,
      @ForAll long writeTime,
      @ForAll @Size(max = 3) List<@IntRange(min = 0) Integer> clusterSeeds,
      @ForAll @Size(max = 6) List<@Size(max = 30) byte[]> values) throws Exception {
    List<UUID> clusters = new ArrayList<>();
    for (int s : clusterSeeds) {
      clusters.add(new UUID(s, ~s));
    }
    List<Cell> cells = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      KeyValue kv = KeyValue.create(new byte[] {(byte) i, 1}, new byte[] {'f'},
          values.get(i), seq + i, i % 2 == 0 ? CellType.PUT : CellType.DELETE_COLUMN,
          values.get(i));
      kv.setSequenceId(seq);
      cells.add(kv);
    }
    WalEntry e = new WalEntry(region, TableName.valueOf("ns:t"), seq, writeTime, clusters, cells);
    byte[] frame = WalEntryCodec.encode(e);
    assertEquals(e.getEncodedSize(), frame.length);
    assertEquals(e, WalEntryCodec.decodePayload(frame, 8, frame.length - 8));
  }
}
