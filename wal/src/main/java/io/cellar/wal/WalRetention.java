package io.cellar.wal;

import java.nio.file.Path;

/**
 * Says whether a closed segment must stay in the live WAL directory although every region has
 * flushed past it: a replication source implements it as "is any peer still reading this
 * segment?". Called from the WAL's roll and flush-mark paths, so it must be quick and must not
 * call back into the {@link WalWriter}.
 */
@FunctionalInterface
public interface WalRetention {
  /** Retains nothing: segments are archived as soon as their regions have flushed. */
  WalRetention NONE = (segmentId, segmentFile) -> false;

  boolean isRetained(long segmentId, Path segmentFile);
}
