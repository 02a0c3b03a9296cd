package io.cellar.lsm.compaction;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The files one compaction rewrites into one, oldest first, and what kind of compaction it is.
 * A compaction of all the store's files drops delete markers and what they mask (and expired
 * cells, and versions beyond VERSIONS): that is a major compaction, whether asked for or reached
 * by selection. A partial (minor) one must keep markers, which may mask cells in older files.
 */
public final class CompactionRequest<F extends CompactionCandidate> {
  private final ImmutableList<F> files;
  private final boolean allFiles;
  private final boolean requestedMajor;

  public CompactionRequest(List<F> files, boolean allFiles, boolean requestedMajor) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a compaction needs at least one file");
    }
    this.files = ImmutableList.copyOf(files);
    this.allFiles = allFiles;
    this.requestedMajor = requestedMajor;
  }

  /** Inputs, oldest first. */
  public ImmutableList<F> getFiles() {
    return files;
  }

  /** True when the inputs are every file of the store: the output is major-compacted. */
  public boolean isAllFiles() {
    return allFiles;
  }

  /** True when a major compaction was asked for (by a user, or because one was due). */
  public boolean isRequestedMajor() {
    return requestedMajor;
  }

  /** True when delete markers, deleted, expired and excess cells are dropped. */
  public boolean isMajor() {
    return allFiles;
  }

  public long getTotalSize() {
    long s = 0;
    for (F f : files) {
      s += f.getFileSize();
    }
    return s;
  }

  /** The highest sequence id among the inputs; the output records it. */
  public long getMaxSequenceId() {
    long m = 0;
    for (F f : files) {
      m = Math.max(m, f.getMaxSequenceId());
    }
    return m;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(allFiles ? "major" : "minor").append(" compaction of ");
    for (F f : files) {
      sb.append(f.getName()).append('(').append(f.getFileSize()).append(") ");
    }
    return sb.toString().trim();
  }
}
