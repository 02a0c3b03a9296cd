package io.cellar.wal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Encoded frames appended since the last write, as one contiguous buffer so the sync leader
 * writes them with one call, plus the highest sequence id per region among them (for archiving).
 * REQUIRES: the owner's lock around every call; two instances alternate (double buffering).
 */
final class PendingBatch {
  private byte[] buf;
  private int length;
  private int entries;
  private long lastTxid;
  private final Map<String, long[]> maxSeqByRegion = new HashMap<>();

  PendingBatch(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  /** Encodes {@code entry} (laid out as {@code layout}) straight into the batch buffer. */
  void add(WalEntry entry, WalEntryCodec.FrameLayout layout, long txid) {
    int size = layout.frameSize();
    if (length + size > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + size));
    }
    WalEntryCodec.writeFrame(entry, layout, buf, length);
    length += size;
    String region = entry.getRegion();
    long sequenceId = entry.getSequenceId();
    entries++;
    lastTxid = txid;
    long[] max = maxSeqByRegion.computeIfAbsent(region, r -> new long[] {-1});
    if (sequenceId > max[0]) {
      max[0] = sequenceId;
    }
  }

  byte[] buffer() {
    return buf;
  }

  int length() {
    return length;
  }

  int entries() {
    return entries;
  }

  boolean isEmpty() {
    return entries == 0;
  }

  /** Txid of the last entry added; meaningful only when not empty. */
  long lastTxid() {
    return lastTxid;
  }

  Map<String, long[]> maxSeqByRegion() {
    return maxSeqByRegion;
  }

  void clear() {
    length = 0;
    entries = 0;
    maxSeqByRegion.clear();
  }
}
