package io.cellar.lsm.store;

import static io.cellar.lsm.store.StoreTestKit.marker;
import static io.cellar.lsm.store.StoreTestKit.put;
import static io.cellar.lsm.store.StoreTestKit.raw;
import static io.cellar.lsm.store.StoreTestKit.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.exceptions.CorruptFileException;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.compaction.CompactionThrottle;
import io.cellar.lsm.store.StoreFaultPoints.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A crash at each step of a flush and of a compaction (a fault hook throws there and the store
 * is abandoned), then a reopen from disk plus a replay of the "WAL" above the store's flushed
 * sequence id: the store must be valid, hold every edit exactly once, and keep no leftovers.
 */
class StoreCrashSafetyTest {
  @TempDir Path root;

  /** Thrown by the fault hook: the simulated crash. */
  static final class Crash extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private final List<Cell> wal = new ArrayList<>(); // every edit, seq id = index + 1
  private final ColumnFamilyDescriptor cf = ColumnFamilyDescriptor.newBuilder("cf")
      .setMaxVersions(2).build();

  private Store open(StoreFaultPoints faults) throws IOException {
    return Store.open(root.resolve("cf"), cf, BlockCache.disabled(), StoreTestKit.quietConf(),
        null, () -> 1_000_000L, faults);
  }

  private void write(Store s, Cell c) {
    wal.add(c);
    s.add(c, wal.size());
  }

  /** Reopens and replays the WAL edits the store's files do not cover, as a region would. */
  private Store recover() throws IOException {
    Store s = open(StoreFaultPoints.NONE);
    long flushed = s.getMaxFlushedSequenceId();
    for (int i = (int) flushed; i < wal.size(); i++) {
      s.add(wal.get(i), i + 1);
    }
    return s;
  }

  private void writeSome(Store s, int round) {
    write(s, put("r" + round, "a", 10 + round, "v" + round));
    write(s, put("shared", "q", 100 + round, "s" + round));
    if (round % 2 == 1) {
      write(s, marker("r" + (round - 1), "a", 50, CellType.DELETE_COLUMN));
    }
  }

