package io.cellar.lsm.hfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.CorruptFileException;
import io.cellar.common.schema.Compression;
import io.cellar.lsm.cache.BlockCache;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad bytes are reported as CorruptFileException naming the file; other files keep working. */
class HFileCorruptionTest {
  @TempDir
  Path dir;

  private final HFileWriteOptions opts =
      HFileWriteOptions.DEFAULTS.withBlockSize(1024).withFsyncOnClose(false);

  @ParameterizedTest
  @EnumSource(Compression.class)
  void flippedByteInDataBlockNamesFileAndOffset(Compression compression) throws Exception {
    List<KeyValue> cells = TestCells.random(new Random(3), 3000, 500);
    Path bad = dir.resolve("bad");
    Path good = dir.resolve("good");
    HFileWriteOptions o = opts.withCompression(compression);
    TestCells.write(bad, o, cells);
    TestCells.write(good, o, cells);
    BlockCache cache = new BlockCache(1 << 20);
    long blockOffset;
    try (HFileReader r = HFileReader.open(bad, null); HFileScanner s = r.getScanner(false, 0)) {
      // find the offset of the 3rd data block through the index
      s.seek(cells.get(0));
      HFileBlock first = r.getBlock(0, -1, BlockType.DATA, false);
      HFileBlock second = r.getBlock(first.onDiskSize(), -1, BlockType.DATA, false);
      blockOffset = second.offset() + second.onDiskSize();
    }
    try (RandomAccessFile raf = new RandomAccessFile(bad.toFile(), "rw")) {
      long pos = blockOffset + BlockCodec.HEADER_SIZE + 20;
      raf.seek(pos);
      int b = raf.read();
      raf.seek(pos);
      raf.write(b ^ 0x40);
    }
    try (HFileReader badReader = HFileReader.open(bad, cache);
        HFileReader goodReader = HFileReader.open(good, cache);
        HFileScanner badScan = badReader.getScanner(true, 0);
        HFileScanner goodScan = goodReader.getScanner(true, 0)) {
      badScan.seek(KeyValue.firstOnRow(new byte[0]));
      CorruptFileException e = assertThrows(CorruptFileException.class, () -> {
        while (badScan.next() != null) {
          // read until the damaged block
        }
      });
      assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("offset " + blockOffset), e.getMessage());
      goodScan.seek(KeyValue.firstOnRow(new byte[0]));
      for (KeyValue c : cells) {
        TestCells.assertSameCell(c, goodScan.next());
      }
      // cells before the damaged block are still readable from the bad file
      assertTrue(badScan.seek(cells.get(0)));
    }
  }

  @Test
  void truncatedFileRefusedAtOpen() throws Exception {
    Path p = dir.resolve("t");
    TestCells.write(p, opts, TestCells.random(new Random(4), 500, 100));
    byte[] all = Files.readAllBytes(p);
    for (int cut : new int[] {1, 10, HFileTrailer.SIZE + 5, all.length / 2}) {
      Path t = dir.resolve("t" + cut);
      Files.write(t, Arrays.copyOf(all, all.length - cut));
      CorruptFileException e = assertThrows(CorruptFileException.class,
          () -> HFileReader.open(t, null));
      assertTrue(e.getMessage().contains(t.toString()), e.getMessage());
    }
    Path tiny = dir.resolve("tiny");
    Files.write(tiny, new byte[10]);
    CorruptFileException e = assertThrows(CorruptFileException.class,
        () -> HFileReader.open(tiny, null));
    assertTrue(e.getMessage().contains("shorter than"), e.getMessage());
  }

  @Test
  void damagedRootIndexOrFileInfoRefusedAtOpen() throws Exception {
    Path p = dir.resolve("ri");
    TestCells.write(p, opts, TestCells.random(new Random(6), 400, 80));
    byte[] all = Files.readAllBytes(p);
    int trailer = all.length - HFileTrailer.SIZE;
    long rootOffset = io.cellar.common.Bytes.getLong(all, trailer + 12);
    long infoOffset = io.cellar.common.Bytes.getLong(all, trailer);
    for (long off : new long[] {rootOffset, infoOffset}) {
      byte[] copy = all.clone();
      copy[(int) off + BlockCodec.HEADER_SIZE + 2] ^= 0x10;
      Path d = dir.resolve("ri" + off);
      Files.write(d, copy);
      CorruptFileException e = assertThrows(CorruptFileException.class,
          () -> HFileReader.open(d, null));
      assertTrue(e.getMessage().contains(d.toString())
          && e.getMessage().contains("offset " + off), e.getMessage());
    }
  }

  @Test
  void nonHFileRefusedAtOpen() throws Exception {
    Path p = dir.resolve("junk");
    byte[] junk = new byte[5000];
    new Random(1).nextBytes(junk);
    Files.write(p, junk);
    CorruptFileException e = assertThrows(CorruptFileException.class,
        () -> HFileReader.open(p, null));
    assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("magic"),
        e.getMessage());
  }

  @Test
  void damagedTrailerRefusedAtOpen() throws Exception {
    Path p = dir.resolve("tr");
    TestCells.write(p, opts, TestCells.random(new Random(5), 200, 50));
    byte[] all = Files.readAllBytes(p);
    all[all.length - HFileTrailer.SIZE + 3] ^= 1;
    Files.write(p, all);
    CorruptFileException e = assertThrows(CorruptFileException.class,
        () -> HFileReader.open(p, null));
    assertEquals(true, e.getMessage().contains("trailer checksum"), e.getMessage());
  }
}
