package io.cellar.wal;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a replay did: entries read and handed on, the highest sequence id handed on (-1 if none),
 * and every damaged frame where reading a file stopped. A torn tail of the last file is the
 * normal aftermath of a crash; anything else in {@link #corruptions} deserves an operator's look.
 */
public record ReplayResult(long entriesRead, long entriesApplied, long maxSequenceIdApplied,
    List<SegmentDamage> damages, Path lastFile) {

  public ReplayResult {
    damages = ImmutableList.copyOf(damages);
  }

  /** The crash-shaped damage at the end of the last file, if any. */
  public Optional<SegmentDamage> tornTail() {
    return damages.stream()
        .filter(d -> d.isTornTail() && d.file().equals(lastFile))
        .findFirst();
  }

  /** Damage that is not a torn tail of the last file: mid-file corruption, or a torn earlier file. */
  public List<SegmentDamage> corruptions() {
    return damages.stream()
        .filter(d -> !(d.isTornTail() && d.file().equals(lastFile)))
        .collect(ImmutableList.toImmutableList());
  }

  public boolean isClean() {
    return damages.isEmpty();
  }
}