  private Set<String> storeDirListing() throws IOException {
    Path dir = root.resolve("cf");
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private void assertNoLeftovers(Store s) throws IOException {
    Set<String> expected = new TreeSet<>(s.getStoreFileNames());
    expected.add(StoreManifest.FILE_NAME);
    assertEquals(expected, storeDirListing());
  }

  @ParameterizedTest
  @EnumSource(value = Point.class, names = "FLUSH_.*", mode = EnumSource.Mode.MATCH_ALL)
  void crashDuringFlush(Point point) throws Exception {
    List<String> expectedRaw;
    try (Store s = open(StoreFaultPoints.NONE)) {
      writeSome(s, 0);
      s.flush(wal.size());
      writeSome(s, 1);
      expectedRaw = raw(s);
    }
    // Round 1 is not in a file yet: the reopened store gets it back from the WAL.
    Store s = open(p -> {
      if (p == point) {
        throw new Crash();
      }
    });
    for (int i = (int) s.getMaxFlushedSequenceId(); i < wal.size(); i++) {
      s.add(wal.get(i), i + 1);
    }
    assertThrows(Crash.class, () -> s.flush(wal.size()));
    s.close();
    try (Store recovered = recover()) {
      assertEquals(expectedRaw, raw(recovered), "nothing lost, nothing twice");
      int files = point == Point.FLUSH_MANIFEST_WRITTEN ? 2 : 1;
      assertEquals(files, recovered.getStoreFileCount());
      assertNoLeftovers(recovered);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Point.class, names = "COMPACTION_.*", mode = EnumSource.Mode.MATCH_ALL)
  void crashDuringCompaction(Point point) throws Exception {
    List<String> rawBefore;
    List<String> visible;
    try (Store s = open(StoreFaultPoints.NONE)) {
      for (int round = 0; round < 4; round++) {
        writeSome(s, round);
        s.flush(wal.size());
      }
      writeSome(s, 4); // in the memstore only
      rawBefore = raw(s);
      visible = readAll(s, 5);
    }
    // What a successful compaction leaves, from a copy of the store.
    Path copy = root.resolve("copy");
    copyTree(root.resolve("cf"), copy);
    List<String> rawAfter;
    try (Store c = Store.open(copy, cf, BlockCache.disabled(), StoreTestKit.quietConf())) {
      c.majorCompact(CompactionThrottle.unlimited());
      for (int i = (int) c.getMaxFlushedSequenceId(); i < wal.size(); i++) {
        c.add(wal.get(i), i + 1);
      }
      rawAfter = raw(c);
    }
    Store s = open(p -> {
      if (p == point) {
        throw new Crash();
      }
    });
    assertThrows(Crash.class, () -> s.majorCompact(CompactionThrottle.unlimited()));
    s.close();
    try (Store recovered = recover()) {
      boolean swapped = point == Point.COMPACTION_MANIFEST_WRITTEN;
      assertEquals(swapped ? rawAfter : rawBefore, raw(recovered));
      assertEquals(visible, readAll(recovered, 5));
      assertEquals(swapped ? 1 : 4, recovered.getStoreFileCount());
      assertNoLeftovers(recovered);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Test
  void aTruncatedStoreFileIsReportedByNameAndTheStoreRefusesToOpen() throws Exception {
    Path file;
    try (Store s = open(StoreFaultPoints.NONE)) {
      writeSome(s, 0);
      file = s.flush(wal.size()).orElseThrow().getPath();
    }
    long size = Files.size(file);
    try (var ch = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
      ch.truncate(size / 2);
    }
    CorruptFileException e = assertThrows(CorruptFileException.class,
        () -> open(StoreFaultPoints.NONE));
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
    assertTrue(Files.exists(file), "a damaged file is never deleted by the store");
  }

  @Test
  void aCorruptStoreFileIsReportedByName() throws Exception {
    Path file;
    try (Store s = open(StoreFaultPoints.NONE)) {
      for (int i = 0; i < 50; i++) {
        write(s, put("row" + i, "a", 1, "value-" + i));
      }
      file = s.flush(wal.size()).orElseThrow().getPath();
    }
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 0; i < 64; i++) {
      bytes[bytes.length - 1 - i] ^= (byte) 0x5A; // the trailer and file info
    }
    Files.write(file, bytes);
    CorruptFileException e = assertThrows(CorruptFileException.class,
        () -> open(StoreFaultPoints.NONE));
    assertTrue(e.getMessage().contains(file.getFileName().toString()), e.getMessage());
  }

  @Test
  void aListedFileThatIsMissingIsReportedByName() throws Exception {
    Path file;
    try (Store s = open(StoreFaultPoints.NONE)) {
      writeSome(s, 0);
      file = s.flush(wal.size()).orElseThrow().getPath();
    }
    Files.delete(file);
    Path orphan = root.resolve("cf").resolve(StoreDirectory.newFileName());
    Files.write(orphan, new byte[] {1, 2, 3});
    CorruptFileException e = assertThrows(CorruptFileException.class,
        () -> open(StoreFaultPoints.NONE));
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("missing"),
        e.getMessage());
    assertTrue(Files.exists(orphan), "a store that cannot open is left exactly as found");
  }

  @Test
  void storeFilesWithoutAManifestAreNotSilentlyDeleted() throws Exception {
    Path file;
    try (Store s = open(StoreFaultPoints.NONE)) {
      writeSome(s, 0);
      file = s.flush(wal.size()).orElseThrow().getPath();
    }
    Files.delete(root.resolve("cf").resolve(StoreManifest.FILE_NAME));
    CorruptFileException e = assertThrows(CorruptFileException.class,
        () -> open(StoreFaultPoints.NONE));
    assertTrue(e.getMessage().contains(StoreManifest.FILE_NAME), e.getMessage());
    assertTrue(Files.exists(file));
  }
}
