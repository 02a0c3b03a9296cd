package io.cellar.regionserver;

/** Asks for a region's memstore to be flushed soon, off the caller's thread. */
@FunctionalInterface
public interface FlushRequester {
  /** Queues {@code region} for a flush; a region already queued is not queued twice. */
  void requestFlush(Region region);
}
