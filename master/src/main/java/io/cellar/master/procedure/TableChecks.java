package io.cellar.master.procedure;

import io.cellar.client.Delete;
import io.cellar.client.Mutation;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableName;
import io.cellar.master.MasterServices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Region selections and checks shared by the table procedures. */
final class TableChecks {
  private TableChecks() {}

  /** DDL never touches {@code cellar:meta} (nor any system table). */
  static void checkUserTable(TableName table) throws InvalidRequestException {
    if (table.equals(MetaTable.NAME) || table.isSystemTable()) {
      throw new InvalidRequestException("Table " + table + " is a system table");
    }
  }

  /** The table's live regions (split parents excluded). */
  static List<RegionLocation> liveRegions(MasterServices m, TableName table) {
    List<RegionLocation> out = new ArrayList<>();
    for (RegionLocation r : m.regionStates().ofTable(table)) {
      if (r.state() != RegionState.SPLIT) {
        out.add(r);
      }
    }
    return out;
  }

  /** Live regions that are not open on a live server. */
  static List<RegionInfo> toOpen(MasterServices m, TableName table) {
    List<RegionInfo> out = new ArrayList<>();
    for (RegionLocation r : liveRegions(m, table)) {
      boolean open = r.state() == RegionState.OPEN && r.server() != null
          && m.servers().isLive(r.server());
      if (!open) {
        out.add(r.region());
      }
    }
    return out;
  }

  /** Records new regions in meta as OFFLINE (one batch), skipping ones already recorded. */
  static void addOffline(MasterServices m, List<RegionInfo> regions) throws IOException {
    List<Mutation> puts = new ArrayList<>();
    List<RegionInfo> added = new ArrayList<>();
    for (RegionInfo r : regions) {
      if (m.regionStates().get(r) == null) {
        puts.add(MetaTable.toPut(r, null, RegionState.OFFLINE));
        added.add(r);
      }
    }
    m.meta().mutate(puts);
    for (RegionInfo r : added) {
      m.regionStates().update(r, null, RegionState.OFFLINE);
    }
  }

  /** Deletes the regions' meta rows (one batch) and forgets them. */
  static void removeRows(MasterServices m, List<RegionLocation> regions) throws IOException {
    List<Mutation> deletes = new ArrayList<>();
    for (RegionLocation r : regions) {
      deletes.add(new Delete(MetaTable.rowOf(r.region())));
    }
    m.meta().mutate(deletes);
    for (RegionLocation r : regions) {
      m.regionStates().remove(r.region());
    }
  }

  /** Live regions currently placed on some server (to close). */
  static List<RegionLocation> toClose(MasterServices m, TableName table) {
    List<RegionLocation> out = new ArrayList<>();
    for (RegionLocation r : liveRegions(m, table)) {
      if (r.server() != null && r.state() != RegionState.CLOSED
          && r.state() != RegionState.OFFLINE) {
        out.add(r);
      }
    }
    return out;
  }
}
