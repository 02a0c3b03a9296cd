package io.cellar.client;

import io.cellar.common.Bytes;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The columns a Get or Scan reads: family → qualifiers, where an empty qualifier set means the
 * whole family (and wins over qualifiers added to that family before or after).
 */
final class ColumnSelection {
  private final NavigableMap<byte[], NavigableSet<byte[]>> families = new TreeMap<>(Bytes::compare);
  /** Families asked for whole; kept apart so an empty set stays unambiguous. */
  private final NavigableSet<byte[]> wholeFamilies = new TreeSet<>(Bytes::compare);

  void addFamily(byte[] family) {
    byte[] f = RowKeys.checkFamily(family).clone();
    wholeFamilies.add(f);
    families.put(f, new TreeSet<>(Bytes::compare));
  }

  void addColumn(byte[] family, byte[] qualifier) {
    byte[] f = RowKeys.checkFamily(family).clone();
    if (wholeFamilies.contains(f)) {
      return;
    }
    families.computeIfAbsent(f, k -> new TreeSet<>(Bytes::compare))
        .add(qualifier == null ? Bytes.EMPTY : qualifier.clone());
  }

  void copyFrom(ColumnSelection other) {
    for (Map.Entry<byte[], NavigableSet<byte[]>> e : other.families.entrySet()) {
      families.put(e.getKey(), new TreeSet<>(e.getValue()));
    }
    wholeFamilies.addAll(other.wholeFamilies);
  }

  /** Family → qualifiers (empty: whole family). Read only. */
  NavigableMap<byte[], NavigableSet<byte[]>> asMap() {
    NavigableMap<byte[], NavigableSet<byte[]>> view = new TreeMap<>(Bytes::compare);
    for (Map.Entry<byte[], NavigableSet<byte[]>> e : families.entrySet()) {
      view.put(e.getKey(), Collections.unmodifiableNavigableSet(e.getValue()));
    }
    return Collections.unmodifiableNavigableMap(view);
  }

  boolean isEmpty() {
    return families.isEmpty();
  }

  int numFamilies() {
    return families.size();
  }
}
