package io.cellar.common.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cell blocks: built from cells (encoded lazily), as slices of a frame, decoded by groups. */
class CellBlockTest {
  private static KeyValue kv(String row, String q, String v) {
    return KeyValue.create(Bytes.toBytes(row), Bytes.toBytes("f"), Bytes.toBytes(q), 7,
        Bytes.toBytes(v));
  }

  /** A cell that is not an EncodedCell: encoded through the Cell getters. */
  private static Cell plain(KeyValue kv) {
    return (Cell) java.lang.reflect.Proxy.newProxyInstance(Cell.class.getClassLoader(),
        new Class<?>[] {Cell.class}, (p, m, a) -> m.invoke(kv, a));
  }

  @Test
  void cellOffsetsLocateEveryCellWithoutDecodingAndCheckTheGroups() throws Exception {
    List<KeyValue> cells = List.of(kv("a", "q1", "1"), kv("a", "q2", "22"), kv("b", "q", "333"));
    byte[] raw = CellBlock.ofCells(cells).bytes();
    byte[] wire = new byte[raw.length + 5];
    System.arraycopy(raw, 0, wire, 2, raw.length);
    CellBlock received = CellBlock.of(wire, 2, raw.length);
    assertSame(wire, received.array());
    assertEquals(2, received.arrayOffset());
    int[] offsets = received.cellOffsets(new int[] {2, 0, 1});
    assertEquals(4, offsets.length);
    int at = 2;
    for (int i = 0; i < cells.size(); i++) {
      assertEquals(at, offsets[i]);
      at += cells.get(i).getLength();
    }
    assertEquals(2 + raw.length, offsets[3]);
    assertThrows(InvalidRequestException.class, () -> received.cellOffsets(new int[] {2}));
    assertThrows(InvalidRequestException.class, () -> received.cellOffsets(new int[] {2, 2}));
    assertThrows(InvalidRequestException.class,
        () -> received.cellOffsets(new int[] {Integer.MAX_VALUE}));
    byte[] bad = raw.clone();
    bad[0] = 127; // key length far past the block
    assertThrows(InvalidRequestException.class, () -> CellBlock.of(bad).cellOffsets(new int[] {3}));
  }

  @Test
  void cellOffsetsWithoutCountsLocateEveryCellOfTheBlock() throws Exception {
    List<KeyValue> cells = new ArrayList<>();
    for (int i = 0; i < 40; i++) { // more than the first guess of the offsets array
      cells.add(kv("r", "q" + i, "v".repeat(i)));
    }
    byte[] raw = CellBlock.ofCells(cells).bytes();
    byte[] wire = new byte[raw.length + 3];
    System.arraycopy(raw, 0, wire, 3, raw.length);
    int[] offsets = CellBlock.of(wire, 3, raw.length).cellOffsets();
    assertEquals(cells.size() + 1, offsets.length);
    int at = 3;
    for (int i = 0; i < cells.size(); i++) {
      assertEquals(at, offsets[i]);
      at += cells.get(i).getLength();
    }
    assertEquals(wire.length, offsets[cells.size()]);
    int[] one = CellBlock.of(CellBlock.ofCells(List.of(kv("a", "q", "v"))).bytes()).cellOffsets();
    assertEquals(2, one.length);
    byte[] cut = java.util.Arrays.copyOf(raw, raw.length - 1);
    assertThrows(InvalidRequestException.class, () -> CellBlock.of(cut).cellOffsets());
  }

  @Test
  void anIndexedBlockAnswersFromItsIndexAndStillChecksTheGroups() throws Exception {
    List<KeyValue> cells = List.of(kv("a", "q1", "1"), kv("a", "q2", "22"), kv("b", "q", "333"));
    byte[] raw = CellBlock.ofCells(cells).bytes();
    CellBlock walked = CellBlock.of(raw);
    CellBlock indexed = CellBlock.of(raw);
    indexed.indexCells();
    assertArrayEquals(walked.cellOffsets(), indexed.cellOffsets());
    assertSame(indexed.cellOffsets(), indexed.cellOffsets(new int[] {2, 1})); // no second walk
    assertEquals(walked.cells(), indexed.cells());
    assertThrows(InvalidRequestException.class, () -> indexed.cellOffsets(new int[] {2}));
    assertThrows(InvalidRequestException.class, () -> indexed.cellOffsets(new int[] {2, 2}));
    CellBlock.empty().indexCells(); // nothing to index
    assertEquals(List.of(), CellBlock.empty().cells());
  }

  @Test
  void aMalformedBlockFailsWhenReadNotWhenIndexed() {
    byte[] bad = CellBlock.ofCells(List.of(kv("a", "q", "v"))).bytes();
    bad[0] = 127; // key length far past the block
    CellBlock block = CellBlock.of(bad);
    block.indexCells(); // runs on an event loop: must not throw
    assertThrows(InvalidRequestException.class, block::cellOffsets);
    assertThrows(InvalidRequestException.class, () -> block.cellOffsets(new int[] {1}));
    assertThrows(InvalidRequestException.class, block::cells);
  }

