package io.cellar.master.procedure;

import io.cellar.common.exceptions.TableNotDisabledException;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.TableName;
import io.cellar.master.MasterServices;
import java.io.IOException;

/**
 * Enables a table: state ENABLING, every region opened across live servers, state ENABLED.
 * REQUIRES: the table is DISABLED, or DISABLING with no procedure running on it.
 */
public final class EnableTableProcedure extends Procedure {
  public static final String TYPE = "EnableTable";
  private static final int MARK_ENABLING = 1;
  private static final int ASSIGN = 2;
  private static final int MARK_ENABLED = 3;

  public EnableTableProcedure(ProcedureRecord record) {
    super(record);
  }

  public static EnableTableProcedure of(TableName table) {
    return new EnableTableProcedure(new ProcedureRecord(TYPE, table.getNameAsString()));
  }

  private TableName table() {
    return TableName.valueOf(record.table());
  }

  @Override
  protected void prepare(MasterServices m) throws IOException {
    TableChecks.checkUserTable(table());
    TableStateProto state = m.tableState(table());
    // DISABLING with no procedure left (one failed for good) may be enabled to get unstuck.
    if (state != TableStateProto.TABLE_DISABLED && state != TableStateProto.TABLE_DISABLING) {
      throw new TableNotDisabledException(table().getNameAsString());
    }
  }

  @Override
  protected int execute(int step, MasterServices m) throws IOException {
    switch (step) {
      case MARK_ENABLING -> {
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
}
