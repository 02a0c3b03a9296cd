package io.cellar.wal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Outcome of {@link WalSplitter#split}: the recovered-edits file written (or kept from an
 * earlier run) per region, entries written per region, entries dropped (no target region or
 * already flushed), damaged frames met, and where the split segments went in the archive.
 */
public record SplitResult(Map<String, Path> editsFiles, Map<String, Long> entriesByRegion,
    long entriesSkipped, List<SegmentDamage> damages, List<Path> archivedSegments) {

  public SplitResult {
    editsFiles = ImmutableMap.copyOf(editsFiles);
    entriesByRegion = ImmutableMap.copyOf(entriesByRegion);
    damages = ImmutableList.copyOf(damages);
    archivedSegments = ImmutableList.copyOf(archivedSegments);
  }
}
