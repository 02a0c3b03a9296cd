package io.cellar.lsm.hfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.schema.BloomType;
import io.cellar.common.schema.Compression;
import io.cellar.lsm.cache.BlockCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Compression × BloomType writes and reads back the same cells and file info. */
class HFileRoundTripTest {
  @TempDir
  Path dir;

  static Stream<Arguments> combos() {
    return Stream.of(Compression.values())
        .flatMap(c -> Stream.of(BloomType.values()).map(b -> Arguments.of(c, b)));
  }

  @ParameterizedTest
  @MethodSource("combos")
  void roundTrip(Compression compression, BloomType bloom) throws Exception {
    List<KeyValue> cells = TestCells.random(new Random(42), 12_000, 2000);
    HFileWriteOptions opts = HFileWriteOptions.DEFAULTS.withBlockSize(4096)
        .withCompression(compression).withBloomType(bloom).withFsyncOnClose(false);
    Path path = dir.resolve("f-" + compression + "-" + bloom);
    BlockCache cache = new BlockCache(8 << 20);
    try (HFileReader reader = TestCells.writeAndOpen(path, opts, cells, cache)) {
      HFileInfo info = reader.getFileInfo();
      assertEquals(cells.size(), info.getCellCount());
      assertEquals(bloom, info.getBloomType());
      assertEquals(compression, info.getCompression());
      assertEquals(Files.size(path), info.getFileLength());
      assertTrue(info.getDataBlockCount() > 10);
      assertEquals(5000, info.getMaxSequenceId());
      assertEquals(0, CellComparator.INSTANCE.compare(cells.get(0), info.getFirstKey()));
      assertEquals(0, CellComparator.INSTANCE.compare(cells.get(cells.size() - 1),
          info.getLastKey()));
      assertEquals(cells.stream().mapToLong(Cell::getTimestamp).min().getAsLong(),
          info.getMinTimestamp());
      assertEquals(cells.stream().mapToLong(Cell::getTimestamp).max().getAsLong(),
          info.getMaxTimestamp());
      assertEquals(cells.stream().filter(c -> c.getType().isDelete()).count(),
          info.getDeleteCount());
      for (boolean cacheBlocks : new boolean[] {true, false}) {
        try (HFileScanner s = reader.getScanner(cacheBlocks, 7)) {
          assertNull(s.peek());
          assertTrue(s.seek(KeyValue.firstOnRow(new byte[0])));
          for (KeyValue expected : cells) {
            TestCells.assertSameCell(expected, s.next());
          }
          assertNull(s.next());
          assertNull(s.peek());
          assertEquals(7, s.getScannerOrder());
        }
      }
      for (KeyValue c : cells) {
        assertTrue(reader.mightContainRow(Cells.cloneRow(c)));
        assertTrue(reader.mightContainRowCol(Cells.cloneRow(c), Cells.cloneFamily(c),
            Cells.cloneQualifier(c)));
      }
      if (compression == Compression.LZ4) {
        assertTrue(info.getFileLength() < cells.stream().mapToLong(Cell::getSerializedSize).sum());
      }
    }
  }

  @Test
  void emptyFileOpensAndScansNothing() throws Exception {
    Path path = dir.resolve("empty");
    try (HFileReader reader = TestCells.writeAndOpen(path, HFileWriteOptions.DEFAULTS,
        List.of(), null)) {
      assertEquals(0, reader.getFileInfo().getCellCount());
      assertNull(reader.getFileInfo().getFirstKey());
      assertFalse(reader.mightContainRow(TestCells.row(1)));
      try (HFileScanner s = reader.getScanner(true, 0)) {
        assertFalse(s.seek(KeyValue.firstOnRow(new byte[0])));
        assertFalse(s.seekToLastRow());
        assertFalse(s.seekToPreviousRow(KeyValue.firstOnRow(TestCells.row(5))));
        assertNull(s.next());
      }
    }
  }
}
