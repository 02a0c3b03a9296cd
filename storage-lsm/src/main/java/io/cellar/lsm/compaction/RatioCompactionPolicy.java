package io.cellar.lsm.compaction;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Chooses which files of a store to compact, with HBase's ratio rule. Files are considered oldest
 * first; the oldest file that is at most {@code ratio} times the total size of the (up to
 * max-1) files newer than it, or smaller than the minimum compact size, starts the selection,
 * which then runs to the newer end, capped at max files; fewer than min files means no minor
 * compaction. So a big old file is left alone until the newer files together grow comparable to
 * it, and each byte is rewritten O(log n) times.
 *
 * <p>Files being compacted already, and every file older than them, are not candidates (a
 * selection stays a contiguous run in age order, so its output's place in that order is
 * unambiguous). When the store has reached its blocking file count and the ratio rule picks
 * nothing, the newest files are compacted anyway so that blocked writes get released.
 *
 * <p>A major compaction takes all files. It runs when forced, or when the oldest file is older
 * than the major period (unless the store is one file that is already major-compacted). A
 * selection that happens to take every file is major too ({@link CompactionRequest#isMajor}).
 * Stateless and thread-safe.
 */
public final class RatioCompactionPolicy {
  private final CompactionConfig config;

  public RatioCompactionPolicy(CompactionConfig config) {
    this.config = config;
  }

  public CompactionConfig getConfig() {
    return config;
  }

  /**
   * Selects a compaction.
   *
   * @param files all live files of the store, oldest first
   * @param compacting those of {@code files} that a running compaction holds
   * @param forceMajor true when a major compaction was asked for
   * @param nowMillis the current time, for periodic major compactions
   * @return empty when nothing should be compacted now
   */
  public <F extends CompactionCandidate> Optional<CompactionRequest<F>> select(List<F> files,
      Collection<F> compacting, boolean forceMajor, long nowMillis) {
    if (files.isEmpty()) {
      return Optional.empty();
    }
    boolean major = forceMajor || isMajorCompactionDue(files, nowMillis);
    if (major) {
      if (!compacting.isEmpty()) {
        return Optional.empty(); // major needs every file; wait for the running one
      }
      return Optional.of(new CompactionRequest<>(files, true, true));
    }
    int first = 0;
    for (int i = 0; i < files.size(); i++) {
      F f = files.get(i);
      if (compacting.contains(f) || f.getFileSize() > config.getMaxCompactSize()) {
        first = i + 1;
      }
    }
    List<F> candidates = files.subList(first, files.size());
    int n = candidates.size();
    if (n < config.getMinFiles()) {
      return Optional.empty();
    }
    int start = ratioStart(candidates);
    if (start < 0 && files.size() >= config.getBlockingFiles()) {
      start = Math.max(0, n - config.getMaxFiles());
    }
    if (start < 0) {
      return Optional.empty();
    }
    List<F> chosen = candidates.subList(start, Math.min(n, start + config.getMaxFiles()));
    boolean all = chosen.size() == files.size();
    return Optional.of(new CompactionRequest<>(chosen, all, false));
  }

  /** Index in {@code candidates} where the ratio rule starts a selection, or -1. */
  private int ratioStart(List<? extends CompactionCandidate> candidates) {
    int n = candidates.size();
    for (int start = 0; n - start >= config.getMinFiles(); start++) {
      long newer = 0;
      int end = Math.min(n, start + config.getMaxFiles());
      for (int j = start + 1; j < end; j++) {
        newer += candidates.get(j).getFileSize();
      }
      long size = candidates.get(start).getFileSize();
      if (size <= config.getMinCompactSize() || size <= (long) (newer * config.getRatio())) {
        return start;
      }
    }
    return -1;
  }

  /**
   * True when a periodic major compaction is due: the oldest file was written more than the
   * major period ago, and the store is not already a single major-compacted file.
   */
  public boolean isMajorCompactionDue(List<? extends CompactionCandidate> files, long nowMillis) {
    long period = config.getMajorPeriodMillis();
    if (period <= 0 || files.isEmpty()) {
      return false;
    }
    if (files.size() == 1 && files.get(0).isMajorCompacted()) {
      return false;
    }
    long oldest = Long.MAX_VALUE;
    for (CompactionCandidate f : files) {
      oldest = Math.min(oldest, f.getCreationTimeMillis());
    }
    return nowMillis - oldest >= period;
  }

  /** True when a minor compaction could be selected: enough files not being compacted. */
  public boolean needsCompaction(List<? extends CompactionCandidate> files,
      Collection<? extends CompactionCandidate> compacting) {
    return files.size() - compacting.size() >= config.getMinFiles();
  }
}
