package io.cellar.master.procedure;

import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import io.cellar.master.MasterServices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovers a dead region server: split its WAL into recovered edits beside each region, reopen
 * meta elsewhere if it was there, then reopen its regions on live servers (regions of disabled
 * or dropped tables are only marked CLOSED). Logs the time from the server's loss to its last
 * region reopened.
 */
public final class ServerCrashProcedure extends Procedure {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCrashProcedure.class);
  public static final String TYPE = "ServerCrash";
  private static final int SPLIT_WAL = 1;
  private static final int ASSIGN_META = 2;
  private static final int ASSIGN_REGIONS = 3;

  public ServerCrashProcedure(ProcedureRecord record) {
    super(record);
  }

  public static ServerCrashProcedure of(ServerName dead) {
    ProcedureRecord r = new ProcedureRecord(TYPE, "");
    r.put("server", dead.toString());
    return new ServerCrashProcedure(r);
  }

  public ServerName server() {
    return ServerName.parse(record.get("server"));
  }

  @Override
  protected boolean needsMeta(int step) {
    return step == ASSIGN_REGIONS;
  }

  @Override
  protected int execute(int step, MasterServices m) throws IOException {
    ServerName dead = server();
    switch (step) {
      case SPLIT_WAL -> {
        m.wals().split(dead);
        return ASSIGN_META;
      }
      case ASSIGN_META -> {
        m.metaAssignment().ensureOnline();
        return ASSIGN_REGIONS;
      }
      case ASSIGN_REGIONS -> {
        reassign(m, dead);
        Long lost = m.servers().lossNanos(dead);
        if (lost != null) {
          LOG.info("Recovery of {} finished {} ms after its znode vanished", dead,
              (System.nanoTime() - lost) / 1_000_000);
        } else {
          LOG.info("Recovery of {} finished", dead);
        }
        return DONE;
      }
      default -> throw new IOException("unknown step " + step + " of " + this);
    }
  }

  private static void reassign(MasterServices m, ServerName dead) throws IOException {
    Map<TableName, List<RegionInfo>> byTable = new TreeMap<>();
    for (RegionLocation r : m.regionStates().onServer(dead)) {
      byTable.computeIfAbsent(r.region().getTable(), t -> new ArrayList<>()).add(r.region());
    }
    int count = 0;
    for (Map.Entry<TableName, List<RegionInfo>> e : byTable.entrySet()) {
      Optional<TableStateProto> state = m.tableStates().get(e.getKey());
      boolean reopen = state.isPresent() && (state.get() == TableStateProto.TABLE_ENABLED
          || state.get() == TableStateProto.TABLE_ENABLING);
      if (reopen) {
        m.assigner().assignAll(e.getValue(), m.descriptors().get(e.getKey()));
        count += e.getValue().size();
      } else {
        for (RegionInfo r : e.getValue()) {
          m.assigner().close(new RegionLocation(r, dead, RegionState.CLOSED), true);
        }
      }
    }
    LOG.info("Reopened {} regions of dead server {}", count, dead);
  }
}
