package io.cellar.master.schema;

import io.cellar.client.meta.MetaTable;
import io.cellar.common.exceptions.TableNotFoundException;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.master.fs.StorageRoot;
import java.io.IOException;
import java.util.Optional;

/**
 * Table descriptors: {@code cellar:meta}'s is built in ({@link MetaTable#DESCRIPTOR}); every
 * other table's is its {@code .tabledesc} file under the storage root. Thread-safe.
 */
public final class TableDescriptors {
  private final StorageRoot root;

  public TableDescriptors(StorageRoot root) {
    this.root = root;
  }

  public Optional<TableDescriptor> find(TableName table) throws IOException {
    if (table.equals(MetaTable.NAME)) {
      return Optional.of(MetaTable.DESCRIPTOR);
    }
    return root.readDescriptor(table);
  }

  /** The descriptor; TableNotFoundException if the table has none. */
  public TableDescriptor get(TableName table) throws IOException {
    return find(table).orElseThrow(() -> new TableNotFoundException(table.getNameAsString()));
  }

  public void write(TableDescriptor td) throws IOException {
    root.writeDescriptor(td);
  }
}
