package io.cellar.master.assign;

import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pure placement decisions, by region count (no I/O, deterministic for equal inputs):
 * where new regions go, and which moves even out a cluster.
 */
public final class AssignmentPlans {
  private AssignmentPlans() {}

  /**
   * Places each region, in order, on the server holding the fewest regions of the same table so
   * far, then the fewest regions overall (counting {@code current} plus this plan's
   * placements); ties go to the smallest server name. So a new table is spread round-robin, and
   * its first regions go to the emptiest servers.
   * REQUIRES: {@code current} non-empty (its keys are the candidate servers).
   */
  public static Map<RegionInfo, ServerName> place(List<RegionInfo> regions,
      Map<ServerName, List<RegionInfo>> current) {
    if (current.isEmpty()) {
      throw new IllegalArgumentException("no servers to place regions on");
    }
    Map<ServerName, Integer> total = new TreeMap<>();
    Map<ServerName, Map<TableName, Integer>> perTable = new HashMap<>();
    current.forEach((s, rs) -> {
      total.put(s, rs.size());
      Map<TableName, Integer> byTable = new HashMap<>();
      for (RegionInfo r : rs) {
        byTable.merge(r.getTable(), 1, Integer::sum);
      }
      perTable.put(s, byTable);
    });
    Map<RegionInfo, ServerName> out = new LinkedHashMap<>();
    for (RegionInfo r : regions) {
      ServerName best = null;
      for (ServerName s : total.keySet()) {
        if (best == null || isEmptier(s, best, r.getTable(), total, perTable)) {
          best = s;
        }
      }
      out.put(r, best);
      total.merge(best, 1, Integer::sum);
      perTable.get(best).merge(r.getTable(), 1, Integer::sum);
    }
    return out;
  }

  private static boolean isEmptier(ServerName a, ServerName b, TableName table,
      Map<ServerName, Integer> total, Map<ServerName, Map<TableName, Integer>> perTable) {
    int ta = perTable.get(a).getOrDefault(table, 0);
    int tb = perTable.get(b).getOrDefault(table, 0);
    return ta != tb ? ta < tb : total.get(a) < total.get(b);
  }

  /**
   * Moves that leave every server within one region of every other: repeatedly move one region
   * from the fullest server (largest name on ties) to the emptiest (smallest name on ties). The
   * region moved is one of the table most over-represented on the source relative to the
   * destination, so tables stay spread too; within that table, the last region by order.
   */
  public static List<RegionMove> balance(Map<ServerName, List<RegionInfo>> assignment) {
    Map<ServerName, List<RegionInfo>> work = new TreeMap<>();
    assignment.forEach((s, rs) -> {
      List<RegionInfo> copy = new ArrayList<>(rs);
      copy.sort(null);
      work.put(s, copy);
    });
    List<RegionMove> moves = new ArrayList<>();
    if (work.size() < 2) {
      return moves;
    }
    while (true) {
      ServerName full = null;
      ServerName empty = null;
      for (Map.Entry<ServerName, List<RegionInfo>> e : work.entrySet()) {
        int n = e.getValue().size();
        if (full == null || n >= work.get(full).size()) {
          full = e.getKey();
        }
        if (empty == null || n < work.get(empty).size()) {
          empty = e.getKey();
        }
      }
      if (work.get(full).size() - work.get(empty).size() <= 1) {
        return moves;
      }
      RegionInfo pick = pickRegion(work.get(full), work.get(empty));
      work.get(full).remove(pick);
      work.get(empty).add(pick);
      work.get(empty).sort(null);
      moves.add(new RegionMove(pick, full, empty));
    }
  }

  private static RegionInfo pickRegion(List<RegionInfo> from, List<RegionInfo> to) {
    Map<TableName, Integer> surplus = new HashMap<>();
    for (RegionInfo r : from) {
      surplus.merge(r.getTable(), 1, Integer::sum);
    }
    for (RegionInfo r : to) {
      surplus.merge(r.getTable(), -1, Integer::sum);
    }
    Comparator<RegionInfo> order = Comparator
        .comparing((RegionInfo r) -> surplus.get(r.getTable()))
        .thenComparing(Comparator.naturalOrder());
    RegionInfo best = from.get(0);
    for (RegionInfo r : from) {
      if (order.compare(r, best) > 0) {
        best = r;
      }
    }
    return best;
  }
}
