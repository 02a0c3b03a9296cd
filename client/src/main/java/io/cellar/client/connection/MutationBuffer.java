package io.cellar.client.connection;

import io.cellar.client.Mutation;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutations a BufferedMutator holds before a flush, with their size (the KeyValue bytes of
 * {@link Mutation#heapSize()}). {@link #add} says when the size reached the flush threshold;
 * {@link #drain} hands everything over at once. Thread-safe.
 */
public final class MutationBuffer {
  private final long flushThreshold;
  private List<Mutation> mutations = new ArrayList<>(); // guarded by this
  private long bytes; // guarded by this

  /** REQUIRES: flushThreshold > 0. */
  public MutationBuffer(long flushThreshold) {
    if (flushThreshold <= 0) {
      throw new IllegalArgumentException("Flush threshold must be positive: " + flushThreshold);
    }
    this.flushThreshold = flushThreshold;
  }

  /** Buffers {@code m}; true when the buffer is now at or over the threshold. */
  public synchronized boolean add(Mutation m) {
    mutations.add(m);
    bytes += m.heapSize();
    return bytes >= flushThreshold;
  }

  /** Everything buffered, in order; the buffer is empty afterwards. */
  public synchronized List<Mutation> drain() {
    List<Mutation> out = mutations;
    mutations = new ArrayList<>();
    bytes = 0;
    return out;
  }

  public synchronized long sizeBytes() {
    return bytes;
  }

  public synchronized int count() {
    return mutations.size();
  }

  public long flushThreshold() {
    return flushThreshold;
  }

  /** Total {@link Mutation#heapSize()} of a list. */
  public static long sizeOf(List<? extends Mutation> ms) {
    long n = 0;
    for (Mutation m : ms) {
      n += m.heapSize();
    }
    return n;
  }
}
