package io.cellar.lsm.hfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellComparator;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.schema.BloomType;
import io.cellar.common.schema.Compression;
import io.cellar.lsm.cache.BlockCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seek, reseek, next and the reversed-scan moves checked against a sorted in-memory list, with
 * small blocks and (in one case) a small index block size that forces a 3-level index.
 */
class HFileScannerTest {
  @TempDir
  Path dir;

  @Test
  void randomMovesMatchModelSingleLevelIndex() throws Exception {
    runModelCheck(HFileWriteOptions.DEFAULTS.withBlockSize(2048).withFsyncOnClose(false),
        new BlockCache(4 << 20), 1, 11);
  }

  @Test
  void randomMovesMatchModelThreeLevelIndexLz4NoCache() throws Exception {
    HFileWriteOptions opts = HFileWriteOptions.DEFAULTS.withBlockSize(512)
        .withCompression(Compression.LZ4).withBloomType(BloomType.ROWCOL)
        .withMaxIndexBlockSize(400).withFsyncOnClose(false);
    runModelCheck(opts, null, 3, 12);
  }

  private void runModelCheck(HFileWriteOptions opts, BlockCache cache, int minLevels, long seed)
      throws Exception {
    Random rnd = new Random(seed);
    List<KeyValue> cells = TestCells.random(rnd, 6000, 800);
    try (HFileReader reader = TestCells.writeAndOpen(dir.resolve("f" + seed), opts, cells,
        cache)) {
      assertTrue(reader.getFileInfo().getIndexLevels() >= minLevels,
          "levels " + reader.getFileInfo().getIndexLevels());
      try (HFileScanner s = reader.getScanner(true, 1)) {
        for (int op = 0; op < 4000; op++) {
          Cell key = randomKey(rnd, cells);
          switch (rnd.nextInt(6)) {
            case 0 -> checkSeek(s, cells, key);
            case 1 -> {
              // reseek to a key not before the current position
              Cell cur = s.peek();
              if (cur == null || CellComparator.INSTANCE.compare(key, cur) < 0) {
                checkSeek(s, cells, key);
              } else {
                int expected = ceiling(cells, key);
                assertEquals(expected < cells.size(), s.reseek(key));
                TestCells.assertSameCell(at(cells, expected), s.peek());
              }
            }
            case 2 -> {
              int expected = previousRowStart(cells, key);
              assertEquals(expected >= 0, s.seekToPreviousRow(key), () -> "prevRow " + key);
              TestCells.assertSameCell(at(cells, expected), s.peek());
            }
            case 3 -> {
              int c = ceiling(cells, key);
              int expected = c < cells.size() && Cells.matchingRow(cells.get(c), key)
                  ? c : previousRowStart(cells, key);
              assertEquals(expected >= 0, s.backwardSeek(key), () -> "backwardSeek " + key);
              TestCells.assertSameCell(at(cells, expected), s.peek());
            }
            case 4 -> {
              assertTrue(s.seekToLastRow());
              int lastRowStart = ceiling(cells,
                  KeyValue.firstOnRow(Cells.cloneRow(cells.get(cells.size() - 1))));
              checkRunOfNext(s, cells, lastRowStart, 5);
            }
            default -> {
              int pos = ceiling(cells, key);
              s.seek(key);
              checkRunOfNext(s, cells, pos, 1 + rnd.nextInt(300));
            }
          }
        }
      }
    }
  }

  private static void checkSeek(HFileScanner s, List<KeyValue> cells, Cell key)
      throws Exception {
    int expected = ceiling(cells, key);
    assertEquals(expected < cells.size(), s.seek(key), () -> "seek " + key);
    TestCells.assertSameCell(at(cells, expected), s.peek());
  }

  private static void checkRunOfNext(HFileScanner s, List<KeyValue> cells, int from, int n)
      throws Exception {
    for (int i = from; i < from + n; i++) {
      TestCells.assertSameCell(at(cells, i), s.next());
    }
  }

  private static KeyValue at(List<KeyValue> cells, int i) {
    return i >= 0 && i < cells.size() ? cells.get(i) : null;
  }

  /** Index of the first cell >= key. */
  private static int ceiling(List<KeyValue> cells, Cell key) {
    int i = Collections.binarySearch(cells, key, CellComparator.INSTANCE);
    return i >= 0 ? i : -i - 1;
  }

