package io.cellar.lsm.store;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * An immutable set of a store's live files, oldest first: by max sequence id, then creation
 * time, then name (so the order is total and the same after a reopen). The store swaps in a new
 * set atomically; a reader keeps using the set it started with.
 */
final class StoreFileSet {
  static final Comparator<StoreFile> AGE_ORDER = Comparator
      .comparingLong(StoreFile::getMaxSequenceId)
      .thenComparingLong(StoreFile::getCreationTimeMillis)
      .thenComparing(StoreFile::getName);

  static final StoreFileSet EMPTY = new StoreFileSet(ImmutableList.of());

  private final ImmutableList<StoreFile> files;

  private StoreFileSet(ImmutableList<StoreFile> files) {
    this.files = files;
  }

  static StoreFileSet of(Collection<StoreFile> files) {
    List<StoreFile> sorted = new ArrayList<>(files);
    sorted.sort(AGE_ORDER);
    return new StoreFileSet(ImmutableList.copyOf(sorted));
  }

  ImmutableList<StoreFile> files() {
    return files;
  }

  int size() {
    return files.size();
  }

  /** This set plus {@code added}. */
  StoreFileSet plus(StoreFile added) {
    List<StoreFile> l = new ArrayList<>(files);
    l.add(added);
    return of(l);
  }

  /** This set without {@code removed}, plus {@code added} (when not null). */
  StoreFileSet replace(Collection<StoreFile> removed, StoreFile added) {
    List<StoreFile> l = new ArrayList<>(files);
    l.removeAll(removed);
    if (added != null) {
      l.add(added);
    }
    return of(l);
  }

  List<String> names() {
    List<String> names = new ArrayList<>(files.size());
    for (StoreFile f : files) {
      names.add(f.getName());
    }
    return names;
  }

  long totalSize() {
    long s = 0;
    for (StoreFile f : files) {
      s += f.getFileSize();
    }
    return s;
  }

  long maxSequenceId() {
    long m = 0;
    for (StoreFile f : files) {
      m = Math.max(m, f.getMaxSequenceId());
    }
    return m;
  }
}
