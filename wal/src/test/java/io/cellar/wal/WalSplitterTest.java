package io.cellar.wal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.schema.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalSplitterTest {
  @TempDir Path root;
  private WalConfig conf;
  private WalSplitter splitter;
  private WalSplitter.EditsDirLocator locator;

  /** A dead server: regions a, b, c over three segments, the last with a torn tail. */
  @BeforeEach
  void deadServer() throws Exception {
    conf = TestEntries.config(root);
    try (WalWriter wal = new WalWriter(conf)) {
      long seq = 0;
      for (int seg = 0; seg < 3; seg++) {
        for (String region : List.of("a", "b", "c", "a")) {
          wal.appendAndSync(TestEntries.entry(region, ++seq), Durability.SYNC_WAL);
        }
        if (seg < 2) {
          wal.roll();
        }
      }
    }
    Path last = SegmentFile.list(conf.walDir()).get(2);
    Files.write(last, new byte[] {0, 0, 1, 7, 9}, StandardOpenOption.APPEND); // torn tail
    splitter = new WalSplitter(conf.archiveDir());
    locator = (table, region) -> region.equals("c") ? null
        : RecoveredEdits.dirOf(root.resolve("data").resolve(table.getQualifier()).resolve(region));
  }

  private Path editsDir(String region) {
    return RecoveredEdits.dirOf(root.resolve("data").resolve("t1").resolve(region));
  }

  private List<Long> replay(String region, long flushed) throws Exception {
    List<Long> seqs = new ArrayList<>();
    ReplayResult r = RecoveredEdits.replay(editsDir(region), region, flushed,
        e -> seqs.add(e.getSequenceId()));
    assertTrue(r.isClean(), r.damages().toString());
    return seqs;
  }

  @Test
  void splitsPerRegionAndArchivesTheSegments() throws Exception {
    SplitResult res = splitter.split(conf.walDir(), locator);

    assertEquals(Map.of("a", 6L, "b", 3L), res.entriesByRegion());
    assertEquals(3, res.entriesSkipped(), "region c has no target");
    assertEquals(editsDir("a").resolve(RecoveredEdits.fileName(12)), res.editsFiles().get("a"));
    assertEquals(editsDir("b").resolve(RecoveredEdits.fileName(10)), res.editsFiles().get("b"));
    assertEquals(1, res.damages().size());
    assertTrue(res.damages().get(0).isTornTail());
    assertEquals(3, res.archivedSegments().size());
    assertEquals(3, SegmentFile.list(conf.archiveDir()).size());
    assertFalse(Files.exists(conf.walDir()), "the dead server's WAL dir is gone");

    assertEquals(List.of(1L, 4L, 5L, 8L, 9L, 12L), replay("a", -1));
    assertEquals(List.of(2L, 6L, 10L), replay("b", -1));
    assertEquals(List.of(8L, 9L, 12L), replay("a", 5), "only edits past the flushed seq id");
    assertEquals(List.of(), replay("a", 12), "a file at or below the flushed seq id is skipped");
  }

  @Test
  void dropsEditsAlreadyFlushed() throws Exception {
    SplitResult res = splitter.split(conf.walDir(), locator, r -> r.equals("a") ? 8 : -1);
    assertEquals(Map.of("a", 2L, "b", 3L), res.entriesByRegion());
    assertEquals(List.of(9L, 12L), replay("a", -1));
  }

  @Test
  void reSplitAfterACrashBeforeArchivingGivesTheSameFiles() throws Exception {
    List<Path> segments = SegmentFile.list(conf.walDir());
    Path backup = Files.createDirectories(root.resolve("backup"));
    for (Path s : segments) {
      Files.copy(s, backup.resolve(s.getFileName()));
    }
    SplitResult first = splitter.split(conf.walDir(), locator);
    byte[] aBytes = Files.readAllBytes(first.editsFiles().get("a"));

    // The splitter died after publishing the files but before archiving: segments still there,
    // and a temp of a later attempt lies around.
    Files.createDirectories(conf.walDir());
    for (Path s : segments) {
      Files.copy(backup.resolve(s.getFileName()), s);
    }
    Files.write(editsDir("b").resolve("rs1,16020,1.split.temp"), new byte[] {1, 2, 3});

    SplitResult second = splitter.split(conf.walDir(), locator);
    assertEquals(first.editsFiles(), second.editsFiles());
    assertArrayEquals(aBytes, Files.readAllBytes(second.editsFiles().get("a")));
    assertEquals(List.of(1L, 4L, 5L, 8L, 9L, 12L), replay("a", -1));
    assertEquals(List.of(2L, 6L, 10L), replay("b", -1));
    assertEquals(List.of(RecoveredEdits.fileName(10)), names(editsDir("b")), "no temp left");
  }

  @Test
  void reSplitAfterPartOfTheSegmentsWereArchivedKeepsTheFullFile() throws Exception {
    List<Path> segments = SegmentFile.list(conf.walDir());
    Path lastCopy = root.resolve("last-copy");
    Files.copy(segments.get(2), lastCopy);
    splitter.split(conf.walDir(), locator);

    // The splitter died after archiving the first two segments only.
    Files.createDirectories(conf.walDir());
    Files.copy(lastCopy, segments.get(2));
    splitter.split(conf.walDir(), locator);

    assertEquals(List.of(1L, 4L, 5L, 8L, 9L, 12L), replay("a", -1), "the full file survives");
    assertEquals(List.of(RecoveredEdits.fileName(12)), names(editsDir("a")));
  }

  @Test
  void splittingAnEmptyOrMissingDirectoryDoesNothing() throws Exception {
    SplitResult res = splitter.split(root.resolve("wal").resolve("nobody"), locator);
    assertTrue(res.editsFiles().isEmpty());
    assertTrue(res.archivedSegments().isEmpty());
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
