package io.cellar.tools.shell.commands;

import io.cellar.client.Admin;
import io.cellar.common.Bytes;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.tools.shell.output.DescriptorPrinter;
import io.cellar.tools.shell.syntax.ShellString;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Table DDL: create, list, describe, alter, enable/disable (+ is_*), exists, drop, truncate,
 * truncate_preserve.
 */
final class TableCommands {
  private TableCommands() {}

  static void register(CommandRegistry r) {
    r.add(new CommandSpec("create", List.of(), "ddl",
        "create 'TABLE', 'FAMILY', ...\n"
            + "create 'TABLE', {NAME => 'FAMILY', VERSIONS => n, ...}, ...\n"
            + "create 'TABLE', 'FAMILY', {SPLITS => ['k1', 'k2', ...]}\n"
            + "create 'TABLE', 'FAMILY', {NUMREGIONS => n, SPLITALGO => 'HexStringSplit'}",
        "Creates a table. Families are names or dictionaries of settings: NAME, VERSIONS,\n"
            + "MIN_VERSIONS, TTL (seconds or 'FOREVER'), BLOOMFILTER (NONE, ROW, ROWCOL),\n"
            + "COMPRESSION (NONE, LZ4), BLOCKSIZE, IN_MEMORY, BLOCKCACHE, KEEP_DELETED_CELLS,\n"
            + "REPLICATION_SCOPE (0 or 1). A dictionary without NAME holds table options:\n"
            + "SPLITS (split keys), NUMREGIONS with SPLITALGO ('HexStringSplit' or\n"
            + "'UniformSplit'), MAX_FILESIZE, MEMSTORE_FLUSHSIZE, DURABILITY, READONLY.\n"
            + "A table in a namespace is named 'ns:table'.\n\n"
            + "Examples:\n  create 't1', 'cf'\n"
            + "  create 't1', {NAME => 'cf', VERSIONS => 5, TTL => 86400}, 'meta'\n"
            + "  create 't1', 'cf', SPLITS => ['g', 'n', 't']\n"
            + "  create 't1', 'cf', {NUMREGIONS => 4, SPLITALGO => 'HexStringSplit'}\n"
            + "  create 'ns1:t1', 'cf'",
        true, TableCommands::create));
    r.add(new CommandSpec("list", List.of(), "ddl", "list\nlist 'REGEX'",
        "Lists the user tables, or those whose name ('ns:table', or 'table' in the default\n"
            + "namespace) matches the regular expression.\n\n"
            + "Examples:\n  list\n  list 'abc.*'\n  list 'ns1:.*'",
        false, TableCommands::list));
    r.add(new CommandSpec("describe", List.of("desc"), "ddl", "describe 'TABLE'",
        "Shows the table's state, its table attributes and every setting of each family.\n\n"
            + "Examples:\n  describe 't1'\n  desc 'ns1:t1'",
        true, TableCommands::describe));
    r.add(new CommandSpec("alter", List.of(), "ddl",
        "alter 'TABLE', 'FAMILY'\n"
            + "alter 'TABLE', NAME => 'FAMILY', SETTING => value, ...\n"
            + "alter 'TABLE', NAME => 'FAMILY', METHOD => 'delete'\n"
            + "alter 'TABLE', 'delete' => 'FAMILY'\n"
            + "alter 'TABLE', MAX_FILESIZE => bytes, ...\n"
            + "alter 'TABLE', {NAME => 'f1', ...}, {NAME => 'f2', METHOD => 'delete'}",
        "Changes a table's schema: adds a family, changes a family's settings (those not\n"
            + "given keep their values), deletes a family, or sets table attributes\n"
            + "(MAX_FILESIZE, MEMSTORE_FLUSHSIZE, DURABILITY, READONLY; METHOD => 'table_att'\n"
            + "is accepted). Several changes may be given as several dictionaries.\n\n"
            + "Examples:\n  alter 't1', 'cf2'\n  alter 't1', NAME => 'cf', VERSIONS => 5\n"
            + "  alter 't1', NAME => 'cf2', METHOD => 'delete'\n"
            + "  alter 't1', 'delete' => 'cf2'\n  alter 't1', MAX_FILESIZE => '134217728'",
        true, TableCommands::alter));
    r.add(new CommandSpec("disable", List.of(), "ddl", "disable 'TABLE'",
        "Takes the table offline (its regions closed); needed before drop.\n\n"
            + "Example:\n  disable 't1'",
        true, (ctx, a) -> {
          a.expectCount(1, 1);
          TableName t = a.table(0);
          if (ctx.admin().tableExists(t) && ctx.admin().isTableDisabled(t)) {
            throw new ShellError("Table " + t + " is already disabled");
          }
          ctx.admin().disableTable(t);
        }));
    r.add(new CommandSpec("enable", List.of(), "ddl", "enable 'TABLE'",
        "Brings a disabled table online again.\n\nExample:\n  enable 't1'",
        true, (ctx, a) -> {
          a.expectCount(1, 1);
          TableName t = a.table(0);
          if (ctx.admin().tableExists(t) && ctx.admin().isTableEnabled(t)) {
            throw new ShellError("Table " + t + " is already enabled");
          }
          ctx.admin().enableTable(t);
        }));
    r.add(new CommandSpec("is_enabled", List.of(), "ddl", "is_enabled 'TABLE'",
        "Prints true if the table is enabled.\n\nExample:\n  is_enabled 't1'",
        true, (ctx, a) -> {
          a.expectCount(1, 1);
          ctx.out().println(ctx.admin().isTableEnabled(existing(ctx, a.table(0))));
        }));
    r.add(new CommandSpec("is_disabled", List.of(), "ddl", "is_disabled 'TABLE'",
        "Prints true if the table is disabled.\n\nExample:\n  is_disabled 't1'",
        true, (ctx, a) -> {
          a.expectCount(1, 1);
          ctx.out().println(ctx.admin().isTableDisabled(existing(ctx, a.table(0))));
        }));
    r.add(new CommandSpec("exists", List.of(), "ddl", "exists 'TABLE'",
        "Says whether the table exists.\n\nExample:\n  exists 't1'",
        true, (ctx, a) -> {
          a.expectCount(1, 1);
          TableName t = a.table(0);
          ctx.out().println("Table " + t + (ctx.admin().tableExists(t) ? " does exist"
              : " does not exist"));
        }));
    r.add(new CommandSpec("drop", List.of(), "ddl", "drop 'TABLE'",
        "Deletes a disabled table and all its data.\n\nExample:\n  disable 't1'\n  drop 't1'",
        true, (ctx, a) -> {
          a.expectCount(1, 1);
          TableName t = existing(ctx, a.table(0));
          if (ctx.admin().isTableEnabled(t)) {
            throw new ShellError("Table " + t + " is enabled: disable it first with disable '"
                + t + "'");
          }
          ctx.admin().deleteTable(t);
        }));
    r.add(new CommandSpec("truncate", List.of(), "ddl", "truncate 'TABLE'",
        "Deletes every row: disables the table, recreates it empty as one region, and enables\n"
            + "it again. The schema is kept.\n\nExample:\n  truncate 't1'",
        true, (ctx, a) -> truncate(ctx, a, false)));
    r.add(new CommandSpec("truncate_preserve", List.of(), "ddl", "truncate_preserve 'TABLE'",
        "Like truncate, but keeps the region boundaries (split points).\n\n"
            + "Example:\n  truncate_preserve 't1'",
        true, (ctx, a) -> truncate(ctx, a, true)));
  }

