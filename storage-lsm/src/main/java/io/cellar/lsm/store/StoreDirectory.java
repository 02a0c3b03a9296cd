package io.cellar.lsm.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk layout of one store, {@code <region dir>/<family>/}:
 *
 * <pre>
 *   MANIFEST          the live file list ({@link StoreManifest})
 *   &lt;32 hex&gt;          store files (HFiles), named by a random UUID so names never repeat
 *   .tmp/&lt;32 hex&gt;     files being written by a flush or compaction
 * </pre>
 *
 * A file is written under {@code .tmp}, fsync'd, then renamed into the store directory; it
 * becomes live only when a manifest lists it. REQUIRES: the directory is on one filesystem that
 * renames atomically.
 */
public final class StoreDirectory {
  static final String TEMP_DIR = ".tmp";
  private static final Pattern FILE_NAME = Pattern.compile("[0-9a-f]{32}");
  private static final Logger LOG = LoggerFactory.getLogger(StoreDirectory.class);

  private final Path dir;

  private StoreDirectory(Path dir) {
    this.dir = dir;
  }

  /** The store of {@code family} under {@code regionDir}; created if missing. */
  public static StoreDirectory create(Path regionDir, String family) throws IOException {
    return at(regionDir.resolve(family));
  }

  /** The store directory {@code storeDir}; created if missing. */
  public static StoreDirectory at(Path storeDir) throws IOException {
    Files.createDirectories(storeDir.resolve(TEMP_DIR));
    return new StoreDirectory(storeDir);
  }

  public Path path() {
    return dir;
  }

  /** True for names this store gives its data files. */
  public static boolean isStoreFileName(String name) {
    return FILE_NAME.matcher(name).matches();
  }

  /** A fresh, never used file name. */
  public static String newFileName() {
    return UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
  }

  /** The path of a committed store file. */
  public Path fileOf(String name) {
    return dir.resolve(name);
  }

  /** A fresh path under {@code .tmp} to write a new file to. */
  public Path newTempFile() {
    return dir.resolve(TEMP_DIR).resolve(newFileName());
  }

  /**
   * Fsyncs a finished temp file and renames it into the store directory under the same name.
   * The file is not live until a manifest lists it. Returns its new path.
   */
  public Path commit(Path tempFile) throws IOException {
    try (FileChannel ch = FileChannel.open(tempFile, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    Path target = dir.resolve(tempFile.getFileName().toString());
    Files.move(tempFile, target, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(dir);
    return target;
  }

  /**
   * Deletes what an interrupted flush or compaction left: everything under {@code .tmp}, and
   * store files not in {@code live}. Other unknown files are left alone (and logged): they were
   * not put there by a store. Returns the names deleted.
   */
  public List<String> deleteLeftovers(Set<String> live) throws IOException {
    List<String> deleted = new ArrayList<>();
    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir.resolve(TEMP_DIR))) {
      for (Path p : tmp) {
        Files.deleteIfExists(p);
        deleted.add(TEMP_DIR + "/" + p.getFileName());
      }
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (live.contains(name) || name.equals(StoreManifest.FILE_NAME)
            || name.equals(TEMP_DIR)) {
          continue;
        }
        if (isStoreFileName(name) && Files.isRegularFile(p)) {
          Files.deleteIfExists(p);
          deleted.add(name);
        } else {
          LOG.warn("Unknown file {} in store directory {}; leaving it", name, dir);
        }
      }
    }
    if (!deleted.isEmpty()) {
      LOG.info("Deleted leftovers of unfinished flushes/compactions in {}: {}", dir, deleted);
      fsyncDirectory(dir);
    }
    return deleted;
  }

  /** True if the store directory holds any store file (live or not). */
  public boolean hasStoreFiles() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        if (isStoreFileName(p.getFileName().toString())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Makes renames and creations in {@code d} durable (POSIX needs an fsync of the directory). */
  static void fsyncDirectory(Path d) throws IOException {
    try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open a directory for fsync; renames are still atomic there.
      if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
        throw e;
      }
    }
  }
}
