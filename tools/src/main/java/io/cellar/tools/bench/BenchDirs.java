package io.cellar.tools.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where benchmarks keep their files: {@code -Dcellar.bench.dir=DIR} (default
 * {@code <java.io.tmpdir>/cellar-bench}). Scratch directories are deleted after their trial;
 * the read fixture stays, so later forks and later runs reuse it.
 */
public final class BenchDirs {
  public static final String DIR_PROPERTY = "cellar.bench.dir";

  private BenchDirs() {}

  public static Path root() {
    String d = System.getProperty(DIR_PROPERTY);
    return d != null ? Path.of(d) : Path.of(System.getProperty("java.io.tmpdir"), "cellar-bench");
  }

  /** A fresh empty directory under the root, named {@code prefix*}. */
  public static Path scratch(String prefix) throws IOException {
    Path root = root();
    Files.createDirectories(root);
    return Files.createTempDirectory(root, prefix);
  }

  /** Deletes {@code dir} and everything under it; a missing directory is fine. */
  public static void delete(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
