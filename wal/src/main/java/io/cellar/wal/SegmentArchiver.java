package io.cellar.wal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when a closed segment may leave the live WAL directory. For each closed segment it
 * keeps the highest sequence id per region and a bitmap of the regions that have not yet flushed
 * past it; a segment moves to the archive directory once that bitmap is empty and the
 * {@link WalRetention} no longer holds it. Regions are numbered once (ordinals) so each
 * segment's set is a small RoaringBitmap. Thread-safe.
 */
final class SegmentArchiver {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentArchiver.class);

  /** One closed segment still in the live directory. */
  private static final class ClosedSegment {
    final Path file;
    final Map<Integer, Long> maxSeqByRegion = new HashMap<>();
    final RoaringBitmap unflushed = new RoaringBitmap();

    ClosedSegment(Path file) {
      this.file = file;
    }
  }

  private final Path archiveDir;
  private final WalRetention retention;
  private final Map<String, Integer> ordinals = new HashMap<>();
  private final List<String> regionNames = new ArrayList<>();
  private final Map<String, Long> flushedSeqIds = new HashMap<>();
  private final TreeMap<Long, ClosedSegment> closed = new TreeMap<>();

  SegmentArchiver(Path archiveDir, WalRetention retention) {
    this.archiveDir = archiveDir;
    this.retention = retention;
  }

  /** Registers a segment the writer has just closed, with each region's highest seq id in it. */
  synchronized void segmentClosed(long segmentId, Path file, Map<String, Long> maxSeqByRegion) {
    ClosedSegment seg = new ClosedSegment(file);
    maxSeqByRegion.forEach((region, max) -> {
      int ord = ordinal(region);
      seg.maxSeqByRegion.put(ord, max);
      if (flushedSeqIds.getOrDefault(region, -1L) < max) {
        seg.unflushed.add(ord);
      }
    });
    closed.put(segmentId, seg);
  }

  /** The region has persisted every edit with sequence id up to {@code flushedSeqId}. */
  synchronized void markFlushed(String region, long flushedSeqId) {
    flushedSeqIds.merge(region, flushedSeqId, Math::max);
    Integer ord = ordinals.get(region);
    if (ord == null) {
      return;
    }
    for (ClosedSegment seg : closed.values()) {
      Long max = seg.maxSeqByRegion.get(ord);
      if (max != null && max <= flushedSeqId) {
        seg.unflushed.remove(ord);
      }
    }
  }

  /** Moves every archivable segment to the archive directory; returns their new paths. */
  synchronized List<Path> archiveEligible() {
    List<Path> moved = new ArrayList<>();
    for (Iterator<Map.Entry<Long, ClosedSegment>> it = closed.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Long, ClosedSegment> e = it.next();
      ClosedSegment seg = e.getValue();
      if (!seg.unflushed.isEmpty() || retention.isRetained(e.getKey(), seg.file)) {
        continue;
      }
      try {
        Files.createDirectories(archiveDir);
        Path target = archiveDir.resolve(seg.file.getFileName());
        Files.move(seg.file, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
        moved.add(target);
        it.remove();
        LOG.debug("Archived WAL segment {} to {}", seg.file, target);
      } catch (IOException ex) {
        LOG.warn("Could not archive WAL segment {}; will retry", seg.file, ex);
      }
    }
    return moved;
  }

  /** Regions whose unflushed edits keep the oldest closed segment live (flush them). */
  synchronized List<String> regionsHoldingOldest() {
    if (closed.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    closed.firstEntry().getValue().unflushed.forEach((int ord) -> out.add(regionNames.get(ord)));
    return out;
  }

  /** Closed segments still in the live directory, oldest first. */
  synchronized List<Path> closedSegments() {
    List<Path> out = new ArrayList<>();
    closed.values().forEach(s -> out.add(s.file));
    return out;
  }

  synchronized long flushedSeqId(String region) {
    return flushedSeqIds.getOrDefault(region, -1L);
  }

  private int ordinal(String region) {
    Integer ord = ordinals.get(region);
    if (ord == null) {
      ord = regionNames.size();
      ordinals.put(region, ord);
      regionNames.add(region);
    }
    return ord;
  }
}
