package io.cellar.master.procedure;

import io.cellar.client.Put;
import io.cellar.client.meta.MetaTable;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.master.MasterServices;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an open region: the hosting server splits it (parent closed, daughters' files
 * written) and reports the daughters; then one meta update per row marks the parent SPLIT with
 * {@code splitA}/{@code splitB} and inserts both daughters, and the daughters are opened on the
 * same server. If the master dies after the server split but before the daughters were
 * recorded, the resumed run finds the parent not served and reopens it (the split is lost, the
 * data is not: the parent's files are untouched until its daughters are recorded).
 */
public final class SplitRegionProcedure extends Procedure {
  public static final String TYPE = "SplitRegion";
  private static final int SPLIT = 1;
  private static final int UPDATE_META = 2;
  private static final int OPEN_DAUGHTERS = 3;

  public SplitRegionProcedure(ProcedureRecord record) {
    super(record);
  }

  public static SplitRegionProcedure of(RegionInfo parent, byte[] splitPoint) {
    ProcedureRecord r = new ProcedureRecord(TYPE, parent.getTable().getNameAsString());
    r.putRegion("parent", parent);
    r.putBytes("splitPoint", splitPoint == null ? new byte[0] : splitPoint);
    return new SplitRegionProcedure(r);
  }

  @Override
  protected void prepare(MasterServices m) throws IOException {
    RegionInfo parent = record.getRegion("parent");
    RegionLocation loc = m.regionStates().get(parent);
    if (loc == null || loc.state() != RegionState.OPEN || loc.server() == null) {
      throw new NotServingRegionException("Region " + parent + " is not open anywhere");
    }
    if (m.tableState(parent.getTable()) != TableStateProto.TABLE_ENABLED) {
      throw new InvalidRequestException("Table " + parent.getTable() + " is not enabled");
    }
    byte[] point = record.getBytes("splitPoint");
    if (point.length > 0 && (!parent.containsRow(point)
        || Arrays.equals(point, parent.getStartKey()))) {
      throw new InvalidRequestException("Split point is not inside " + parent);
    }
    record.put("server", loc.server().toString());
  }

  @Override
  protected int execute(int step, MasterServices m) throws IOException {
    RegionInfo parent = record.getRegion("parent");
    ServerName server = ServerName.parse(record.get("server"));
    TableDescriptor td = m.descriptors().get(parent.getTable());
    switch (step) {
      case SPLIT -> {
        List<RegionInfo> daughters;
        try {
          daughters = m.calls().splitRegion(server, parent, record.getBytes("splitPoint"));
        } catch (NotServingRegionException e) {
          RegionLocation loc = m.regionStates().get(parent);
          if (loc != null && loc.state() != RegionState.SPLIT) {
            m.assigner().assign(parent, td, null);
          }
          throw new DoNotRetryException("Split of " + parent + " did not complete: "
              + e.getMessage());
        }
        if (daughters.size() != 2) {
          throw new DoNotRetryException("Server " + server + " returned " + daughters.size()
              + " daughters for " + parent);
        }
        record.putRegion("daughterA", daughters.get(0));
        record.putRegion("daughterB", daughters.get(1));
        return UPDATE_META;
      }
      case UPDATE_META -> {
        RegionInfo a = record.getRegion("daughterA");
        RegionInfo b = record.getRegion("daughterB");
        // Daughters first: a reader never sees a SPLIT parent whose daughters are missing.
        m.meta().mutate(MetaTable.toPut(a, server, RegionState.OPENING));
        m.meta().mutate(MetaTable.toPut(b, server, RegionState.OPENING));
        Put p = MetaTable.toPut(parent, null, RegionState.SPLIT);
        p.addColumn(MetaTable.FAMILY, MetaTable.SPLIT_A, SchemaProtos.toProto(a).toByteArray());
        p.addColumn(MetaTable.FAMILY, MetaTable.SPLIT_B, SchemaProtos.toProto(b).toByteArray());
        m.meta().mutate(p);
        m.regionStates().update(a, server, RegionState.OPENING);
        m.regionStates().update(b, server, RegionState.OPENING);
        m.regionStates().update(parent, null, RegionState.SPLIT);
        return OPEN_DAUGHTERS;
      }
      case OPEN_DAUGHTERS -> {
        for (String key : List.of("daughterA", "daughterB")) {
          RegionInfo d = record.getRegion(key);
          RegionLocation loc = m.regionStates().get(d);
          if (loc == null || loc.state() != RegionState.OPEN || !m.servers().isLive(loc.server())) {
            m.assigner().assign(d, td, server);
          }
        }
        return DONE;
      }
      default -> throw new IOException("unknown step " + step + " of " + this);
    }
  }
}
