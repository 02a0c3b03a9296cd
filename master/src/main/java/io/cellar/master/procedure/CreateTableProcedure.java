package io.cellar.master.procedure;

import io.cellar.common.exceptions.TableExistsException;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.master.MasterServices;
import io.cellar.master.schema.SplitKeys;
import java.io.IOException;
import java.util.List;

/**
 * Creates a table: state ENABLING, {@code .tabledesc}, meta rows, regions opened across live
 * servers, state ENABLED. The regions (split keys and region id) are fixed at submission so a
 * resumed run creates exactly the same ones.
 */
public final class CreateTableProcedure extends Procedure {
  public static final String TYPE = "CreateTable";
  private static final int CLAIM = 1;
  private static final int WRITE_DESCRIPTOR = 2;
  private static final int ADD_TO_META = 3;
  private static final int ASSIGN = 4;
  private static final int MARK_ENABLED = 5;

  public CreateTableProcedure(ProcedureRecord record) {
    super(record);
  }

  public static CreateTableProcedure of(TableDescriptor td, List<byte[]> splitKeys, long regionId)
      throws IOException {
    ProcedureRecord r = new ProcedureRecord(TYPE, td.getTableName().getNameAsString());
    r.putDescriptor("descriptor", td);
    r.putBytesList("splits", SplitKeys.validate(splitKeys));
    r.put("regionId", Long.toString(regionId));
    return new CreateTableProcedure(r);
  }

  private TableName table() {
    return TableName.valueOf(record.table());
  }

  private List<RegionInfo> regions() {
    return SplitKeys.regions(table(), record.getBytesList("splits"),
        Long.parseLong(record.get("regionId")));
  }

  @Override
  protected void prepare(MasterServices m) throws IOException {
    TableName t = table();
    TableChecks.checkUserTable(t);
    m.namespaces().checkExists(t.getNamespace());
    if (m.tableStates().get(t).isPresent()) {
      throw new TableExistsException(t.getNameAsString());
    }
  }

  @Override
  protected int execute(int step, MasterServices m) throws IOException {
    switch (step) {
      case CLAIM -> {
        m.tableStates().create(table(), TableStateProto.TABLE_ENABLING);
        return WRITE_DESCRIPTOR;
      }
      case WRITE_DESCRIPTOR -> {
        m.descriptors().write(record.getDescriptor("descriptor"));
        return ADD_TO_META;
      }
      case ADD_TO_META -> {
        TableChecks.addOffline(m, regions());
        return ASSIGN;
      }
      case ASSIGN -> {
        m.assigner().assignAll(TableChecks.toOpen(m, table()),
            record.getDescriptor("descriptor"));
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
