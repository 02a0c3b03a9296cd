package io.cellar.master.procedure;

import io.cellar.client.meta.RegionLocation;
import io.cellar.common.exceptions.TableNotDisabledException;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableName;
import io.cellar.master.MasterServices;
import io.cellar.master.fs.StorageRoot;
import io.cellar.master.schema.SplitKeys;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Truncates a disabled table as HBase does: drops every region (meta rows and data), creates
 * new regions (same boundaries when splits are preserved, else one region) with a new region
 * id, opens them and leaves the table ENABLED. The descriptor is kept.
 */
public final class TruncateTableProcedure extends Procedure {
  public static final String TYPE = "TruncateTable";
  private static final int REMOVE_OLD_FROM_META = 1;
  private static final int DELETE_OLD_DATA = 2;
  private static final int ADD_NEW_TO_META = 3;
  private static final int ASSIGN = 4;
  private static final int MARK_ENABLED = 5;

  public TruncateTableProcedure(ProcedureRecord record) {
    super(record);
  }

  public static TruncateTableProcedure of(TableName table, boolean preserveSplits,
      long regionId) {
    ProcedureRecord r = new ProcedureRecord(TYPE, table.getNameAsString());
    r.put("preserveSplits", Boolean.toString(preserveSplits));
    r.put("regionId", Long.toString(regionId));
    return new TruncateTableProcedure(r);
  }

  private TableName table() {
    return TableName.valueOf(record.table());
  }

  private long newRegionId() {
    return Long.parseLong(record.get("regionId"));
  }

  private List<RegionInfo> newRegions() {
    return SplitKeys.regions(table(), record.getBytesList("splits"), newRegionId());
  }

  @Override
  protected void prepare(MasterServices m) throws IOException {
    TableChecks.checkUserTable(table());
    if (m.tableState(table()) != TableStateProto.TABLE_DISABLED) {
      throw new TableNotDisabledException(table().getNameAsString());
    }
    List<RegionInfo> current = new ArrayList<>();
    for (RegionLocation r : TableChecks.liveRegions(m, table())) {
      current.add(r.region());
    }
    boolean preserve = Boolean.parseBoolean(record.get("preserveSplits"));
    record.putBytesList("splits", preserve ? SplitKeys.of(current) : List.of());
  }

  @Override
  protected int execute(int step, MasterServices m) throws IOException {
    switch (step) {
      case REMOVE_OLD_FROM_META -> {
        List<RegionLocation> old = new ArrayList<>();
        for (RegionLocation r : m.meta().scanTable(table())) {
          if (r.region().getRegionId() != newRegionId()) {
            old.add(r);
          }
        }
        TableChecks.removeRows(m, old);
        return DELETE_OLD_DATA;
      }
      case DELETE_OLD_DATA -> {
        deleteRegionDirs(m);
        return ADD_NEW_TO_META;
      }
      case ADD_NEW_TO_META -> {
        TableChecks.addOffline(m, newRegions());
        m.tableStates().set(table(), TableStateProto.TABLE_ENABLING);
        return ASSIGN;
      }
      case ASSIGN -> {
        m.assigner().assignAll(TableChecks.toOpen(m, table()), m.descriptors().get(table()));
        return MARK_ENABLED;
      }
      case MARK_ENABLED -> {
        m.tableStates().set(table(), TableStateProto.TABLE_ENABLED);
        return DONE;
      }
      default -> throw new IOException("unknown step " + step + " of " + this);
    }
  }

  /** Every region directory of the table except the new regions'; {@code .tabledesc} stays. */
  private void deleteRegionDirs(MasterServices m) throws IOException {
    Path tableDir = m.root().tableDir(table());
    if (!Files.isDirectory(tableDir)) {
      return;
    }
    List<String> keep = new ArrayList<>();
    for (RegionInfo r : newRegions()) {
      keep.add(r.getEncodedName());
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(tableDir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p) && !name.startsWith(".") && !keep.contains(name)) {
          StorageRoot.deleteTree(p);
        }
      }
    }
  }
}