  /** The table, after checking it exists (so the error names it plainly). */
  static TableName existing(ShellContext ctx, TableName t) throws Exception {
    if (!ctx.admin().tableExists(t)) {
      throw new ShellError(unknownTable(t));
    }
    return t;
  }

  static String unknownTable(TableName t) {
    return "Unknown table " + t + ": check the name with 'list'"
        + (t.getNamespace().equals(TableName.DEFAULT_NAMESPACE) ? ""
            : " (and the namespace with 'list_namespace')");
  }

  private static void create(ShellContext ctx, Arguments a) throws Exception {
    if (a.size() < 2) {
      throw new UsageException(a.size() == 0 ? "missing the table name"
          : "a table needs at least one column family");
    }
    TableName t = a.table(0);
    TableDescriptor.Builder b = TableDescriptor.newBuilder(t);
    byte[][] splits = null;
    int families = 0;
    for (int i = 1; i < a.size(); i++) {
      if (a.isString(i)) {
        b.setColumnFamily(family(a.text(i, "a family name"), null));
        families++;
        continue;
      }
      Options o = a.dict(i, "argument " + (i + 1));
      String name = o.takeText("NAME");
      if (name != null) {
        b.setColumnFamily(family(name, o));
        families++;
      } else {
        byte[][] s = splits(o);
        if (s != null) {
          splits = s;
        }
        SchemaOptions.applyTable(b, o);
      }
      o.finish();
    }
    if (families == 0) {
      throw new UsageException("a table needs at least one column family, e.g. create '"
          + t + "', 'cf'");
    }
    TableDescriptor td;
    try {
      td = b.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (splits == null || splits.length == 0) {
      ctx.admin().createTable(td);
    } else {
      ctx.admin().createTable(td, splits);
    }
    ctx.out().println("Created table " + t);
  }

  private static ColumnFamilyDescriptor family(String name, Options o) {
    try {
      ColumnFamilyDescriptor.Builder fb = ColumnFamilyDescriptor.newBuilder(name);
      if (o != null) {
        SchemaOptions.applyFamily(fb, o);
      }
      return fb.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static byte[][] splits(Options o) {
    List<Object> keys = o.takeList("SPLITS");
    Integer numRegions = o.takeInt("NUMREGIONS");
    String algo = o.takeText("SPLITALGO");
    if (keys != null && numRegions != null) {
      throw new UsageException("give SPLITS or NUMREGIONS, not both");
    }
    if (keys != null) {
      List<byte[]> out = new ArrayList<>();
      for (Object k : keys) {
        if (!(k instanceof ShellString) && !(k instanceof Long)) {
          throw new UsageException("SPLITS must be a list of strings, not " + Values.show(k));
        }
        byte[] key = k instanceof ShellString ? ((ShellString) k).bytes()
            : Bytes.toBytes(String.valueOf(k));
        if (key.length == 0) {
          throw new UsageException("a split key cannot be empty");
        }
        out.add(key);
      }
      out.sort(Bytes::compare);
      for (int i = 1; i < out.size(); i++) {
        if (Bytes.compare(out.get(i - 1), out.get(i)) == 0) {
          throw new UsageException("split key '" + Bytes.toStringBinary(out.get(i))
              + "' is given twice");
        }
      }
      return out.toArray(new byte[0][]);
    }
    if (numRegions != null) {
      if (numRegions < 1) {
        throw new UsageException("NUMREGIONS must be at least 1, got " + numRegions);
      }
      return SplitKeys.of(algo, numRegions);
    }
    if (algo != null) {
      throw new UsageException("SPLITALGO needs NUMREGIONS");
    }
    return null;
  }

  private static void list(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(0, 1);
    List<TableName> names;
    if (a.has(0)) {
      String regex = a.text(0, "the pattern");
      try {
        names = ctx.admin().listTableNames(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new UsageException("bad regular expression '" + regex + "': "
            + e.getDescription());
      }
    } else {
      names = ctx.admin().listTableNames();
    }
    ctx.out().println("TABLE");
    List<TableName> sorted = new ArrayList<>(names);
    sorted.sort(null);
    for (TableName n : sorted) {
      ctx.out().println(n.getNameAsString());
    }
    ctx.out().println(sorted.size() + " row(s)");
  }

  private static void describe(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(1, 1);
    TableName t = existing(ctx, a.table(0));
    Admin admin = ctx.admin();
    DescriptorPrinter.print(ctx.out(), admin.getDescriptor(t), admin.isTableEnabled(t));
  }

  private static void alter(ShellContext ctx, Arguments a) throws Exception {
    if (a.size() < 2) {
      throw new UsageException("alter needs the table and at least one change");
    }
    TableName t = existing(ctx, a.table(0));
    Admin admin = ctx.admin();
    for (int i = 1; i < a.size(); i++) {
      TableDescriptor current = admin.getDescriptor(t);
      if (a.isString(i)) {
        String name = a.text(i, "a family name");
        ColumnFamilyDescriptor f = family(name, null);
        if (current.hasColumnFamily(f.getName())) {
          throw new ShellError("Family " + name + " already exists in " + t
              + ": change its settings with alter '" + t + "', NAME => '" + name
              + "', VERSIONS => ...");
        }
        admin.addColumnFamily(t, f);
        continue;
      }
      Options o = a.dict(i, "change " + i);
      alterOne(ctx, t, current, o);
      o.finish();
    }
    ctx.out().println("Updating all regions with the new schema...");
    ctx.out().println("Done.");
  }

  private static void alterOne(ShellContext ctx, TableName t, TableDescriptor current,
      Options o) throws Exception {
    Admin admin = ctx.admin();
    String deleteTarget = o.takeText("DELETE");
    String method = o.takeText("METHOD");
    String name = o.takeText("NAME");
    if (deleteTarget != null || "delete".equals(method)) {
      String family = deleteTarget != null ? deleteTarget : name;
      if (family == null) {
        throw new UsageException("METHOD => 'delete' needs NAME => 'family'");
      }
      if (!current.hasColumnFamily(Bytes.toBytes(family))) {
        throw new ShellError(unknownFamily(t, family));
      }
      if (current.getColumnFamilies().size() == 1) {
        throw new ShellError("cannot delete " + family + ", the only family of " + t
            + ": a table needs at least one (drop the table instead)");
      }
      admin.deleteColumnFamily(t, Bytes.toBytes(family));
      return;
    }
    if (method != null && !method.equals("table_att")) {
      throw new UsageException("unknown METHOD '" + method + "': use 'delete' or 'table_att'");
    }
    if (name != null) {
      ColumnFamilyDescriptor existing = current.getColumnFamily(Bytes.toBytes(name));
      ColumnFamilyDescriptor.Builder fb;
      try {
        fb = existing != null ? ColumnFamilyDescriptor.newBuilder(existing)
            : ColumnFamilyDescriptor.newBuilder(name);
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      ColumnFamilyDescriptor f;
      try {
        f = SchemaOptions.applyFamily(fb, o).build();
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      if (existing != null) {
        admin.modifyColumnFamily(t, f);
      } else {
        admin.addColumnFamily(t, f);
      }
    }
    if (SchemaOptions.hasTableAttributes(o)) {
      TableDescriptor.Builder b = TableDescriptor.newBuilder(admin.getDescriptor(t));
      SchemaOptions.applyTable(b, o);
      admin.modifyTable(b.build());
    } else if (name == null && method == null && o.isEmpty()) {
      throw new UsageException("nothing to change: give NAME => 'family' or a table "
          + "attribute such as MAX_FILESIZE");
    }
  }

  static String unknownFamily(TableName t, String family) {
    return "Unknown column family '" + family + "' in table " + t + ": see the families with "
        + "describe '" + t + "'";
  }

  private static void truncate(ShellContext ctx, Arguments a, boolean preserve)
      throws Exception {
    a.expectCount(1, 1);
    TableName t = existing(ctx, a.table(0));
    Admin admin = ctx.admin();
    ctx.out().println("Truncating '" + t + "' table (it may take a while):");
    if (admin.isTableEnabled(t)) {
      ctx.out().println("Disabling table...");
      admin.disableTable(t);
    }
    ctx.out().println("Truncating table" + (preserve ? " (keeping the region boundaries)..."
        : "..."));
    admin.truncateTable(t, preserve);
  }
}
