package io.cellar.master.procedure;

import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableName;
import io.cellar.master.MasterServices;
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
