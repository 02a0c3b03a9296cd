package io.cellar.master.procedure;

import io.cellar.common.exceptions.TableNotDisabledException;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.TableName;
import io.cellar.master.MasterServices;
import io.cellar.master.fs.StorageRoot;
import java.io.IOException;

/** Deletes a disabled table: its meta rows, its data directory, then its state znode. */
public final class DeleteTableProcedure extends Procedure {
  public static final String TYPE = "DeleteTable";
  private static final int REMOVE_FROM_META = 1;
  private static final int DELETE_DATA = 2;
  private static final int REMOVE_STATE = 3;

  public DeleteTableProcedure(ProcedureRecord record) {
    super(record);
  }

  public static DeleteTableProcedure of(TableName table) {
    return new DeleteTableProcedure(new ProcedureRecord(TYPE, table.getNameAsString()));
  }

  private TableName table() {
    return TableName.valueOf(record.table());
  }

  @Override
  protected void prepare(MasterServices m) throws IOException {
    TableChecks.checkUserTable(table());
    if (m.tableState(table()) != TableStateProto.TABLE_DISABLED) {
      throw new TableNotDisabledException(table().getNameAsString());
    }
  }

  @Override
  protected int execute(int step, MasterServices m) throws IOException {
    switch (step) {
      case REMOVE_FROM_META -> {
        // Meta is read too, so rows the in-memory view missed are not left behind.
        TableChecks.removeRows(m, m.meta().scanTable(table()));
        TableChecks.removeRows(m, m.regionStates().ofTable(table()));
        return DELETE_DATA;
      }
      case DELETE_DATA -> {
        StorageRoot.deleteTree(m.root().tableDir(table()));
        return REMOVE_STATE;
      }
      case REMOVE_STATE -> {
        m.tableStates().delete(table());
        return DONE;
      }
      default -> throw new IOException("unknown step " + step + " of " + this);
    }
  }
}
