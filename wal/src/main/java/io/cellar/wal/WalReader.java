package io.cellar.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a server's WAL as an offset-addressed log (the replication source's view): entries in
 * order from a {@link WalPosition}, across segment boundaries, up to what is written now.
 * {@link #next} returns null when it has caught up; call it again later to get what was
 * appended since (tailing the live segment). Segments the writer has archived are looked up in
 * the archive directory, so a slow reader does not lose its place.
 *
 * <p>A segment is known to be complete once a newer one exists (the writer finishes a segment
 * before creating the next); a damaged frame in a complete segment is logged, reported by
 * {@link #lastDamage} and skipped with the rest of that segment. In the newest segment, a
 * partial or damaged frame is treated as not yet written and retried on the next call.
 * Not thread-safe.
 */
public final class WalReader implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(WalReader.class);

  private final Path walDir;
  private final Path archiveDir;
  private final String serverName;
  private WalPosition position;
  private SegmentReader current;
  private SegmentDamage lastDamage;

  private WalReader(Path walDir, Path archiveDir, String serverName, WalPosition from) {
    this.walDir = walDir;
    this.archiveDir = archiveDir;
    this.serverName = serverName;
    this.position = from;
  }

  /** A reader over the segments in {@code walDir} only, starting at {@code from}. */
  public static WalReader open(Path walDir, WalPosition from) {
    return new WalReader(walDir, null, null, from);
  }

  /**
   * A reader over server {@code serverName}'s segments in {@code walDir}, also finding those
   * already moved to {@code archiveDir}.
   */
  public static WalReader open(Path walDir, Path archiveDir, String serverName,
      WalPosition from) {
    return new WalReader(walDir, archiveDir, serverName, from);
  }

  /** Where the next entry will be read from: the position to commit after the last one. */
  public WalPosition position() {
    return position;
  }

  /** The last damaged frame this reader skipped over, or null. */
  public SegmentDamage lastDamage() {
    return lastDamage;
  }

  /** Moves to {@code to} (rewind or skip ahead); the next call reads from there. */
  public void seek(WalPosition to) throws IOException {
    closeCurrent();
    position = to;
  }

  /** The next entry, or null if none is available yet. */
  public WalRecord next() throws IOException {
    while (true) {
      if (current == null) {
        Path file = find(position.segmentId());
        if (file == null) {
          OptionalLong newer = newerSegment(position.segmentId());
          if (newer.isEmpty()) {
            return null;
          }
          if (position.segmentId() != 0) {
            LOG.warn("WAL segment {} of {} is gone; continuing at segment {}",
                position.segmentId(), walDir, newer.getAsLong());
          }
          position = WalPosition.startOf(newer.getAsLong());
          continue;
        }
        try {
          current = SegmentReader.open(file, position.offset());
        } catch (NoSuchFileException e) {
          continue; // archived between listing and opening: look it up again
        }
      }
      WalRecord rec = read();
      if (rec != null) {
        return rec;
      }
      OptionalLong newer = newerSegment(position.segmentId());
      if (newer.isEmpty()) {
        return null; // caught up with the live segment
      }
      rec = read(); // the segment is complete now: read what was written before the roll
      if (rec != null) {
        return rec;
      }
      if (current.damage() != null) {
        lastDamage = current.damage();
        LOG.warn("Skipping the rest of WAL segment: {}", lastDamage);
      }
      closeCurrent();
      position = WalPosition.startOf(newer.getAsLong());
    }
  }

  /** Up to {@code max} entries available now, in order (empty when caught up). */
  public List<WalRecord> poll(int max) throws IOException {
    List<WalRecord> out = new ArrayList<>();
    WalRecord r;
    while (out.size() < max && (r = next()) != null) {
      out.add(r);
    }
    return out;
  }

  private WalRecord read() throws IOException {
    WalEntry e = current.next();
    if (e == null) {
      return null;
    }
    long seg = position.segmentId();
    WalPosition at = new WalPosition(seg, current.lastEntryOffset());
    position = new WalPosition(seg, current.position());
    return new WalRecord(e, at, position);
  }

  private Path find(long segmentId) {
    for (Path dir : dirs()) {
      for (Path p : SegmentFile.list(dir, serverName)) {
        if (SegmentFile.idOf(p).getAsLong() == segmentId && Files.exists(p)) {
          return p;
        }
      }
    }
    return null;
  }

  private OptionalLong newerSegment(long segmentId) {
    long best = Long.MAX_VALUE;
    for (Path dir : dirs()) {
      for (Path p : SegmentFile.list(dir, serverName)) {
        long id = SegmentFile.idOf(p).getAsLong();
        if (id > segmentId && id < best) {
          best = id;
        }
      }
    }
    return best == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(best);
  }

  private List<Path> dirs() {
    return archiveDir == null ? List.of(walDir) : List.of(walDir, archiveDir);
  }

  private void closeCurrent() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  @Override
  public void close() throws IOException {
    closeCurrent();
  }
}
