package io.cellar.tools.shell.commands;

import io.cellar.client.Append;
import io.cellar.client.Delete;
import io.cellar.client.Get;
import io.cellar.client.Increment;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.Table;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.filter.Filter;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.tools.shell.output.CellPrinter;
import java.util.ArrayList;
import java.util.List;

/** Row commands: put, get, delete, deleteall, incr, get_counter, append. */
final class DataCommands {
  private DataCommands() {}

  static void register(CommandRegistry r) {
    r.add(new CommandSpec("put", List.of(), "dml",
        "put 'TABLE', 'ROW', 'FAMILY:QUALIFIER', 'VALUE'\n"
            + "put 'TABLE', 'ROW', 'FAMILY:QUALIFIER', 'VALUE', TIMESTAMP",
        "Writes one cell, at the given timestamp (milliseconds) or the server's clock.\n"
            + "Use double quotes for binary data: \"\\x00\\x01\".\n\n"
            + "Examples:\n  put 't1', 'r1', 'cf:a', 'value'\n"
            + "  put 't1', 'r1', 'cf:a', 'old', 1700000000000\n"
            + "  put 't1', \"r\\x00\", 'cf:b', \"\\xFF\"",
        true, DataCommands::put));
    r.add(new CommandSpec("get", List.of(), "dml",
        "get 'TABLE', 'ROW'\n"
            + "get 'TABLE', 'ROW', 'FAMILY:QUALIFIER', ...\n"
            + "get 'TABLE', 'ROW', {COLUMN => 'cf:a' | COLUMNS => ['cf:a', 'cf2'],\n"
            + "    TIMESTAMP => ts, TIMERANGE => [min, max], VERSIONS => n, FILTER => \"...\"}",
        "Reads one row: all its columns, or the columns (or whole families) named. VERSIONS\n"
            + "reads more than the newest version; TIMESTAMP reads the version at exactly\n"
            + "that time, TIMERANGE those with min <= timestamp < max; FILTER takes the\n"
            + "filter language (help 'filters').\n\n"
            + "Examples:\n  get 't1', 'r1'\n  get 't1', 'r1', 'cf:a'\n"
            + "  get 't1', 'r1', {COLUMN => 'cf:a', VERSIONS => 3}\n"
            + "  get 't1', 'r1', {TIMERANGE => [1700000000000, 1800000000000]}\n"
            + "  get 't1', 'r1', {FILTER => \"ValueFilter(=, 'binary:v1')\"}",
        true, DataCommands::get));
    r.add(new CommandSpec("delete", List.of(), "dml",
        "delete 'TABLE', 'ROW', 'FAMILY:QUALIFIER'\n"
            + "delete 'TABLE', 'ROW', 'FAMILY:QUALIFIER', TIMESTAMP",
        "Deletes the versions of one column up to the timestamp (all of them by default).\n\n"
            + "Examples:\n  delete 't1', 'r1', 'cf:a'\n"
            + "  delete 't1', 'r1', 'cf:a', 1700000000000",
        true, DataCommands::delete));
    r.add(new CommandSpec("deleteall", List.of(), "dml",
        "deleteall 'TABLE', 'ROW'\n"
            + "deleteall 'TABLE', 'ROW', 'FAMILY' | 'FAMILY:QUALIFIER'\n"
            + "deleteall 'TABLE', 'ROW', 'FAMILY:QUALIFIER', TIMESTAMP",
        "Deletes a whole row, or one family or column of it, up to the timestamp.\n\n"
            + "Examples:\n  deleteall 't1', 'r1'\n  deleteall 't1', 'r1', 'cf'\n"
            + "  deleteall 't1', 'r1', 'cf:a', 1700000000000",
        true, DataCommands::deleteAll));
    r.add(new CommandSpec("incr", List.of(), "dml",
        "incr 'TABLE', 'ROW', 'FAMILY:QUALIFIER'\n"
            + "incr 'TABLE', 'ROW', 'FAMILY:QUALIFIER', AMOUNT",
        "Adds AMOUNT (default 1, may be negative) to a 64-bit counter cell and prints the new\n"
            + "value. A missing counter starts at 0.\n\n"
            + "Examples:\n  incr 't1', 'r1', 'cf:hits'\n  incr 't1', 'r1', 'cf:hits', 10",
        true, DataCommands::incr));
    r.add(new CommandSpec("get_counter", List.of(), "dml",
        "get_counter 'TABLE', 'ROW', 'FAMILY:QUALIFIER'",
        "Prints the value of a counter written by incr.\n\n"
            + "Example:\n  get_counter 't1', 'r1', 'cf:hits'",
        true, DataCommands::getCounter));
    r.add(new CommandSpec("append", List.of(), "dml",
        "append 'TABLE', 'ROW', 'FAMILY:QUALIFIER', 'VALUE'",
        "Appends bytes to the cell's newest value (creating it if missing) and prints the new\n"
            + "value.\n\nExample:\n  append 't1', 'r1', 'cf:log', ';more'",
        true, DataCommands::append));
  }

