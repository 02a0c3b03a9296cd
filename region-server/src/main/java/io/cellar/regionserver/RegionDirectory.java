package io.cellar.regionserver;

import io.cellar.common.Bytes;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableName;
import io.cellar.wal.RecoveredEdits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where a region lives under the storage root:
 *
 * <pre>
 *   &lt;root&gt;/data/&lt;namespace&gt;/&lt;table&gt;/&lt;encoded region name&gt;/
 *       .regioninfo          the region's name and key range, for humans and repair tools
 *       &lt;family&gt;/            one store per column family (layout owned by the Store)
 *       recovered.edits/     edits split from a dead server's WAL, replayed on open
 * </pre>
 *
 * REQUIRES: {@code root} is the storage root shared by all processes of a cluster.
 */
public final class RegionDirectory {
  public static final String DATA_DIR = "data";
  public static final String REGION_INFO_FILE = ".regioninfo";
  public static final String RECOVERED_EDITS_DIR = RecoveredEdits.DIR_NAME;

  private final Path dir;

  private RegionDirectory(Path dir) {
    this.dir = dir;
  }

  /** {@code <root>/data/<ns>/<table>}. */
  public static Path tableDir(Path root, TableName table) {
    return root.resolve(DATA_DIR).resolve(table.getNamespace()).resolve(table.getQualifier());
  }

  /** {@code <root>/data/<ns>/<table>/<encoded name>}. */
  public static Path regionDir(Path root, RegionInfo info) {
    return tableDir(root, info.getTable()).resolve(info.getEncodedName());
  }

  /** The region's directory under {@code root}, created (with its .regioninfo) if missing. */
  public static RegionDirectory create(Path root, RegionInfo info) throws IOException {
    Path d = regionDir(root, info);
    Files.createDirectories(d);
    Path infoFile = d.resolve(REGION_INFO_FILE);
    if (!Files.exists(infoFile)) {
      Path tmp = d.resolve(REGION_INFO_FILE + ".tmp");
      String text = "name=" + Bytes.toStringBinary(info.getRegionName()) + "\n"
          + "table=" + info.getTable().getNameAsString() + "\n"
          + "startKey=" + Bytes.toStringBinary(info.getStartKey()) + "\n"
          + "endKey=" + Bytes.toStringBinary(info.getEndKey()) + "\n"
          + "regionId=" + info.getRegionId() + "\n";
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, infoFile, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    }
    return new RegionDirectory(d);
  }

  public Path path() {
    return dir;
  }

  /** The directory of the store of {@code family}. */
  public Path storeDir(String family) {
    return dir.resolve(family);
  }

  /** The directory WAL splitting writes this region's recovered edits into. */
  public Path recoveredEditsDir() {
    return RecoveredEdits.dirOf(dir);
  }
}
