package io.cellar.wal;

import com.google.common.base.Preconditions;

/**
 * An address in a server's WAL, as a Kafka consumer offset: (segment id, byte offset in that
 * segment). Ordered by segment, then offset. Offset {@link SegmentFile#HEADER_SIZE} is the first
 * entry of a segment; an offset at the end of a closed segment means "continue with the next".
 */
public record WalPosition(long segmentId, long offset) implements Comparable<WalPosition> {
  public WalPosition {
    Preconditions.checkArgument(segmentId >= 0 && offset >= 0,
        "bad WAL position (%s, %s)", segmentId, offset);
  }

  /** The first entry of {@code segmentId}. */
  public static WalPosition startOf(long segmentId) {
    return new WalPosition(segmentId, SegmentFile.HEADER_SIZE);
  }

  /** Before every segment: a reader opened here starts at the oldest segment present. */
  public static final WalPosition EARLIEST = new WalPosition(0, 0);

  @Override
  public int compareTo(WalPosition o) {
    int c = Long.compare(segmentId, o.segmentId);
    return c != 0 ? c : Long.compare(offset, o.offset);
  }

  /** {@code segmentId:offset}, the form {@link #parse} reads (e.g. for a ZooKeeper znode). */
  @Override
  public String toString() {
    return segmentId + ":" + offset;
  }

  public static WalPosition parse(String s) {
    int colon = s.indexOf(':');
    Preconditions.checkArgument(colon > 0, "not a WAL position: '%s'", s);
    try {
      return new WalPosition(Long.parseLong(s.substring(0, colon)),
          Long.parseLong(s.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a WAL position: '" + s + "'", e);
    }
  }
}
