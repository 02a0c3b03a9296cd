package io.cellar.master.assign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class AssignmentPlansTest {
  static ServerName server(int i) {
    return new ServerName("h" + i, 16020, 1);
  }

  /** {@code n} regions of {@code table}, keys t0..t(n-1). */
  static List<RegionInfo> regions(String table, int n) {
    List<RegionInfo> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new RegionInfo(TableName.valueOf(table),
          i == 0 ? Bytes.EMPTY : Bytes.toBytes(String.format("k%03d", i)),
          i == n - 1 ? Bytes.EMPTY : Bytes.toBytes(String.format("k%03d", i + 1)), 1));
    }
    return out;
  }

  /** Builds an assignment from per-server region counts of tables "a" and "b". */
  static Map<ServerName, List<RegionInfo>> layout(int[][] countsPerServer) {
    int totalA = 0;
    int totalB = 0;
    for (int[] c : countsPerServer) {
      totalA += c[0];
      totalB += c[1];
    }
    List<RegionInfo> a = regions("a", Math.max(totalA, 1));
    List<RegionInfo> b = regions("b", Math.max(totalB, 1));
    Map<ServerName, List<RegionInfo>> out = new TreeMap<>();
    int ia = 0;
    int ib = 0;
    for (int s = 0; s < countsPerServer.length; s++) {
      List<RegionInfo> rs = new ArrayList<>();
      for (int k = 0; k < countsPerServer[s][0]; k++) {
        rs.add(a.get(ia++));
      }
      for (int k = 0; k < countsPerServer[s][1]; k++) {
        rs.add(b.get(ib++));
      }
      out.put(server(s), rs);
    }
    return out;
  }

  static Stream<Arguments> balanceCases() {
    // {table a, table b} regions per server, expected number of moves
    return Stream.of(
        Arguments.of(new int[][] {{0, 0}, {0, 0}}, 0),
        Arguments.of(new int[][] {{4, 0}, {0, 0}}, 2),
        Arguments.of(new int[][] {{3, 0}, {0, 0}}, 1),
        Arguments.of(new int[][] {{6, 0}, {0, 0}, {0, 0}}, 4),
        Arguments.of(new int[][] {{2, 2}, {2, 2}, {0, 0}}, 2),
        Arguments.of(new int[][] {{5, 5}, {0, 0}}, 5),
        Arguments.of(new int[][] {{1, 0}, {0, 1}, {1, 1}}, 0),
        Arguments.of(new int[][] {{10, 0}}, 0));
  }

  @ParameterizedTest
  @MethodSource("balanceCases")
  void balanceLeavesCountsWithinOne(int[][] counts, int expectedMoves) {
    Map<ServerName, List<RegionInfo>> before = layout(counts);
    List<RegionMove> moves = AssignmentPlans.balance(before);
    assertEquals(expectedMoves, moves.size());
    Map<ServerName, List<RegionInfo>> after = new HashMap<>();
    before.forEach((s, rs) -> after.put(s, new ArrayList<>(rs)));
    for (RegionMove m : moves) {
      assertTrue(after.get(m.from()).remove(m.region()), "moves a region its source holds");
      after.get(m.to()).add(m.region());
    }
    int min = after.values().stream().mapToInt(List::size).min().orElse(0);
    int max = after.values().stream().mapToInt(List::size).max().orElse(0);
    assertTrue(max - min <= 1, "counts within one: " + after);
  }

  @Test
  void balanceSpreadsEachTable() {
    // Server 0 holds 4 of a and 4 of b; the moves take 2 of each to server 1.
    List<RegionMove> moves = AssignmentPlans.balance(layout(new int[][] {{4, 4}, {0, 0}}));
    long ofA = moves.stream().filter(m -> m.region().getTable().getQualifier().equals("a"))
        .count();
    assertEquals(4, moves.size());
    assertEquals(2, ofA);
  }

  @Test
  void placeSpreadsANewTableRoundRobinStartingWithTheEmptiest() {
    Map<ServerName, List<RegionInfo>> current = new TreeMap<>();
    List<RegionInfo> other = regions("other", 4);
    current.put(server(0), new ArrayList<>(other.subList(0, 3)));
    current.put(server(1), new ArrayList<>());
    current.put(server(2), new ArrayList<>(other.subList(3, 4)));
    List<RegionInfo> t = regions("t", 5);
    Map<RegionInfo, ServerName> plan = AssignmentPlans.place(t, current);
    assertEquals(List.of(server(1), server(2), server(0), server(1), server(2)),
        t.stream().map(plan::get).toList());
  }

  @Test
  void placeFillsUpEmptierServersForAnExistingTable() {
    Map<ServerName, List<RegionInfo>> current = new TreeMap<>();
    List<RegionInfo> t = regions("t", 6);
    current.put(server(0), new ArrayList<>(t.subList(0, 3)));
    current.put(server(1), new ArrayList<>());
    Map<RegionInfo, ServerName> plan = AssignmentPlans.place(t.subList(3, 6), current);
    Map<ServerName, Integer> placed = new TreeMap<>();
    plan.values().forEach(s -> placed.merge(s, 1, Integer::sum));
    assertEquals(Map.of(server(1), 3), placed);
  }
}
