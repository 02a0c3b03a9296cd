package io.cellar.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.CorruptFileException;
import io.cellar.common.schema.TableName;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WalEntryCodecTest {
  @Test
  void roundTripKeepsEveryField() throws Exception {
    KeyValue put = KeyValue.create(Bytes.toBytes("r1"), Bytes.toBytes("cf"),
        Bytes.toBytes("a"), 10, Bytes.toBytes("v1"));
    put.setSequenceId(42);
    KeyValue del = KeyValue.create(Bytes.toBytes("r1"), Bytes.toBytes("cf2"),
        Bytes.EMPTY, 11, CellType.DELETE_FAMILY, Bytes.EMPTY);
    del.setSequenceId(42);
    UUID c1 = UUID.randomUUID();
    UUID c2 = UUID.randomUUID();
    WalEntry e = new WalEntry("région-ü", TableName.valueOf("ns:tbl"), 42, 1234567,
        List.of(c1, c2), List.<Cell>of(put, del));

    byte[] frame = WalEntryCodec.encode(e);
    assertEquals(e.getEncodedSize(), frame.length);
    assertEquals(frame.length - WalEntryCodec.FRAME_HEADER, Bytes.getInt(frame, 0));
    WalEntry back = WalEntryCodec.decodePayload(frame, 8, frame.length - 8);

    assertEquals(e, back);
    assertEquals("région-ü", back.getRegion());
    assertEquals(TableName.valueOf("ns:tbl"), back.getTable());
    assertEquals(42, back.getSequenceId());
    assertEquals(1234567, back.getWriteTime());
    assertEquals(List.of(c1, c2), back.getClusterIds());
    assertEquals(2, back.getCells().size());
    assertEquals(CellType.DELETE_FAMILY, back.getCells().get(1).getType());
    assertEquals(42, back.getCells().get(0).getSequenceId());
    assertEquals("v1", Bytes.toString(back.getCells().get(0).getValueArray(),
        back.getCells().get(0).getValueOffset(), back.getCells().get(0).getValueLength()));
  }

  @Test
  void crcCoversThePayload() {
    byte[] frame = WalEntryCodec.encode(TestEntries.entry("r", 7));
    int crc = Bytes.getInt(frame, 4);
    assertEquals(crc, WalEntryCodec.crc(frame, 8, frame.length - 8));
    frame[frame.length - 1] ^= 1;
    assertNotEquals(crc, WalEntryCodec.crc(frame, 8, frame.length - 8));
  }

  @Test
  void structuralDamageIsACorruptFileException() {
    byte[] frame = WalEntryCodec.encode(TestEntries.entry("r", 7));
    byte[] badVersion = frame.clone();
    badVersion[8] = 9;
    assertThrows(CorruptFileException.class,
        () -> WalEntryCodec.decodePayload(badVersion, 8, badVersion.length - 8));
    assertThrows(CorruptFileException.class,
        () -> WalEntryCodec.decodePayload(frame, 8, frame.length - 9));
  }

  @Test
  void withClusterIdAppends() {
    UUID a = UUID.randomUUID();
    WalEntry e = TestEntries.entry("r", 1).withClusterId(a);
    assertEquals(List.of(a), e.getClusterIds());
  }

  @Test
  void positionParsesAndOrders() {
    WalPosition p = WalPosition.parse("3:128");
    assertEquals(new WalPosition(3, 128), p);
    assertEquals("3:128", p.toString());
    assertEquals(-1, p.compareTo(new WalPosition(4, 8)));
    assertEquals(1, p.compareTo(new WalPosition(3, 8)));
    assertThrows(IllegalArgumentException.class, () -> WalPosition.parse("x"));
  }
}
