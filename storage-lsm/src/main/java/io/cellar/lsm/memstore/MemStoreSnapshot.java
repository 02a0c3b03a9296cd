package io.cellar.lsm.memstore;

import io.cellar.lsm.read.KeyValueHeap;
import io.cellar.lsm.read.KeyValueScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * The frozen contents of a memstore handed to a flush: every cell (all versions, markers and
 * sequence ids) in order via {@link #newScanner()}, plus the numbers the flushed file records.
 */
public final class MemStoreSnapshot {
  private final long id;
  private final List<Segment> segments; // newest first
  private final long arenaBytes;

  MemStoreSnapshot(long id, List<Segment> segments, long arenaBytes) {
    this.id = id;
    this.segments = segments;
    this.arenaBytes = arenaBytes;
  }

  /** Pass to {@link MemStore#clearSnapshot(long)} once the flushed file is in place. */
  public long getId() {
    return id;
  }

  public boolean isEmpty() {
    return getCellCount() == 0;
  }

  public int getCellCount() {
    int n = 0;
    for (Segment s : segments) {
      n += s.cellCount();
    }
    return n;
  }

  public long getDataSize() {
    long n = 0;
    for (Segment s : segments) {
      n += s.dataSize();
    }
    return n;
  }

  public long getHeapSize() {
    long n = arenaBytes;
    for (Segment s : segments) {
      n += s.indexHeapSize();
    }
    return n;
  }

  public long getMinTimestamp() {
    long m = Long.MAX_VALUE;
    for (Segment s : segments) {
      m = Math.min(m, s.minTimestamp());
    }
    return m;
  }

  public long getMaxTimestamp() {
    long m = Long.MIN_VALUE;
    for (Segment s : segments) {
      m = Math.max(m, s.maxTimestamp());
    }
    return m;
  }

  /** All cells of the snapshot in order, positioned at the first; for the flusher. */
  public KeyValueScanner newScanner() {
    return new KeyValueHeap(scanners(Long.MAX_VALUE, Long.MAX_VALUE));
  }

  List<KeyValueScanner> scanners(long readPoint, long order) {
    List<KeyValueScanner> out = new ArrayList<>(segments.size());
    for (Segment s : segments) {
      out.add(new SegmentScanner(s, readPoint, order));
    }
    return out;
  }

  List<Segment> segments() {
    return segments;
  }
}
