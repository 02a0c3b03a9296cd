package io.cellar.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.schema.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crash-shaped tails are ignored; damage in the middle of a file is reported as corruption. */
class TornTailTest {
  @TempDir Path root;
  private Path segment;
  private byte[] bytes;
  private long lastEntryOffset;

  @BeforeEach
  void writeFiveEntries() throws IOException {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      for (int i = 1; i <= 5; i++) {
        wal.appendAndSync(TestEntries.entry("r1", i), Durability.SYNC_WAL);
      }
    }
    segment = SegmentFile.list(conf.walDir()).get(0);
    bytes = Files.readAllBytes(segment);
    try (SegmentReader r = SegmentReader.open(segment)) {
      while (r.next() != null) {
        lastEntryOffset = r.lastEntryOffset();
      }
      assertNull(r.damage());
    }
  }

  @Test
  void truncationAtEveryByteOfTheLastEntryKeepsTheFirstFour() throws IOException {
    Path copy = root.resolve("copy");
    for (int cut = (int) lastEntryOffset; cut < bytes.length; cut++) {
      Files.write(copy, Arrays.copyOf(bytes, cut));
      List<WalEntry> got = new ArrayList<>();
      ReplayResult res = WalReplayer.replayFiles(List.of(copy), e -> true, got::add);
      assertEquals(4, got.size(), "cut at " + cut);
      assertEquals(4, got.get(3).getSequenceId());
      if (cut == lastEntryOffset) {
        assertTrue(res.isClean(), "a cut on a frame boundary is a clean end");
      } else {
        SegmentDamage d = res.tornTail().orElseThrow();
        assertEquals(lastEntryOffset, d.offset(), "cut at " + cut);
        assertEquals(SegmentDamage.Kind.TRUNCATED, d.kind());
        assertTrue(res.corruptions().isEmpty());
      }
    }
  }

  @Test
  void garbageAfterTheLastEntryIsATornTail() throws IOException {
    for (long seed = 0; seed < 50; seed++) {
      byte[] junk = new byte[1 + new Random(seed).nextInt(300)];
      new Random(seed).nextBytes(junk);
      Path copy = write("garbage", concat(bytes, junk));
      List<WalEntry> got = new ArrayList<>();
      ReplayResult res = WalReplayer.replayFiles(List.of(copy), e -> true, got::add);
      assertEquals(5, got.size());
      if (junk[0] == 0 && junk.length >= 4 && junk[1] == 0 && junk[2] == 0 && junk[3] == 0) {
        continue;
      }
      SegmentDamage d = res.tornTail().orElseThrow(() -> new AssertionError(res));
      assertEquals(bytes.length, d.offset());
      assertFalse(d.validDataFollows());
    }
  }

  @Test
  void zeroFilledTailIsATornTail() throws IOException {
    Path copy = write("zeros", concat(bytes, new byte[4096]));
    List<WalEntry> got = new ArrayList<>();
    ReplayResult res = WalReplayer.replayFiles(List.of(copy), e -> true, got::add);
    assertEquals(5, got.size());
    assertEquals(SegmentDamage.Kind.ZERO_FILLED, res.tornTail().orElseThrow().kind());

    byte[] zeroedLast = bytes.clone();
    Arrays.fill(zeroedLast, (int) lastEntryOffset, zeroedLast.length, (byte) 0);
    got.clear();
    res = WalReplayer.replayFiles(List.of(write("zeroed", zeroedLast)), e -> true, got::add);
    assertEquals(4, got.size());
    assertEquals(SegmentDamage.Kind.ZERO_FILLED, res.tornTail().orElseThrow().kind());
  }

  @Test
  void garbageInsideTheLastPayloadIsACrcMismatchTail() throws IOException {
    byte[] b = bytes.clone();
    b[b.length - 3] ^= 0x40;
    List<WalEntry> got = new ArrayList<>();
    ReplayResult res = WalReplayer.replayFiles(List.of(write("crc", b)), e -> true, got::add);
    assertEquals(4, got.size());
    SegmentDamage d = res.tornTail().orElseThrow();
    assertEquals(SegmentDamage.Kind.CRC_MISMATCH, d.kind());
    assertEquals(lastEntryOffset, d.offset());
  }

  @Test
  void flippedByteMidFileIsReportedAsCorruption() throws IOException {
    long secondEntry;
    try (SegmentReader r = SegmentReader.open(segment)) {
      r.next();
      secondEntry = r.position();
    }
    byte[] b = bytes.clone();
    b[(int) secondEntry + 20] ^= 0x01;
    Path damaged = write("a.0000000000000000001", b);
    Path next = write("a.0000000000000000002", bytes);
    List<WalEntry> got = new ArrayList<>();
    ReplayResult res = WalReplayer.replayFiles(List.of(damaged, next), e -> true, got::add);
    assertEquals(1 + 5, got.size(), "entry 1 of the damaged file, then all of the next file");
    assertEquals(1, res.corruptions().size());
    SegmentDamage d = res.corruptions().get(0);
    assertEquals(damaged, d.file());
    assertEquals(secondEntry, d.offset());
    assertEquals(SegmentDamage.Kind.CRC_MISMATCH, d.kind());
    assertTrue(d.validDataFollows());
    assertFalse(d.isTornTail());
    assertTrue(d.toString().contains("corruption"), d.toString());
    assertTrue(res.tornTail().isEmpty());

    // The same flip in the only (last) file is still corruption, not a torn tail.
    res = WalReplayer.replayFiles(List.of(damaged), e -> true, e -> { });
    assertEquals(1, res.corruptions().size());
  }

  @Test
  void damagedHeaders() throws IOException {
    ReplayResult empty = WalReplayer.replayFiles(List.of(write("empty", new byte[0])),
        e -> true, e -> { });
    assertTrue(empty.isClean());
    ReplayResult shortHeader = WalReplayer.replayFiles(
        List.of(write("short", Arrays.copyOf(bytes, 3))), e -> true, e -> { });
    assertEquals(SegmentDamage.Kind.TRUNCATED, shortHeader.tornTail().orElseThrow().kind());
    byte[] notWal = bytes.clone();
    notWal[0] = 'X';
    ReplayResult bad = WalReplayer.replayFiles(List.of(write("bad", notWal)), e -> true,
        e -> { });
    assertEquals(0, bad.entriesRead());
    assertEquals(SegmentDamage.Kind.BAD_HEADER, bad.corruptions().get(0).kind());
  }

  @Test
  void readerRetriesAtTheSameOffsetAfterATornFrame() throws IOException {
    Path copy = write("grow", Arrays.copyOf(bytes, (int) lastEntryOffset + 5));
    try (SegmentReader r = SegmentReader.open(copy)) {
      for (int i = 0; i < 4; i++) {
        assertNotNull(r.next());
      }
      assertNull(r.next());
      assertEquals(SegmentDamage.Kind.TRUNCATED, r.damage().kind());
      Files.write(copy, bytes); // the writer finishes the frame
      WalEntry last = r.next();
      assertNotNull(last);
      assertEquals(5, last.getSequenceId());
      assertNull(r.next());
      assertNull(r.damage());
    }
  }

  private Path write(String name, byte[] content) throws IOException {
    Path p = root.resolve(name);
    Files.write(p, content);
    return p;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
