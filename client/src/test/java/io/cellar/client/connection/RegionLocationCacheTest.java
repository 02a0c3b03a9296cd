package io.cellar.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import org.junit.jupiter.api.Test;

class RegionLocationCacheTest {
  private static final TableName T = TableName.valueOf("t");
  private static final ServerName S1 = new ServerName("h1", 1, 1);
  private static final ServerName S2 = new ServerName("h2", 2, 2);

  private static RegionLocation loc(String start, String end, long id, ServerName s) {
    return new RegionLocation(new RegionInfo(T, Bytes.toBytes(start), Bytes.toBytes(end), id), s,
        MetaTable.RegionState.OPEN);
  }

  private static byte[] b(String s) {
    return Bytes.toBytes(s);
  }

  @Test
  void findsTheRegionHoldingARow() {
    RegionLocationCache c = new RegionLocationCache();
    RegionLocation a = loc("", "g", 1, S1);
    RegionLocation g = loc("g", "p", 1, S2);
    c.add(a);
    c.add(g);
    assertSame(a, c.find(T, b("")));
    assertSame(a, c.find(T, b("f")));
    assertSame(g, c.find(T, b("g")));
    assertSame(g, c.find(T, b("oz")));
    assertNull(c.find(T, b("p")), "no region cached for [p, ...)");
    assertNull(c.find(TableName.valueOf("other"), b("a")));
  }

  @Test
  void findBeforeGivesTheRegionEndingAtTheKey() {
    RegionLocationCache c = new RegionLocationCache();
    RegionLocation a = loc("", "g", 1, S1);
    RegionLocation g = loc("g", "", 1, S2);
    c.add(a);
    c.add(g);
    assertSame(a, c.findBefore(T, b("g")));
    assertSame(g, c.findBefore(T, b("h")));
    assertSame(g, c.findBefore(T, b("")), "empty key: the last region");
    assertSame(a, c.findBefore(T, b("a")), "rows below 'a' are in [, g)");
    c.remove(g.region());
    assertNull(c.findBefore(T, b("")), "the last region is not cached any more");
    assertNull(c.findBefore(T, b("h")), "nothing cached spans the rows below 'h'");
  }

  @Test
  void addingADaughterDropsTheOverlappingParent() {
    RegionLocationCache c = new RegionLocationCache();
    c.add(loc("", "", 1, S1));
    RegionLocation daughterB = loc("m", "", 2, S2);
    c.add(daughterB);
    assertEquals(1, c.size(T));
    assertSame(daughterB, c.find(T, b("x")));
    assertNull(c.find(T, b("a")), "the parent covering [a, m) is gone");
    RegionLocation daughterA = loc("", "m", 2, S1);
    c.add(daughterA);
    assertEquals(2, c.size(T));
    assertSame(daughterA, c.find(T, b("a")));
  }

  @Test
  void addingAMergedRegionDropsTheRegionsInside() {
    RegionLocationCache c = new RegionLocationCache();
    c.add(loc("a", "c", 1, S1));
    c.add(loc("c", "e", 1, S1));
    c.add(loc("e", "g", 1, S1));
    c.add(loc("g", "", 1, S1));
    RegionLocation merged = loc("b", "f", 2, S2);
    c.add(merged);
    // [a,c) and [e,g) overlap the merged range, [c,e) is inside it; [g,) stays
    assertEquals(2, c.size(T));
    assertSame(merged, c.find(T, b("d")));
    assertNull(c.find(T, b("a")));
    assertEquals(S1, c.find(T, b("z")).server());
  }

  @Test
  void removeOnlyDropsTheSameRegion() {
    RegionLocationCache c = new RegionLocationCache();
    RegionLocation newer = loc("", "", 2, S2);
    c.add(newer);
    c.remove(loc("", "", 1, S1).region());
    assertSame(newer, c.find(T, b("a")), "a stale region id must not evict the newer entry");
    c.remove(newer.region());
    assertNull(c.find(T, b("a")));
  }

  @Test
  void removeServerDropsEveryRegionOnIt() {
    RegionLocationCache c = new RegionLocationCache();
    c.add(loc("", "g", 1, S1));
    c.add(loc("g", "p", 1, S2));
    c.add(loc("p", "", 1, S1));
    c.removeServer(S1);
    assertEquals(1, c.size(T));
    assertNull(c.find(T, b("a")));
    assertEquals(S2, c.find(T, b("h")).server());
  }

  @Test
  void clearForgetsATable() {
    RegionLocationCache c = new RegionLocationCache();
    c.add(loc("", "", 1, S1));
    c.clear(T);
    assertEquals(0, c.size(T));
  }

  @Test
  void refusesLocationsWithoutServer() {
    RegionLocationCache c = new RegionLocationCache();
    assertThrows(IllegalArgumentException.class, () -> c.add(loc("", "", 1, null)));
  }
}
