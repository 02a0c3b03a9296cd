package io.cellar.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.schema.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalArchiveTest {
  @TempDir Path root;

  private static void write(WalWriter wal, String region, long seq) throws Exception {
    wal.appendAndSync(TestEntries.entry(region, seq), Durability.SYNC_WAL);
  }

  @Test
  void archivesAClosedSegmentOnlyOnceEveryRegionFlushedPastIt() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      write(wal, "a", 1);
      write(wal, "b", 2);
      write(wal, "a", 3);
      wal.roll(); // segment 1: a up to 3, b up to 2
      write(wal, "a", 4);
      assertEquals(1, wal.getClosedSegments().size());

      wal.markFlushed("a", 2);
      wal.markFlushed("b", 2);
      assertEquals(1, wal.getClosedSegments().size(), "a flushed only up to 2 of 3");
      assertEquals(0, SegmentFile.list(conf.archiveDir()).size());

      wal.markFlushed("a", 3);
      assertEquals(0, wal.getClosedSegments().size());
      List<Path> archived = SegmentFile.list(conf.archiveDir());
      assertEquals(1, archived.size());
      assertEquals(3, TestEntries.readAll(archived.get(0)).size());
      assertEquals(1, SegmentFile.list(conf.walDir()).size(), "the live segment stays");
    }
  }

  @Test
  void aFlushBeforeTheRollCountsToo() throws Exception {
    WalConfig conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      write(wal, "a", 1);
      wal.markFlushed("a", 1);
      wal.roll();
      assertEquals(0, wal.getClosedSegments().size());
      assertEquals(1, SegmentFile.list(conf.archiveDir()).size());
    }
  }

  @Test
  void retentionHoldsAFlushedSegmentUntilReleased() throws Exception {
    Set<Long> held = ConcurrentHashMap.newKeySet();
    held.add(1L);
    WalConfig conf = TestEntries.config(root)
        .withRetention((id, file) -> held.contains(id));
    try (WalWriter wal = new WalWriter(conf)) {
      write(wal, "a", 1);
      wal.roll();
      write(wal, "a", 2);
      wal.roll();
      wal.markFlushed("a", 2);
      assertEquals(1, wal.getClosedSegments().size(), "segment 1 is held, segment 2 archived");
      assertEquals(List.of(2L), ids(SegmentFile.list(conf.archiveDir())));
      held.clear();
      assertEquals(1, wal.archiveEligibleSegments().size());
      assertEquals(List.of(1L, 2L), ids(SegmentFile.list(conf.archiveDir())));
    }
  }

  @Test
  void regionsToFlushNamesThoseHoldingTheOldestSegment() throws Exception {
    WalConfig conf = TestEntries.config(root).withMaxSegments(2);
    try (WalWriter wal = new WalWriter(conf)) {
      write(wal, "old", 1);
      write(wal, "busy", 2);
      wal.roll();
      assertEquals(List.of(), wal.getRegionsToFlush(), "1 closed segment is under the limit");
      write(wal, "busy", 3);
      wal.roll();
      write(wal, "busy", 4);
      wal.roll();
      assertEquals(Set.of("old", "busy"), Set.copyOf(wal.getRegionsToFlush()));
      wal.markFlushed("old", 1);
      assertEquals(List.of("busy"), wal.getRegionsToFlush());
      wal.markFlushed("busy", 4);
      assertEquals(List.of(), wal.getRegionsToFlush());
      assertEquals(0, wal.getClosedSegments().size());
    }
  }

  @Test
  void closeArchivesTheLastSegmentWhenAllIsFlushed() throws Exception {
    WalConfig conf = TestEntries.config(root);
    WalWriter wal = new WalWriter(conf);
    write(wal, "a", 1);
    wal.markFlushed("a", Long.MAX_VALUE);
    wal.close();
    assertEquals(0, SegmentFile.list(conf.walDir()).size());
    assertEquals(1, SegmentFile.list(conf.archiveDir()).size());
    assertTrue(Files.isDirectory(conf.walDir()));
  }

  @Test
  void closeKeepsAnUnflushedLastSegmentForReplay() throws Exception {
    WalConfig conf = TestEntries.config(root);
    WalWriter wal = new WalWriter(conf);
    write(wal, "a", 1);
    wal.close();
    List<WalEntry> replayed = new java.util.ArrayList<>();
    ReplayResult r = WalReplayer.replayRegion(conf.walDir(), "a", 0, replayed::add);
    assertEquals(1, replayed.size());
    assertTrue(r.isClean());
  }

  private static List<Long> ids(List<Path> files) {
    return files.stream().map(p -> SegmentFile.idOf(p).getAsLong()).toList();
  }
}
