package io.cellar.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.schema.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalReaderTest {
  @TempDir Path root;

  private static void write(WalWriter wal, long from, long to) throws Exception {
    for (long s = from; s <= to; s++) {
      wal.appendAndSync(TestEntries.entry("r", s), Durability.SYNC_WAL);
    }
  }

  private static List<Long> seqs(List<WalRecord> recs) {
    return recs.stream().map(r -> r.entry().getSequenceId()).toList();
  }

  @Test
  void readsAcrossSegmentsAndTailsTheLiveOne() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf);
        WalReader reader = WalReader.open(conf.walDir(), WalPosition.EARLIEST)) {
      assertNull(reader.next(), "nothing written yet");
      write(wal, 1, 3);
      wal.roll();
      write(wal, 4, 5);
      wal.roll();
      write(wal, 6, 6);

      List<WalRecord> got = reader.poll(100);
      assertEquals(wal.getWrittenPosition(), reader.position(), "caught up with the writer");
      assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs(got));
      assertEquals(WalPosition.startOf(1), got.get(0).position());
      assertEquals(got.get(0).nextPosition(), got.get(1).position());
      assertEquals(WalPosition.startOf(2), got.get(3).position(), "entry 4 opens segment 2");
      assertEquals(3, got.get(5).position().segmentId());
      assertEquals(got.get(5).nextPosition(), reader.position());
      assertNull(reader.next(), "caught up");

      write(wal, 7, 8); // the reader sees new appends to the live segment
      assertEquals(List.of(7L, 8L), seqs(reader.poll(100)));
      wal.roll();
      write(wal, 9, 9); // and follows the roll
      assertEquals(List.of(9L), seqs(reader.poll(100)));
      assertNull(reader.next());
    }
  }

  @Test
  void resumesFromACommittedPositionAndRewinds() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      write(wal, 1, 4);
      wal.roll();
      write(wal, 5, 8);
    }
    WalPosition committed;
    try (WalReader reader = WalReader.open(conf.walDir(), WalPosition.EARLIEST)) {
      List<WalRecord> first = reader.poll(4); // all of segment 1
      assertEquals(List.of(1L, 2L, 3L, 4L), seqs(first));
      committed = first.get(3).nextPosition();
      assertEquals(1, committed.segmentId(), "end of segment 1, not yet moved on");
    }
    // A new reader (another process, say) resumes at the committed position.
    try (WalReader reader = WalReader.open(conf.walDir(), WalPosition.parse(committed.toString()))) {
      List<WalRecord> rest = reader.poll(100);
      assertEquals(List.of(5L, 6L, 7L, 8L), seqs(rest));
      reader.seek(rest.get(2).position()); // rewind to entry 7
      assertEquals(List.of(7L, 8L), seqs(reader.poll(100)));
      reader.seek(WalPosition.startOf(1));
      assertEquals(8, reader.poll(100).size());
    }
  }

  @Test
  void findsSegmentsAlreadyMovedToTheArchive() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      write(wal, 1, 2);
      wal.roll();
      write(wal, 3, 3);
      wal.markFlushed("r", 2); // segment 1 goes to the archive
      assertEquals(1, SegmentFile.list(conf.archiveDir()).size());
      try (WalReader reader = WalReader.open(conf.walDir(), conf.archiveDir(),
          conf.serverName(), WalPosition.EARLIEST)) {
        assertEquals(List.of(1L, 2L, 3L), seqs(reader.poll(100)));
      }
    }
  }

  @Test
  void aPartlyWrittenFrameInTheLiveSegmentIsRetriedNotSkipped() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      write(wal, 1, 1);
    }
    Path seg = SegmentFile.list(conf.walDir()).get(0);
    byte[] full = Files.readAllBytes(seg);
    byte[] frame2 = WalEntryCodec.encode(TestEntries.entry("r", 2));
    Files.write(seg, java.util.Arrays.copyOf(frame2, 10),
        java.nio.file.StandardOpenOption.APPEND);
    try (WalReader reader = WalReader.open(conf.walDir(), WalPosition.EARLIEST)) {
      assertEquals(1, reader.next().entry().getSequenceId());
      assertNull(reader.next(), "half a frame: wait for the rest");
      WalPosition before = reader.position();
      byte[] done = java.util.Arrays.copyOf(full, full.length + frame2.length);
      System.arraycopy(frame2, 0, done, full.length, frame2.length);
      Files.write(seg, done);
      WalRecord r = reader.next();
      assertNotNull(r);
      assertEquals(2, r.entry().getSequenceId());
      assertEquals(before, r.position());
    }
  }

  @Test
  void aDamagedClosedSegmentIsSkippedAndReported() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      write(wal, 1, 2);
      wal.roll();
      write(wal, 3, 3);
    }
    Path first = SegmentFile.list(conf.walDir()).get(0);
    byte[] b = Files.readAllBytes(first);
    b[b.length - 2] ^= 0x10; // last entry of the closed segment
    Files.write(first, b);
    try (WalReader reader = WalReader.open(conf.walDir(), WalPosition.EARLIEST)) {
      assertEquals(List.of(1L, 3L), seqs(reader.poll(100)));
      assertEquals(SegmentDamage.Kind.CRC_MISMATCH, reader.lastDamage().kind());
      assertTrue(reader.lastDamage().file().equals(first));
    }
  }

  @Test
  void tailsConcurrentWritersThroughRollsWithoutLosingOrReorderingEntries() throws Exception {
    int frame = TestEntries.entry("r", 1).getEncodedSize();
    WalConfig conf = TestEntries.config(root).withRollSize(SegmentFile.HEADER_SIZE + 50L * frame);
    int threads = 4;
    int perThread = 400;
    List<Long> seen = new java.util.ArrayList<>();
    try (WalWriter wal = new WalWriter(conf);
        WalReader reader = WalReader.open(conf.walDir(), WalPosition.EARLIEST)) {
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(threads);
      java.util.concurrent.atomic.AtomicLong seq = new java.util.concurrent.atomic.AtomicLong();
      List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        fs.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            wal.appendAndSync(TestEntries.entry("r", seq.incrementAndGet()),
                Durability.SYNC_WAL);
          }
          return null;
        }));
      }
      long giveUp = System.nanoTime() + 120_000_000_000L; // a hang guard, not a timing check
      while (seen.size() < threads * perThread) {
        assertTrue(System.nanoTime() < giveUp, "reader stuck after " + seen.size());
        WalRecord r = reader.next();
        if (r == null) {
          java.util.concurrent.locks.LockSupport.parkNanos(200_000);
          continue;
        }
        seen.add(r.entry().getSequenceId());
      }
      for (java.util.concurrent.Future<?> f : fs) {
        f.get();
      }
      pool.shutdown();
      assertNull(reader.next());
      assertNull(reader.lastDamage(), "no frame was skipped");
    }
    List<Long> replayed = TestEntries.replayAll(conf.walDir()).stream()
        .map(WalEntry::getSequenceId).toList();
    assertEquals(replayed, seen, "the tailing reader saw the log in file order");
    assertTrue(SegmentFile.list(conf.walDir()).size() > 10, "it crossed many rolls");
  }
}
