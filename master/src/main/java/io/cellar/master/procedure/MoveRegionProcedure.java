package io.cellar.master.procedure;

import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.master.MasterServices;
import java.io.IOException;

/**
 * Moves one open region: close it where it is, open it on the destination (or, if that fails,
 * on another live server). The region and destination are recorded, so a resumed move finishes
 * the open.
 */
public final class MoveRegionProcedure extends Procedure {
  public static final String TYPE = "MoveRegion";
  private static final int CLOSE = 1;
  private static final int OPEN = 2;

  public MoveRegionProcedure(ProcedureRecord record) {
    super(record);
  }

  /** {@code to} null: the least loaded other live server. */
  public static MoveRegionProcedure of(RegionInfo region, ServerName to) {
    ProcedureRecord r = new ProcedureRecord(TYPE, region.getTable().getNameAsString());
    r.putRegion("region", region);
    if (to != null) {
      r.put("destination", to.toString());
    }
    return new MoveRegionProcedure(r);
  }

  private ServerName destination() {
    String d = record.get("destination");
    return d == null ? null : ServerName.parse(d);
  }

  @Override
  protected void prepare(MasterServices m) throws IOException {
    RegionInfo region = record.getRegion("region");
    RegionLocation loc = m.regionStates().get(region);
    if (loc == null || loc.state() != RegionState.OPEN || loc.server() == null) {
      throw new NotServingRegionException("Region " + region + " is not open anywhere");
    }
    if (m.tableState(region.getTable()) != TableStateProto.TABLE_ENABLED) {
      throw new InvalidRequestException("Table " + region.getTable() + " is not enabled");
    }
    ServerName to = destination();
    if (to == null) {
      to = leastLoadedOther(m, loc.server());
      if (to == null) {
        throw new InvalidRequestException("No other live server to move " + region + " to");
      }
      record.put("destination", to.toString());
    } else if (!m.servers().isLive(to)) {
      throw new InvalidRequestException("Destination " + to + " is not a live region server");
    }
    record.put("source", loc.server().toString());
  }

  private static ServerName leastLoadedOther(MasterServices m, ServerName from) {
    ServerName best = null;
    int bestCount = Integer.MAX_VALUE;
    for (var e : m.assigner().openBy().entrySet()) {
      if (!e.getKey().equals(from) && e.getValue().size() < bestCount) {
        best = e.getKey();
        bestCount = e.getValue().size();
      }
    }
    return best;
  }

  @Override
  protected int execute(int step, MasterServices m) throws IOException {
    RegionInfo region = record.getRegion("region");
    RegionLocation loc = m.regionStates().get(region);
    if (loc == null) {
      throw new DoNotRetryException("Region " + region + " no longer exists");
    }
    switch (step) {
      case CLOSE -> {
        if (loc.server() != null && !loc.server().equals(destination())) {
          m.assigner().close(loc, false);
        }
        return OPEN;
      }
      case OPEN -> {
        RegionLocation now = m.regionStates().get(region);
        boolean openAtDest = now.state() == RegionState.OPEN
            && destination().equals(now.server());
        if (!openAtDest) {
          m.assigner().assign(region, m.descriptors().get(region.getTable()), destination());
        }
        return DONE;
      }
      default -> throw new IOException("unknown step " + step + " of " + this);
    }
  }
}
