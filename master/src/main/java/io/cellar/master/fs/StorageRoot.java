package io.cellar.master.fs;

import io.cellar.common.conf.Configuration;
import io.cellar.common.proto.TableDescriptorProto;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The master's view of the shared storage root ({@code cellar.rootdir}):
 * <pre>
 *   data/&lt;ns&gt;/&lt;table&gt;/.tabledesc          descriptor (source of truth)
 *   data/&lt;ns&gt;/&lt;table&gt;/&lt;encoded region&gt;/   a region (its stores, recovered.edits/)
 *   wal/&lt;server&gt;/                          one region server's WAL
 * </pre>
 * The region server's own layout code agrees with these paths; the master never reads store
 * files. Thread-safe (stateless beyond the root path).
 */
public final class StorageRoot {
  /** The storage root shared by every process of a cluster. */
  public static final String ROOTDIR = "cellar.rootdir";
  public static final String DEFAULT_ROOTDIR = "./cellar-data";
  static final String DATA_DIR = "data";
  static final String TABLEDESC = ".tabledesc";

  private final Path root;

  public StorageRoot(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public static StorageRoot fromConf(Configuration conf) {
    return new StorageRoot(Path.of(conf.get(ROOTDIR, DEFAULT_ROOTDIR)));
  }

  public Path path() {
    return root;
  }

  public Path tableDir(TableName table) {
    return root.resolve(DATA_DIR).resolve(table.getNamespace()).resolve(table.getQualifier());
  }

  public Path regionDir(RegionInfo region) {
    return regionDir(region.getTable(), region.getEncodedName());
  }

  public Path regionDir(TableName table, String encodedRegionName) {
    return tableDir(table).resolve(encodedRegionName);
  }

  /** Writes the table's descriptor atomically (temp file + rename), creating the table dir. */
  public void writeDescriptor(TableDescriptor td) throws IOException {
    Path dir = Files.createDirectories(tableDir(td.getTableName()));
    Path tmp = dir.resolve(TABLEDESC + ".tmp");
    Files.write(tmp, SchemaProtos.toProto(td).toByteArray());
    Files.move(tmp, dir.resolve(TABLEDESC), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** The table's descriptor, or empty if it has none. */
  public Optional<TableDescriptor> readDescriptor(TableName table) throws IOException {
    try {
      byte[] bytes = Files.readAllBytes(tableDir(table).resolve(TABLEDESC));
      return Optional.of(SchemaProtos.fromProto(TableDescriptorProto.parseFrom(bytes)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /** Deletes {@code dir} and everything under it; a missing dir is fine. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  @Override
  public String toString() {
    return "StorageRoot(" + root + ")";
  }
}
