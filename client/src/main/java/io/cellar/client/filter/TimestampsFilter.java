package io.cellar.client.filter;

import io.cellar.common.cell.Cell;
import io.cellar.common.proto.FilterProto;
import io.cellar.common.proto.TimestampsFilterProto;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Keeps the versions whose timestamp is one of a given set. Versions older than the oldest
 * wanted one end the column; others are skipped, or, with canHint, seeked past to the next
 * wanted timestamp.
 */
public final class TimestampsFilter extends FilterBase {
  private final NavigableSet<Long> timestamps = new TreeSet<>();
  private final boolean canHint;

  public TimestampsFilter(List<Long> timestamps) {
    this(timestamps, false);
  }

  public TimestampsFilter(List<Long> timestamps, boolean canHint) {
    for (Long ts : timestamps) {
      if (ts == null || ts < 0) {
        throw new IllegalArgumentException("Bad timestamp in TimestampsFilter: " + ts);
      }
      this.timestamps.add(ts);
    }
    this.canHint = canHint;
  }

  public List<Long> getTimestamps() {
    return List.copyOf(timestamps);
  }

  public boolean canHint() {
    return canHint;
  }

  @Override
  public ReturnCode filterCell(Cell cell) {
    long ts = cell.getTimestamp();
    if (timestamps.contains(ts)) {
      return ReturnCode.INCLUDE;
    }
    if (timestamps.isEmpty() || ts < timestamps.first()) {
      return ReturnCode.NEXT_COL;
    }
    return canHint ? ReturnCode.SEEK_NEXT_USING_HINT : ReturnCode.SKIP;
  }

  @Override
  public Cell getNextCellHint(Cell current) {
    Long next = timestamps.lower(current.getTimestamp());
    // Versions are newest first: the next wanted one is the largest below the current.
    return next == null ? null : SeekKeys.firstOnColumnAt(current, next);
  }

  @Override
  public FilterProto toProto() {
    return FilterProto.newBuilder().setTimestamps(TimestampsFilterProto.newBuilder()
        .addAllTimestamps(timestamps).setCanHint(canHint)).build();
  }

  @Override
  public String toString() {
    return "TimestampsFilter(" + timestamps + ")";
  }
}
