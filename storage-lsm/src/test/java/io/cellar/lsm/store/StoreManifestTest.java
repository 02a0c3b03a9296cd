package io.cellar.lsm.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.exceptions.CorruptFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreManifestTest {
  @TempDir Path dir;

  @Test
  void roundTripsAndReplacesAtomically() throws Exception {
    assertTrue(StoreManifest.read(dir).isEmpty());
    StoreManifest m1 = StoreManifest.empty().withFiles(List.of("a", "b"));
    m1.writeTo(dir);
    StoreManifest read = StoreManifest.read(dir).orElseThrow();
    assertEquals(List.of("a", "b"), read.getFileNames());
    assertEquals(1, read.getGeneration());
    read.withFiles(List.of("c")).writeTo(dir);
    StoreManifest m2 = StoreManifest.read(dir).orElseThrow();
    assertEquals(List.of("c"), m2.getFileNames());
    assertEquals(2, m2.getGeneration());
    assertFalse(Files.exists(dir.resolve(StoreManifest.TEMP_NAME)));
  }

  @Test
  void anUnfinishedRewriteLeavesTheOldManifestInForce() throws Exception {
    StoreManifest.empty().withFiles(List.of("a")).writeTo(dir);
    // A crash after writing the temp manifest but before the rename.
    byte[] newer = StoreManifest.empty().withFiles(List.of("b")).encode();
    Files.write(dir.resolve(StoreManifest.TEMP_NAME), Arrays.copyOf(newer, newer.length / 2));
    assertEquals(List.of("a"), StoreManifest.read(dir).orElseThrow().getFileNames());
    assertFalse(Files.exists(dir.resolve(StoreManifest.TEMP_NAME)));
  }

  @Test
  void truncatedOrFlippedBytesAreACorruptFileNamingTheManifest() throws Exception {
    byte[] good = StoreManifest.empty().withFiles(List.of("aaaa", "bbbb")).encode();
    Path file = dir.resolve(StoreManifest.FILE_NAME);
    for (int cut = 0; cut < good.length; cut++) {
      Files.write(file, Arrays.copyOf(good, cut));
      CorruptFileException e = assertThrows(CorruptFileException.class,
          () -> StoreManifest.read(dir));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
    for (int i = 0; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x10;
      Files.write(file, bad);
      assertThrows(CorruptFileException.class, () -> StoreManifest.read(dir));
    }
  }

  @Test
  void directoryCommitsTempFilesAndDeletesOnlyUnlistedStoreFiles() throws Exception {
    StoreDirectory sd = StoreDirectory.create(dir, "cf");
    Path temp = sd.newTempFile();
    Files.write(temp, new byte[] {1, 2, 3});
    Path live = sd.commit(temp);
    assertEquals(sd.path(), live.getParent());
    assertFalse(Files.exists(temp));
    assertTrue(StoreDirectory.isStoreFileName(live.getFileName().toString()));
    Path orphan = sd.commit(writeTemp(sd));
    Path unfinished = writeTemp(sd);
    Path foreign = sd.path().resolve("README.txt");
    Files.writeString(foreign, "not ours");
    List<String> deleted = sd.deleteLeftovers(Set.of(live.getFileName().toString()));
    assertEquals(2, deleted.size(), deleted.toString());
    assertTrue(Files.exists(live));
    assertFalse(Files.exists(orphan));
    assertFalse(Files.exists(unfinished));
    assertTrue(Files.exists(foreign));
    assertTrue(sd.hasStoreFiles());
  }

  private static Path writeTemp(StoreDirectory sd) throws Exception {
    Path p = sd.newTempFile();
    Files.write(p, new byte[] {9});
    return p;
  }
}
