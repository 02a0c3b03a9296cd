package io.cellar.tools.shell.output;

import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.Durability;
import io.cellar.common.schema.TableDescriptor;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints {@code describe}'s answer as the HBase shell: the table state, the table name with
 * the table attributes that differ from their defaults, then one line per family listing every
 * family setting.
 */
public final class DescriptorPrinter {
  private DescriptorPrinter() {}

  public static void print(PrintWriter out, TableDescriptor td, boolean enabled) {
    out.println("Table " + td.getTableName().getNameAsString() + " is "
        + (enabled ? "ENABLED" : "DISABLED"));
    List<String> attrs = new ArrayList<>();
    if (td.getMaxFileSize() != TableDescriptor.DEFAULT_MAX_FILESIZE) {
      attrs.add("MAX_FILESIZE => '" + td.getMaxFileSize() + "'");
    }
    if (td.getMemStoreFlushSize() != TableDescriptor.DEFAULT_MEMSTORE_FLUSHSIZE) {
      attrs.add("MEMSTORE_FLUSHSIZE => '" + td.getMemStoreFlushSize() + "'");
    }
    if (td.getDurability() != Durability.USE_DEFAULT) {
      attrs.add("DURABILITY => '" + td.getDurability() + "'");
    }
    if (td.isReadOnly()) {
      attrs.add("READONLY => 'true'");
    }
    out.println(td.getTableName().getNameAsString()
        + (attrs.isEmpty() ? "" : ", {TABLE_ATTRIBUTES => {" + String.join(", ", attrs) + "}}"));
    out.println("COLUMN FAMILIES DESCRIPTION");
    for (ColumnFamilyDescriptor f : td.getColumnFamilies()) {
      out.println(family(f));
    }
  }

  /** Every setting of a family, HBase-shell style. */
  public static String family(ColumnFamilyDescriptor f) {
    return f.toString();
  }
}
