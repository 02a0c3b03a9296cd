package io.cellar.lsm.compaction;

/**
 * What a compaction policy needs to know about one store file. Implemented by the store's live
 * files, and by plain values in tests.
 */
public interface CompactionCandidate {
  /** The file's name in its store directory. */
  String getName();

  /** Bytes on disk. */
  long getFileSize();

  /** The highest sequence id of any edit in the file; orders files oldest to newest. */
  long getMaxSequenceId();

  /** True if the file is the output of a compaction of all the store's files. */
  boolean isMajorCompacted();

  /** When the file was written, in ms since the epoch (drives periodic major compaction). */
  long getCreationTimeMillis();
}
