package io.cellar.lsm.hfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.cell.KeyValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic publication, abort, order checking and the flags set by the caller. */
class HFileWriterTest {
  @TempDir
  Path dir;

  @Test
  void finalNameAppearsOnlyAtClose() throws Exception {
    Path p = dir.resolve("store1");
    List<KeyValue> cells = TestCells.random(new Random(1), 2000, 300);
    HFileWriter w = HFileWriter.create(p, HFileWriteOptions.DEFAULTS.withBlockSize(512));
    for (KeyValue c : cells) {
      w.append(c);
    }
    assertFalse(Files.exists(p));
    assertTrue(Files.exists(w.getTempPath()));
    assertTrue(w.getTempPath().getFileName().toString().startsWith("."));
    w.setMaxSequenceId(77);
    w.setMajorCompacted(true);
    w.setBulkLoaded(true);
    w.close();
    assertTrue(Files.exists(p));
    assertFalse(Files.exists(w.getTempPath()));
    try (HFileReader r = HFileReader.open(p, null)) {
      HFileInfo info = r.getFileInfo();
      assertTrue(info.isMajorCompacted());
      assertTrue(info.isBulkLoaded());
      assertEquals(Math.max(77, cells.stream().mapToLong(KeyValue::getSequenceId).max()
          .getAsLong()), info.getMaxSequenceId());
      assertEquals(p, r.getPath());
    }
  }

  @Test
  void interruptedReaderThreadDoesNotBreakOtherScanners() throws Exception {
    Path p = dir.resolve("store4");
    List<KeyValue> cells = TestCells.random(new Random(4), 3000, 300);
    TestCells.write(p, HFileWriteOptions.DEFAULTS.withBlockSize(256).withFsyncOnClose(false),
        cells);
    try (HFileReader r = HFileReader.open(p, null)) {
      Thread t = new Thread(() -> {
        Thread.currentThread().interrupt();
        try (HFileScanner s = r.getScanner(false, 0)) {
          s.seek(cells.get(0));
          while (s.next() != null) {
            // reads until the interrupt closes the channel
          }
        } catch (java.io.IOException expected) {
          // the interrupted thread fails; that is fine
        }
      });
      t.start();
      t.join();
      try (HFileScanner s = r.getScanner(false, 0)) {
        s.seek(cells.get(0));
        for (KeyValue c : cells) {
          TestCells.assertSameCell(c, s.next());
        }
      }
    }
  }

  @Test
  void abortLeavesNothing() throws Exception {
    Path p = dir.resolve("store2");
    HFileWriter w = HFileWriter.create(p, HFileWriteOptions.DEFAULTS);
    for (KeyValue c : TestCells.random(new Random(2), 500, 100)) {
      w.append(c);
    }
    w.abort();
    w.abort();
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(0, files.count());
    }
    assertThrows(IllegalStateException.class, () -> w.append(KeyValue.create(
        TestCells.row(1), TestCells.FAMILIES[0], Bytes.toBytes("q"), 1, Bytes.EMPTY)));
  }

  @Test
  void outOfOrderAndDuplicateCellsRejected() throws Exception {
    Path p = dir.resolve("store3");
    try (HFileWriter w = HFileWriter.create(p, HFileWriteOptions.DEFAULTS.withBlockSize(64))) {
      KeyValue a = KeyValue.create(TestCells.row(5), TestCells.FAMILIES[0], Bytes.toBytes("q"),
          10, Bytes.toBytes("v"));
      w.append(a);
      assertThrows(IllegalArgumentException.class, () -> w.append(a)); // equal: not strictly after
      KeyValue older = KeyValue.create(TestCells.row(5), TestCells.FAMILIES[0],
          Bytes.toBytes("q"), 9, Bytes.toBytes("v"));
      w.append(older); // older timestamp sorts after; crosses a 64-byte block boundary
      KeyValue before = KeyValue.create(TestCells.row(4), TestCells.FAMILIES[0],
          Bytes.toBytes("q"), 10, Bytes.toBytes("v"));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> w.append(before));
      assertTrue(e.getMessage().contains("ascending"));
      KeyValue lowerSeq = KeyValue.create(TestCells.row(5), TestCells.FAMILIES[0],
          Bytes.toBytes("q"), 9, Bytes.toBytes("v"));
      lowerSeq.setSequenceId(0);
      KeyValue higherSeq = KeyValue.copyOf(lowerSeq);
      higherSeq.setSequenceId(3);
      assertThrows(IllegalArgumentException.class, () -> w.append(higherSeq));
    }
    try (HFileReader r = HFileReader.open(p, null)) {
      assertEquals(2, r.getFileInfo().getCellCount());
    }
  }
}