  /** Index of the first cell of the last row before key's row, or -1. */
  private static int previousRowStart(List<KeyValue> cells, Cell key) {
    int i = ceiling(cells, KeyValue.firstOnRow(Cells.cloneRow(key))) - 1;
    if (i < 0) {
      return -1;
    }
    byte[] row = Cells.cloneRow(cells.get(i));
    return ceiling(cells, KeyValue.firstOnRow(row));
  }

  private static Cell randomKey(Random rnd, List<KeyValue> cells) {
    KeyValue c = cells.get(rnd.nextInt(cells.size()));
    byte[] row = Cells.cloneRow(c);
    switch (rnd.nextInt(7)) {
      case 0:
        return c;
      case 1:
        return KeyValue.firstOnRow(row);
      case 2:
        return KeyValue.lastOnRow(row);
      case 3: // rows between and around the written ones (written rows are even)
        return KeyValue.firstOnRow(TestCells.row(rnd.nextInt(1700)));
      case 4:
        return KeyValue.firstOnColumn(row, Cells.cloneFamily(c), Cells.cloneQualifier(c));
      case 5:
        return KeyValue.firstOnRow(Bytes.concat(TestCells.row(rnd.nextInt(1700)), new byte[] {0}));
      default:
        KeyValue k = KeyValue.create(row, Cells.cloneFamily(c), Cells.cloneQualifier(c),
            c.getTimestamp(), c.getType(), Bytes.EMPTY);
        k.setSequenceId(rnd.nextInt(1000));
        return k;
    }
  }

  @Test
  void concurrentScannersShareOneReader() throws Exception {
    List<KeyValue> cells = TestCells.random(new Random(21), 5000, 700);
    HFileWriteOptions opts = HFileWriteOptions.DEFAULTS.withBlockSize(1024)
        .withCompression(Compression.LZ4).withFsyncOnClose(false);
    BlockCache cache = new BlockCache(256 << 10); // small: blocks get evicted and re-read
    try (HFileReader reader = TestCells.writeAndOpen(dir.resolve("shared"), opts, cells, cache)) {
      List<Thread> threads = new ArrayList<>();
      List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
      for (int t = 0; t < 4; t++) {
        long seed = 100 + t;
        threads.add(new Thread(() -> {
          Random rnd = new Random(seed);
          try (HFileScanner s = reader.getScanner(seed % 2 == 0, seed)) {
            for (int i = 0; i < 1500; i++) {
              Cell key = randomKey(rnd, cells);
              int pos = ceiling(cells, key);
              s.seek(key);
              checkRunOfNext(s, cells, pos, 1 + rnd.nextInt(20));
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      assertTrue(failures.isEmpty(), () -> "failures: " + failures);
      assertTrue(cache.getHitCount() > 0 && cache.getMissCount() > 0);
    }
  }

  @Test
  void seekPastLastCellAndBeforeFirst() throws Exception {
    List<KeyValue> cells = new ArrayList<>();
    for (int i = 10; i < 20; i++) {
      cells.add(KeyValue.create(TestCells.row(i), TestCells.FAMILIES[0], Bytes.toBytes("q"), 5,
          Bytes.toBytes(i)));
    }
    try (HFileReader r = TestCells.writeAndOpen(dir.resolve("small"),
        HFileWriteOptions.DEFAULTS.withBlockSize(64).withFsyncOnClose(false), cells, null);
        HFileScanner s = r.getScanner(false, 0)) {
      assertTrue(s.seek(KeyValue.firstOnRow(TestCells.row(1))));
      TestCells.assertSameCell(cells.get(0), s.peek());
      assertEquals(false, s.seek(KeyValue.firstOnRow(TestCells.row(30))));
      assertEquals(null, s.peek());
      assertEquals(false, s.seekToPreviousRow(KeyValue.firstOnRow(TestCells.row(10))));
      assertTrue(s.seekToPreviousRow(KeyValue.firstOnRow(TestCells.row(99))));
      TestCells.assertSameCell(cells.get(9), s.peek());
      assertTrue(s.backwardSeek(KeyValue.firstOnRow(TestCells.row(99))));
      TestCells.assertSameCell(cells.get(9), s.peek());
      assertEquals(false, s.backwardSeek(KeyValue.firstOnRow(TestCells.row(3))));
    }
  }
}
