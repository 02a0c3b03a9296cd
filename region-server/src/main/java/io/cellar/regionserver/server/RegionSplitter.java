package io.cellar.regionserver.server;

import io.cellar.common.Bytes;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.regionserver.Region;
import io.cellar.regionserver.RegionDirectory;
import io.cellar.regionserver.RegionServices;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits an online region in two at a row: flush the parent, pick the split point (the middle
 * of its largest store unless given), close it, then write each daughter's stores by rewriting
 * the parent's files ({@link DaughterWriter}). The daughters are not opened here: the master
 * records them in meta and opens them.
 *
 * <p>Daughters: {@code [parent start, point)} and {@code [point, parent end)}, both with region
 * id {@code max(now, parent id + 1)}. Each is built under {@code <parent dir>/.splits/<encoded>}
 * and moved whole (one rename) to {@code <table dir>/<encoded>}, so a daughter directory in the
 * table directory is always complete.
 *
 * <p><b>State left behind on success:</b> the parent is closed and not served; its directory is
 * unchanged from the moment of its close — {@code .regioninfo}, each family's MANIFEST and store
 * files holding all its data (the close flushed everything, so nothing of it is in the WAL and it
 * has no {@code recovered.edits}); {@code .splits} is removed. The parent's directory may be
 * deleted (or archived) once meta no longer names it. <b>On failure:</b> the partial daughter
 * directories are deleted and the parent is reopened here (it serves again); the caller gets the
 * error.
 */
final class RegionSplitter {
  static final String SPLITS_DIR = ".splits";
  private static final Logger LOG = LoggerFactory.getLogger(RegionSplitter.class);

  private final OnlineRegions regions;
  private final RegionServices services;

  RegionSplitter(OnlineRegions regions, RegionServices services) {
    this.regions = regions;
    this.services = services;
  }

  /** Splits the region; returns the two daughters, bottom first. */
  List<RegionInfo> split(byte[] regionName, byte[] requestedPoint) throws IOException {
    OnlineRegion r = regions.get(regionName);
    Lock lock = regions.transitionLock(r.info());
    lock.lock();
    try {
      if (regions.get(regionName) != r) {
        throw regions.notServing(regionName);
      }
      Region parent = r.region();
      RegionInfo info = parent.getRegionInfo();
      parent.flush(true);
      byte[] point = requestedPoint.length > 0 ? requestedPoint : parent.getSplitPoint();
      checkSplitPoint(info, point);
      long id = Math.max(System.currentTimeMillis(), info.getRegionId() + 1);
      RegionInfo bottom = new RegionInfo(info.getTable(), info.getStartKey(), point, id);
      RegionInfo top = new RegionInfo(info.getTable(), point, info.getEndKey(), id);
      regions.closeLocked(r, OnlineRegions.CloseMode.FLUSH);
      try {
        writeDaughters(parent, point, bottom, top);
      } catch (IOException | RuntimeException e) {
        rollBack(parent, bottom, top, e);
        throw e;
      }
      LOG.info("Split region {} at {} into {} and {}", info.getEncodedName(),
          Bytes.toStringBinary(point), bottom.getEncodedName(), top.getEncodedName());
      return List.of(bottom, top);
    } finally {
      lock.unlock();
    }
  }

  private static void checkSplitPoint(RegionInfo info, byte[] point) throws IOException {
    if (point == null) {
      throw new DoNotRetryException("Region " + info.getEncodedName() + " cannot be split: it"
          + " has no row to split at (too little data in its store files)");
    }
    boolean afterStart = Bytes.compare(point, info.getStartKey()) > 0;
    boolean beforeEnd = info.getEndKey().length == 0
        || Bytes.compare(point, info.getEndKey()) < 0;
    if (!afterStart || !beforeEnd) {
      throw new InvalidRequestException("Split point " + Bytes.toStringBinary(point)
          + " is not strictly inside region " + info);
    }
  }

  private void writeDaughters(Region parent, byte[] point, RegionInfo bottom, RegionInfo top)
      throws IOException {
    Path parentDir = parent.getRegionDir();
    Path splits = parentDir.resolve(SPLITS_DIR);
    deleteRecursively(splits); // a failed earlier attempt
    Path bottomStage = splits.resolve(bottom.getEncodedName());
    Path topStage = splits.resolve(top.getEncodedName());
    TableDescriptor table = parent.getTableDescriptor();
    new DaughterWriter(services, table, parentDir, point, bottomStage, topStage).write();
    for (RegionInfo d : List.of(bottom, top)) {
      Path target = RegionDirectory.regionDir(services.getRootDir(), d);
      if (Files.exists(target)) {
        throw new IOException("Daughter directory " + target + " already exists");
      }
      Files.move(splits.resolve(d.getEncodedName()), target, StandardCopyOption.ATOMIC_MOVE);
      RegionDirectory.create(services.getRootDir(), d); // writes its .regioninfo
    }
    // the daughters are reported as done: their renames must survive a crash of this machine
    fsyncDirectory(RegionDirectory.tableDir(services.getRootDir(), bottom.getTable()));
    deleteRecursively(splits);
  }

  private void rollBack(Region parent, RegionInfo bottom, RegionInfo top, Exception cause) {
    LOG.error("Split of region {} failed; removing the daughters and reopening it",
        parent.getRegionInfo().getEncodedName(), cause);
    try {
      deleteRecursively(parent.getRegionDir().resolve(SPLITS_DIR));
      for (RegionInfo d : List.of(bottom, top)) {
        deleteRecursively(RegionDirectory.regionDir(services.getRootDir(), d));
      }
      regions.add(Region.open(parent.getRegionInfo(), parent.getTableDescriptor(), services));
    } catch (IOException | RuntimeException e) {
      cause.addSuppressed(e);
      LOG.error("Could not reopen region {} after the failed split",
          parent.getRegionInfo().getEncodedName(), e);
    }
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