  @Test
  void rowsEncodeIntoAFrameAndDecodeBackByGroup() throws Exception {
    List<List<Cell>> rows = List.of(List.of(kv("a", "q1", "1"), plain(kv("a", "q2", "22"))),
        List.of(kv("b", "q", "333")));
    List<Cell> all = new ArrayList<>();
    int expected = 0;
    for (List<Cell> r : rows) {
      for (Cell c : r) {
        all.add(c);
        expected += c.getSerializedSize();
        assertEquals(c.getSerializedSize(), CellBlock.sizeOf(c));
      }
    }
    CellBlock block = CellBlock.ofCells(all.toArray(new Cell[0]), expected);
    assertEquals(expected, block.length());

    ByteBuf frame = Unpooled.buffer();
    frame.writeBytes(new byte[] {9, 9, 9}); // bytes before the block: it is read as a slice
    block.writeTo(frame);
    byte[] wire = new byte[frame.readableBytes()];
    frame.readBytes(wire);
    assertArrayEquals(block.bytes(), java.util.Arrays.copyOfRange(wire, 3, wire.length));

    CellBlock received = CellBlock.of(wire, 3, wire.length - 3);
    List<List<KeyValue>> groups = new ArrayList<>();
    received.cells(new int[] {2, 1}, groups);
    assertEquals(2, groups.size());
    assertEquals("22", Bytes.toString(Cells.cloneValue(groups.get(0).get(1))));
    assertEquals("b", Bytes.toString(Cells.cloneRow(groups.get(1).get(0))));
    assertSame(wire, groups.get(1).get(0).getBuffer(), "decoded cells are views of the frame");
    assertEquals(3, received.cells().size());
  }

  @Test
  void cellsCopyIntoDirectBuffersAsIntoHeapOnes() {
    List<Cell> cells = new ArrayList<>();
    long size = 0;
    for (int i = 0; i < 50; i++) {
      Cell c = i % 7 == 3 ? plain(kv("r" + i, "q", "v".repeat(i))) : kv("r" + i, "q", "x");
      cells.add(c);
      size += CellBlock.sizeOf(c);
    }
    byte[] expected = CellBlock.ofCells(cells).bytes();
    ByteBuf[] targets = {Unpooled.buffer(4), Unpooled.directBuffer(4),
        io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(4)};
    for (ByteBuf frame : targets) {
      try {
        frame.writeBytes(new byte[] {9, 9}); // the block goes after what is there; grows the buffer
        CellBlock.ofCells(cells.toArray(new Cell[0]), size).writeTo(frame);
        assertEquals(2 + expected.length, frame.writerIndex(), frame.toString());
        byte[] wire = new byte[expected.length];
        frame.getBytes(2, wire);
        assertArrayEquals(expected, wire, frame.toString());
      } finally {
        frame.release();
      }
    }
  }

  @Test
  void cellsLargerThanTheirClaimedSizeNeverWritePastIt() {
    Cell[] cells = {kv("a", "q", "v"), kv("b", "q", "vvvv")};
    long tooSmall = CellBlock.sizeOf(cells[0]) + 1;
    ByteBuf frame = Unpooled.directBuffer(64, 64);
    try {
      assertThrows(IllegalStateException.class,
          () -> CellBlock.ofCells(cells, tooSmall).writeTo(frame));
      assertEquals(0, frame.writerIndex());
    } finally {
      frame.release();
    }
  }

  @Test
  void groupCountsMustCoverTheBlockExactly() {
    CellBlock block = CellBlock.ofCells(List.of(kv("a", "q", "v"), kv("b", "q", "v")));
    assertThrows(InvalidRequestException.class,
        () -> CellBlock.of(block.bytes()).cells(new int[] {1}, new ArrayList<>()));
    assertThrows(InvalidRequestException.class,
        () -> CellBlock.of(block.bytes()).cells(new int[] {2, 1}, new ArrayList<>()));
  }

  @Test
  void malformedCellsAreRejected() {
    byte[] one = CellBlock.ofCells(List.of(kv("r", "q", "v"))).bytes();
    byte[] badType = one.clone();
    badType[8 + Bytes.getInt(one, 0) - 1] = 99; // the last key byte is the type code
    assertThrows(InvalidRequestException.class, () -> CellBlock.of(badType).cells());
    byte[] badRow = one.clone();
    badRow[8] = 0x7f; // a row length past the key
    assertThrows(InvalidRequestException.class, () -> CellBlock.of(badRow).cells());
    assertThrows(IndexOutOfBoundsException.class, () -> CellBlock.of(one, 2, one.length));
    assertSame(CellBlock.empty(), CellBlock.of(one, 1, 0));
  }
}
