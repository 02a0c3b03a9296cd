package io.cellar.tools.shell.commands;

import io.cellar.client.Result;
import io.cellar.client.ResultScanner;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.client.filter.FilterList;
import io.cellar.client.filter.FirstKeyOnlyFilter;
import io.cellar.client.filter.KeyOnlyFilter;
import io.cellar.common.Bytes;
import io.cellar.common.filter.Filter;
import io.cellar.common.schema.TableName;
import io.cellar.tools.shell.output.CellPrinter;
import java.util.ArrayList;
import java.util.List;

/** Range reads: scan and count. */
final class ScanCommands {
  private ScanCommands() {}

  static void register(CommandRegistry r) {
    r.add(new CommandSpec("scan", List.of(), "dml",
        "scan 'TABLE'\n"
            + "scan 'TABLE', {STARTROW => 'a', STOPROW => 'z', ROWPREFIXFILTER => 'p',\n"
            + "    COLUMNS => ['cf:a', 'cf2'], LIMIT => n, VERSIONS => n,\n"
            + "    TIMERANGE => [min, max], TIMESTAMP => ts, REVERSED => true,\n"
            + "    FILTER => \"...\", CACHE => rows, BATCH => cells, CACHE_BLOCKS => false}",
        "Reads rows in key order: STARTROW inclusive, STOPROW exclusive (with REVERSED the\n"
            + "scan walks down from STARTROW). ROWPREFIXFILTER reads the rows starting with a\n"
            + "prefix, LIMIT caps the rows, CACHE is rows per round trip, BATCH splits wide\n"
            + "rows. FILTER takes the filter language (help 'filters').\n\n"
            + "Examples:\n  scan 't1'\n  scan 't1', {LIMIT => 10}\n"
            + "  scan 't1', {STARTROW => 'r1', STOPROW => 'r5', COLUMNS => ['cf:a']}\n"
            + "  scan 't1', {ROWPREFIXFILTER => 'user1', VERSIONS => 3}\n"
            + "  scan 't1', {REVERSED => true, LIMIT => 3}\n"
            + "  scan 't1', {FILTER => \"PrefixFilter('r') AND ValueFilter(=, 'binary:v1')\"}",
        true, ScanCommands::scan));
    r.add(new CommandSpec("count", List.of(), "dml",
        "count 'TABLE'\ncount 'TABLE', {INTERVAL => n, CACHE => rows, FILTER => \"...\"}",
        "Counts the rows, printing the running count every INTERVAL rows (default 1000).\n"
            + "CACHE is rows per round trip (default 10); FILTER and the scan range options\n"
            + "(STARTROW, STOPROW, ROWPREFIXFILTER, COLUMNS) narrow what is counted.\n\n"
            + "Examples:\n  count 't1'\n  count 't1', INTERVAL => 100000, CACHE => 1000\n"
            + "  count 't1', {FILTER => \"PrefixFilter('user')\"}",
        true, ScanCommands::count));
  }

