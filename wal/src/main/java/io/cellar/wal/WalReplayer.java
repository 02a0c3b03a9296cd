package io.cellar.wal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays WAL segments or recovered-edits files in order, handing each accepted entry to a
 * consumer. Damage never aborts a replay: reading a file stops at its first bad frame, which is
 * logged and returned in the {@link ReplayResult} (a torn tail of the newest file at INFO,
 * anything else at ERROR), and the replay goes on with the next file.
 */
public final class WalReplayer {
  private static final Logger LOG = LoggerFactory.getLogger(WalReplayer.class);

  private WalReplayer() {}

  /**
   * Replays the segments in {@code walDir} (oldest first) for one region: entries of
   * {@code regionEncodedName} with sequence id above {@code flushedSeqId}.
   */
  public static ReplayResult replayRegion(Path walDir, String regionEncodedName,
      long flushedSeqId, WalEntryConsumer consumer) throws IOException {
    return replayFiles(SegmentFile.list(walDir),
        e -> e.getSequenceId() > flushedSeqId && e.getRegion().equals(regionEncodedName),
        consumer);
  }

  /** Replays every segment in {@code walDir}, oldest first, passing entries {@code filter} accepts. */
  public static ReplayResult replay(Path walDir, Predicate<WalEntry> filter,
      WalEntryConsumer consumer) throws IOException {
    return replayFiles(SegmentFile.list(walDir), filter, consumer);
  }

  /** Replays {@code files} in the given order. The consumer's IOException aborts the replay. */
  public static ReplayResult replayFiles(List<Path> files, Predicate<WalEntry> filter,
      WalEntryConsumer consumer) throws IOException {
    long read = 0;
    long applied = 0;
    long maxSeq = -1;
    List<SegmentDamage> damages = new ArrayList<>();
    Path last = files.isEmpty() ? null : files.get(files.size() - 1);
    for (Path file : files) {
      try (SegmentReader reader = SegmentReader.open(file)) {
        WalEntry e;
        while ((e = reader.next()) != null) {
          read++;
          if (filter.test(e)) {
            consumer.accept(e);
            applied++;
            maxSeq = Math.max(maxSeq, e.getSequenceId());
          }
        }
        SegmentDamage d = reader.damage();
        if (d != null) {
          damages.add(d);
          if (d.isTornTail() && file.equals(last)) {
            LOG.info("Replay stopped at the last good entry of {}: {}", file, d);
          } else {
            LOG.error("Replay skipped the rest of {}: {}", file, d);
          }
        }
      }
    }
    return new ReplayResult(read, applied, maxSeq, damages, last);
  }
}
