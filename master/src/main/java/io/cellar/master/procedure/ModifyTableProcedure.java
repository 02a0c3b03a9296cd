package io.cellar.master.procedure;

import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.master.MasterServices;
import io.cellar.master.fs.StorageRoot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Alters a table (enabled or disabled): writes the new descriptor, then reopens each open
 * region so it picks the change up, deleting the store directories of removed families while
 * each region is closed. On a disabled table only the directories are removed; the regions see
 * the new descriptor when enabled.
 */
public final class ModifyTableProcedure extends Procedure {
  public static final String TYPE = "ModifyTable";
  private static final int WRITE_DESCRIPTOR = 1;
  private static final int REOPEN = 2;

  public ModifyTableProcedure(ProcedureRecord record) {
    super(record);
  }

  public static ModifyTableProcedure of(TableDescriptor td) {
    ProcedureRecord r = new ProcedureRecord(TYPE, td.getTableName().getNameAsString());
    r.putDescriptor("descriptor", td);
    return new ModifyTableProcedure(r);
  }

  private TableName table() {
    return TableName.valueOf(record.table());
  }

  @Override
  protected void prepare(MasterServices m) throws IOException {
    TableChecks.checkUserTable(table());
    m.tableState(table()); // TableNotFoundException if absent
    TableDescriptor old = m.descriptors().get(table());
    TableDescriptor next = record.getDescriptor("descriptor");
    if (!next.getTableName().equals(table())) {
      throw new InvalidRequestException("ModifyTable cannot rename " + table());
    }
    List<byte[]> removed = new ArrayList<>();
    for (ColumnFamilyDescriptor f : old.getColumnFamilies()) {
      if (!next.hasColumnFamily(f.getName())) {
        removed.add(f.getName());
      }
    }
    record.putBytesList("removedFamilies", removed);
  }

  @Override
  protected int execute(int step, MasterServices m) throws IOException {
    switch (step) {
      case WRITE_DESCRIPTOR -> {
        m.descriptors().write(record.getDescriptor("descriptor"));
        return REOPEN;
      }
      case REOPEN -> {
        TableDescriptor td = record.getDescriptor("descriptor");
        TableStateProto state = m.tableState(table());
        boolean enabled = state != TableStateProto.TABLE_DISABLED
            && state != TableStateProto.TABLE_DISABLING;
        for (RegionLocation r : TableChecks.liveRegions(m, table())) {
          boolean open = r.state() == RegionState.OPEN && r.server() != null;
          if (enabled && open) {
            m.assigner().close(r, false);
          }
          deleteRemovedFamilies(m, r.region());
          if (enabled) {
            // Regions a crashed earlier run left closed are opened too.
            m.assigner().assign(r.region(), td, open ? r.server() : null);
          }
        }
        return DONE;
      }
      default -> throw new IOException("unknown step " + step + " of " + this);
    }
  }

  private void deleteRemovedFamilies(MasterServices m, RegionInfo region) throws IOException {
    for (byte[] family : record.getBytesList("removedFamilies")) {
      StorageRoot.deleteTree(m.root().regionDir(region)
          .resolve(new String(family, java.nio.charset.StandardCharsets.UTF_8)));
    }
  }
}