  private static void scan(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(1, 2);
    TableName t = a.table(0);
    Scan scan = new Scan();
    List<ColumnNames> columns = new ArrayList<>();
    if (a.has(1)) {
      Options o = a.dict(1, "the scan options");
      columns = range(scan, o);
      Long limit = o.takeLong("LIMIT");
      if (limit != null) {
        if (limit < 0 || limit > Integer.MAX_VALUE) {
          throw new UsageException("LIMIT must be 0 (none) or positive, got " + limit);
        }
        scan.setLimit(limit.intValue());
      }
      Integer versions = o.takeInt("VERSIONS");
      if (versions != null) {
        if (versions < 1) {
          throw new UsageException("VERSIONS must be at least 1, got " + versions);
        }
        scan.readVersions(versions);
      }
      Long ts = o.takeLong("TIMESTAMP");
      long[] tr = ReadOptions.timeRange(o);
      if (ts != null && tr != null) {
        throw new UsageException("give TIMESTAMP or TIMERANGE, not both");
      }
      if (ts != null) {
        scan.setTimestamp(ts);
      } else if (tr != null) {
        scan.setTimeRange(tr[0], tr[1]);
      }
      Boolean reversed = o.takeBoolean("REVERSED");
      if (reversed != null) {
        scan.setReversed(reversed);
      }
      Integer batch = o.takeInt("BATCH");
      if (batch != null) {
        if (batch < 1) {
          throw new UsageException("BATCH must be positive, got " + batch);
        }
        scan.setBatch(batch);
      }
      Boolean cacheBlocks = o.takeBoolean("CACHE_BLOCKS");
      if (cacheBlocks != null) {
        scan.setCacheBlocks(cacheBlocks);
      }
      caching(scan, o);
      Filter f = ReadOptions.filter(o);
      if (f != null) {
        scan.setFilter(f);
      }
      o.finish();
    }
    CellPrinter printer = new CellPrinter(ctx.out());
    long rows = 0;
    try (Table table = ctx.table(t)) {
      DataCommands.checkFamilies(ctx, t, columns);
      try (ResultScanner scanner = table.getScanner(scan)) {
        Result first = scanner.next(); // errors (unknown table) come before the header
        printer.scanHeader();
        byte[] lastRow = null;
        for (Result r = first; r != null; r = scanner.next()) {
          ctx.checkCancelled();
          printer.scanRow(r);
          if (lastRow == null || !Bytes.equals(lastRow, 0, lastRow.length, r.getRow(), 0,
              r.getRow().length)) {
            rows++;
            lastRow = r.getRow();
          }
          ctx.out().flush();
        }
      }
    }
    ctx.out().println(rows + " row(s)");
  }

  /** STARTROW, STOPROW, ROWPREFIXFILTER and COLUMNS; returns the columns named. */
  private static List<ColumnNames> range(Scan scan, Options o) {
    byte[] start = o.takeBytes("STARTROW");
    byte[] stop = o.takeBytes("STOPROW");
    byte[] prefix = o.takeBytes("ROWPREFIXFILTER");
    if (prefix != null && (start != null || stop != null)) {
      throw new UsageException("ROWPREFIXFILTER cannot be combined with STARTROW or STOPROW");
    }
    if (prefix != null) {
      scan.setRowPrefixFilter(prefix);
    }
    if (start != null) {
      scan.withStartRow(start);
    }
    if (stop != null) {
      scan.withStopRow(stop);
    }
    List<ColumnNames> columns = ReadOptions.columns(o);
    if (columns == null) {
      return new ArrayList<>();
    }
    for (ColumnNames c : columns) {
      if (c.isWholeFamily()) {
        scan.addFamily(c.family());
      } else {
        scan.addColumn(c.family(), c.qualifier());
      }
    }
    return columns;
  }

  private static void caching(Scan scan, Options o) {
    Integer cache = o.takeInt("CACHE");
    if (cache != null) {
      if (cache < 1) {
        throw new UsageException("CACHE must be positive, got " + cache);
      }
      scan.setCaching(cache);
    }
  }

  private static void count(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(1, 2);
    TableName t = a.table(0);
    Scan scan = new Scan().setCaching(10);
    long interval = 1000;
    Filter userFilter = null;
    List<ColumnNames> columns = new ArrayList<>();
    if (a.has(1)) {
      Options o = a.dict(1, "the count options");
      Long i = o.takeLong("INTERVAL");
      if (i != null) {
        if (i < 1) {
          throw new UsageException("INTERVAL must be positive, got " + i);
        }
        interval = i;
      }
      caching(scan, o);
      columns = range(scan, o);
      userFilter = ReadOptions.filter(o);
      o.finish();
    }
    // Without a filter of the user's, only each row's first cell, without its value, needs
    // to travel; with one, every cell must reach it (as HBase's count does).
    scan.setFilter(userFilter != null ? userFilter : new FilterList(
        FilterList.Operator.MUST_PASS_ALL, new FirstKeyOnlyFilter(), new KeyOnlyFilter()));
    long rows = 0;
    try (Table table = ctx.table(t)) {
      DataCommands.checkFamilies(ctx, t, columns);
      try (ResultScanner scanner = table.getScanner(scan)) {
        for (Result r = scanner.next(); r != null; r = scanner.next()) {
          ctx.checkCancelled();
          rows++;
          if (rows % interval == 0) {
            ctx.out().println("Current count: " + rows + ", row: "
                + Bytes.toStringBinary(r.getRow()));
            ctx.out().flush();
          }
        }
      }
    }
    ctx.out().println(rows + " row(s)");
  }
}