  private static void put(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(4, 5);
    TableName t = a.table(0);
    byte[] row = row(a);
    ColumnNames c = ColumnNames.parseColumn(a.bytes(2, "the column"));
    byte[] value = a.bytes(3, "the value");
    Put p = a.has(4) ? new Put(row, timestamp(a, 4)) : new Put(row);
    p.addColumn(c.family(), c.qualifier(), value);
    try (Table table = ctx.table(t)) {
      table.put(p);
    }
  }

  private static void get(ShellContext ctx, Arguments a) throws Exception {
    if (a.size() < 2) {
      throw new UsageException("get needs the table and the row");
    }
    TableName t = a.table(0);
    Get g = new Get(row(a));
    List<ColumnNames> columns = new ArrayList<>();
    for (int i = 2; i < a.size(); i++) {
      if (a.isDict(i)) {
        if (i != a.size() - 1) {
          throw new UsageException("the options dictionary must come last");
        }
        Options o = a.dict(i, "the options");
        List<ColumnNames> named = ReadOptions.columns(o);
        if (named != null) {
          columns.addAll(named);
        }
        Long ts = o.takeLong("TIMESTAMP");
        long[] range = ReadOptions.timeRange(o);
        if (ts != null && range != null) {
          throw new UsageException("give TIMESTAMP or TIMERANGE, not both");
        }
        if (ts != null) {
          g.setTimestamp(ts);
        } else if (range != null) {
          g.setTimeRange(range[0], range[1]);
        }
        Integer versions = o.takeInt("VERSIONS");
        if (versions != null) {
          if (versions < 1) {
            throw new UsageException("VERSIONS must be at least 1, got " + versions);
          }
          g.readVersions(versions);
        }
        Filter f = ReadOptions.filter(o);
        if (f != null) {
          g.setFilter(f);
        }
        o.finish();
      } else if (a.get(i) instanceof List) {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) a.get(i);
        columns.addAll(ReadOptions.columnList(list));
      } else {
        columns.add(ColumnNames.parse(a.bytes(i, "the column")));
      }
    }
    for (ColumnNames c : columns) {
      if (c.isWholeFamily()) {
        g.addFamily(c.family());
      } else {
        g.addColumn(c.family(), c.qualifier());
      }
    }
    Result r;
    try (Table table = ctx.table(t)) {
      checkFamilies(ctx, t, columns);
      r = table.get(g);
    }
    CellPrinter printer = new CellPrinter(ctx.out());
    printer.getHeader();
    printer.getRow(r);
    ctx.out().println((r.isEmpty() ? 0 : 1) + " row(s)");
  }

  /** Unknown families named by a read are an error, as HBase reports them. */
  static void checkFamilies(ShellContext ctx, TableName t, List<ColumnNames> columns)
      throws Exception {
    if (columns.isEmpty()) {
      return;
    }
    TableDescriptor td = ctx.admin().getDescriptor(TableCommands.existing(ctx, t));
    for (ColumnNames c : columns) {
      if (!td.hasColumnFamily(c.family())) {
        throw new ShellError(TableCommands.unknownFamily(t, Bytes.toStringBinary(c.family())));
      }
    }
  }

  private static void delete(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(3, 4);
    TableName t = a.table(0);
    Delete d = a.has(3) ? new Delete(row(a), timestamp(a, 3)) : new Delete(row(a));
    ColumnNames c = ColumnNames.parseColumn(a.bytes(2, "the column"));
    d.addColumns(c.family(), c.qualifier());
    mutateChecked(ctx, t, d, c);
  }

  private static void deleteAll(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(2, 4);
    TableName t = a.table(0);
    Delete d = a.has(3) ? new Delete(row(a), timestamp(a, 3)) : new Delete(row(a));
    ColumnNames c = null;
    if (a.has(2)) {
      c = ColumnNames.parse(a.bytes(2, "the column"));
      if (c.isWholeFamily()) {
        d.addFamily(c.family());
      } else {
        d.addColumns(c.family(), c.qualifier());
      }
    }
    mutateChecked(ctx, t, d, c);
  }

  private static void mutateChecked(ShellContext ctx, TableName t, Delete d, ColumnNames c)
      throws Exception {
    try (Table table = ctx.table(t)) {
      if (c != null) {
        checkFamilies(ctx, t, List.of(c));
      }
      table.delete(d);
    }
  }

  private static void incr(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(3, 4);
    TableName t = a.table(0);
    ColumnNames c = ColumnNames.parseColumn(a.bytes(2, "the column"));
    long amount = a.has(3) ? a.number(3, "the amount") : 1;
    Increment inc = new Increment(row(a)).addColumn(c.family(), c.qualifier(), amount);
    try (Table table = ctx.table(t)) {
      Result r = table.increment(inc);
      byte[] v = r.getValue(c.family(), c.qualifier());
      ctx.out().println("COUNTER VALUE = " + (v == null ? "?" : Bytes.toLong(v)));
    }
  }

  private static void getCounter(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(3, 3);
    TableName t = a.table(0);
    ColumnNames c = ColumnNames.parseColumn(a.bytes(2, "the column"));
    Get g = new Get(row(a)).addColumn(c.family(), c.qualifier());
    try (Table table = ctx.table(t)) {
      checkFamilies(ctx, t, List.of(c));
      Cell cell = table.get(g).getColumnLatestCell(c.family(), c.qualifier());
      if (cell == null) {
        ctx.out().println("No counter found at specified coordinates");
        return;
      }
      if (cell.getValueLength() != Long.BYTES) {
        throw new ShellError("the cell holds " + cell.getValueLength()
            + " bytes, not an 8-byte counter: write counters with incr");
      }
      ctx.out().println("COUNTER VALUE = " + Bytes.getLong(cell.getValueArray(),
          cell.getValueOffset()));
    }
  }

  private static void append(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(4, 4);
    TableName t = a.table(0);
    ColumnNames c = ColumnNames.parseColumn(a.bytes(2, "the column"));
    Append ap = new Append(row(a)).addColumn(c.family(), c.qualifier(), a.bytes(3, "the value"));
    try (Table table = ctx.table(t)) {
      Result r = table.append(ap);
      byte[] v = r.getValue(c.family(), c.qualifier());
      ctx.out().println("CURRENT VALUE = " + (v == null ? "" : Bytes.toStringBinary(v)));
    }
  }

  private static byte[] row(Arguments a) {
    byte[] row = a.bytes(1, "the row key");
    if (row.length == 0) {
      throw new UsageException("the row key cannot be empty");
    }
    if (row.length > Short.MAX_VALUE) {
      throw new UsageException("the row key is " + row.length + " bytes; at most "
          + Short.MAX_VALUE + " are allowed");
    }
    return row;
  }

  private static long timestamp(Arguments a, int i) {
    long ts = a.number(i, "the timestamp");
    if (ts < 0) {
      throw new UsageException("the timestamp cannot be negative: " + ts);
    }
    return ts;
  }
}
