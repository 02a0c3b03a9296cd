package io.cellar.master.procedure;

import io.cellar.common.exceptions.TableNotEnabledException;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.TableName;
import io.cellar.master.MasterServices;
import java.io.IOException;

/**
 * Disables a table: state DISABLING, every region closed (meta: CLOSED), state DISABLED.
 * REQUIRES: the table is ENABLED, or ENABLING with no procedure running on it.
 */
public final class DisableTableProcedure extends Procedure {
  public static final String TYPE = "DisableTable";
  private static final int MARK_DISABLING = 1;
  private static final int CLOSE = 2;
  private static final int MARK_DISABLED = 3;

  public DisableTableProcedure(ProcedureRecord record) {
    super(record);
  }

  public static DisableTableProcedure of(TableName table) {
    return new DisableTableProcedure(new ProcedureRecord(TYPE, table.getNameAsString()));
  }

  private TableName table() {
    return TableName.valueOf(record.table());
  }

  @Override
  protected void prepare(MasterServices m) throws IOException {
    TableChecks.checkUserTable(table());
    TableStateProto state = m.tableState(table());
    // ENABLING with no procedure left (one failed for good) may be disabled to get unstuck.
    if (state != TableStateProto.TABLE_ENABLED && state != TableStateProto.TABLE_ENABLING) {
      throw new TableNotEnabledException(table().getNameAsString());
    }
  }

  @Override
  protected int execute(int step, MasterServices m) throws IOException {
    switch (step) {
      case MARK_DISABLING -> {
        m.tableStates().set(table(), TableStateProto.TABLE_DISABLING);
        return CLOSE;
      }
      case CLOSE -> {
        m.assigner().closeAll(TableChecks.toClose(m, table()), false);
        return MARK_DISABLED;
      }
      case MARK_DISABLED -> {
        m.tableStates().set(table(), TableStateProto.TABLE_DISABLED);
        return DONE;
      }
      default -> throw new IOException("unknown step " + step + " of " + this);
    }
  }
}
