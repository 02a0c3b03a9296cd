package io.cellar.lsm.cache;

/** Something the {@link BlockCache} can hold. REQUIRES: immutable once cached. */
public interface Cacheable {
  /** Approximate bytes this object keeps alive on the heap; the cache weighs entries by it. */
  int heapSize();
}
