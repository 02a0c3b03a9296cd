package io.cellar.lsm.memstore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The memstore's raw-byte order (row prefix, then the encoded fields) is exactly
 * {@link CellComparator}'s, for rows shorter and longer than the 8-byte prefix, zero and 0xFF
 * bytes, prefixes of one another, and families of different lengths.
 */
class ChunkCellOrderTest {
  private static final byte[] ALPHABET = {0, 1, 0x7F, (byte) 0x80, (byte) 0xFF};
  private static final CellType[] TYPES = {CellType.PUT, CellType.DELETE,
      CellType.DELETE_COLUMN, CellType.DELETE_FAMILY, CellType.DELETE_FAMILY_VERSION};

  private static byte[] bytes(Random rnd, int maxLen) {
    byte[] b = new byte[rnd.nextInt(maxLen + 1)];
    for (int i = 0; i < b.length; i++) {
      b[i] = ALPHABET[rnd.nextInt(ALPHABET.length)];
    }
    return b;
  }

  private static KeyValue randomCell(Random rnd, long seq) {
    byte[] row = bytes(rnd, 12);
    if (row.length == 0) {
      row = new byte[] {0};
    }
    KeyValue kv = KeyValue.create(row, bytes(rnd, 2), bytes(rnd, 20), rnd.nextInt(3),
        TYPES[rnd.nextInt(TYPES.length)], bytes(rnd, 4));
    kv.setSequenceId(seq);
    return kv;
  }

  @Test
  void rawOrderIsTheCellOrder() {
    Random rnd = new Random(42);
    ChunkArena arena = new ChunkArena(4096);
    List<KeyValue> kvs = new ArrayList<>();
    List<ChunkCell> chunkCells = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      KeyValue kv = randomCell(rnd, 1 + rnd.nextInt(3));
      kvs.add(kv);
      chunkCells.add(arena.copy(kv, kv.getSequenceId()));
    }
    for (int i = 0; i < kvs.size(); i++) {
      for (int j = 0; j < kvs.size(); j++) {
        int expected = Integer.signum(CellComparator.INSTANCE.compare(kvs.get(i), kvs.get(j)));
        ChunkCell x = chunkCells.get(i);
        ChunkCell y = chunkCells.get(j);
        assertEquals(expected, Integer.signum(ChunkCell.compare(x, y)), kvs.get(i) + " vs "
            + kvs.get(j));
        assertEquals(expected,
            Integer.signum(ChunkCell.compareEncoded(x.chunk, x.offset, y.chunk, y.offset)));
        assertEquals(expected, Integer.signum(ChunkCell.compare(x, kvs.get(j))));
      }
    }
  }

  @Test
  void rowsSharingTheirRowPrefixOrderByTheirFullRows() {
    Random rnd = new Random(11);
    ChunkArena arena = new ChunkArena(4096);
    List<KeyValue> kvs = new ArrayList<>();
    List<ChunkCell> chunkCells = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      // "00000000" then 0-12 more bytes (zero bytes included): only bytes 8+ tell rows apart
      byte[] tail = bytes(rnd, 12);
      byte[] row = new byte[8 + tail.length];
      java.util.Arrays.fill(row, 0, 8, (byte) '0');
      System.arraycopy(tail, 0, row, 8, tail.length);
      if (rnd.nextInt(4) == 0 && tail.length > 0) {
        row[8 + rnd.nextInt(tail.length)] = 0;
      }
      KeyValue kv = KeyValue.create(row, new byte[] {'f'}, bytes(rnd, 2), rnd.nextInt(3),
          CellType.PUT, bytes(rnd, 4));
      kv.setSequenceId(1 + rnd.nextInt(3));
      kvs.add(kv);
      chunkCells.add(arena.copy(kv, kv.getSequenceId()));
    }
    for (int i = 0; i < kvs.size(); i++) {
      for (int j = 0; j < kvs.size(); j++) {
        assertEquals(Integer.signum(CellComparator.INSTANCE.compare(kvs.get(i), kvs.get(j))),
            Integer.signum(ChunkCell.compare(chunkCells.get(i), chunkCells.get(j))),
            kvs.get(i) + " vs " + kvs.get(j));
      }
    }
  }

  @Test
  void rowPrefixOrderNeverContradictsTheRows() {
    Random rnd = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] a = bytes(rnd, 10);
      byte[] b = bytes(rnd, 10);
      long pa = ChunkCell.rowPrefix(a, 0, a.length);
      long pb = ChunkCell.rowPrefix(b, 0, b.length);
      if (pa != pb) {
        assertEquals(Integer.signum(java.util.Arrays.compareUnsigned(a, b)),
            Long.compareUnsigned(pa, pb));
      }
    }
  }
}
