package io.cellar.tools.shell.commands;

import io.cellar.client.RegionLocator;
import io.cellar.client.ServerMetrics;
import io.cellar.client.meta.RegionLocation;
import io.cellar.common.Bytes;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import io.cellar.tools.shell.output.TablePrinter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cluster administration: flush, compact, major_compact, split, list_regions, get_splits,
 * locate_region, move, balancer.
 */
final class AdminCommands {
  private AdminCommands() {}

  static void register(CommandRegistry r) {
    r.add(new CommandSpec("flush", List.of(), "admin", "flush 'TABLE'",
        "Writes the table's in-memory edits (every region's memstore) to store files.\n\n"
            + "Example:\n  flush 't1'",
        true, (ctx, a) -> {
          a.expectCount(1, 1);
          ctx.admin().flush(TableCommands.existing(ctx, a.table(0)));
        }));
    r.add(new CommandSpec("compact", List.of(), "admin", "compact 'TABLE'",
        "Asks every region of the table for a minor compaction (merging some store files).\n\n"
            + "Example:\n  compact 't1'",
        true, (ctx, a) -> {
          a.expectCount(1, 1);
          ctx.admin().compact(TableCommands.existing(ctx, a.table(0)));
        }));
    r.add(new CommandSpec("major_compact", List.of(), "admin", "major_compact 'TABLE'",
        "Rewrites each store of the table into one file, dropping deleted and expired cells.\n\n"
            + "Example:\n  major_compact 't1'",
        true, (ctx, a) -> {
          a.expectCount(1, 1);
          ctx.admin().majorCompact(TableCommands.existing(ctx, a.table(0)));
        }));
    r.add(new CommandSpec("split", List.of(), "admin",
        "split 'TABLE'\nsplit 'TABLE', 'SPLIT_POINT'",
        "Splits every region of the table at its middle key, or the region holding\n"
            + "SPLIT_POINT at that key.\n\nExamples:\n  split 't1'\n  split 't1', 'm'",
        true, (ctx, a) -> {
          a.expectCount(1, 2);
          TableName t = TableCommands.existing(ctx, a.table(0));
          if (a.has(1)) {
            byte[] point = a.bytes(1, "the split point");
            if (point.length == 0) {
              throw new UsageException("the split point cannot be empty");
            }
            ctx.admin().split(t, point);
          } else {
            ctx.admin().split(t);
          }
        }));
    r.add(new CommandSpec("list_regions", List.of(), "admin", "list_regions 'TABLE'",
        "Lists the table's regions: server, region name, key range, store file size (MB)\n"
            + "and requests served.\n\nExample:\n  list_regions 't1'",
        true, AdminCommands::listRegions));
    r.add(new CommandSpec("get_splits", List.of(), "admin", "get_splits 'TABLE'",
        "Lists the table's split points (the start keys of all regions but the first).\n\n"
            + "Example:\n  get_splits 't1'",
        true, (ctx, a) -> {
          a.expectCount(1, 1);
          TableName t = TableCommands.existing(ctx, a.table(0));
          byte[][] starts;
          try (RegionLocator locator = ctx.connection().getRegionLocator(t)) {
            starts = locator.getStartKeys();
          }
          ctx.out().println("Total number of splits = " + Math.max(0, starts.length - 1));
          for (int i = 1; i < starts.length; i++) {
            ctx.out().println(Bytes.toStringBinary(starts[i]));
          }
        }));
    r.add(new CommandSpec("locate_region", List.of(), "admin", "locate_region 'TABLE', 'ROW'",
        "Shows the region holding a row and the server it is on.\n\n"
            + "Example:\n  locate_region 't1', 'r1'",
        true, (ctx, a) -> {
          a.expectCount(2, 2);
          TableName t = TableCommands.existing(ctx, a.table(0));
          RegionLocation loc;
          try (RegionLocator locator = ctx.connection().getRegionLocator(t)) {
            loc = locator.getRegionLocation(a.bytes(1, "the row"), true);
          }
          TablePrinter p = new TablePrinter("SERVER_NAME", "REGION_NAME", "START_KEY",
              "END_KEY");
          p.add(loc.server() == null ? "(not assigned)" : loc.server().toString(),
              ColumnNames.regionName(loc.region()),
              Bytes.toStringBinary(loc.region().getStartKey()),
              Bytes.toStringBinary(loc.region().getEndKey()));
          p.print(ctx.out());
          ctx.out().println("1 row(s)");
        }));
    r.add(new CommandSpec("move", List.of(), "admin",
        "move 'ENCODED_REGIONNAME'\nmove 'ENCODED_REGIONNAME', 'SERVER_NAME'",
        "Moves a region (named by its encoded name, the hex part list_regions shows after\n"
            + "the region id) to the server 'host,port,startcode', or to another server chosen\n"
            + "by the master.\n\n"
            + "Examples:\n  move '0c2e8d0a9c1b4f7e8a6d5c4b3a291807'\n"
            + "  move '0c2e8d0a9c1b4f7e8a6d5c4b3a291807', '127.0.0.1,16020,1700000000000'",
        false, AdminCommands::move));
    r.add(new CommandSpec("balancer", List.of(), "admin", "balancer",
        "Runs the balancer now: moves regions so each server holds about as many; prints\n"
            + "how many moved.\n\nExample:\n  balancer",
        false, (ctx, a) -> {
          a.expectCount(0, 0);
          int moved = ctx.admin().balance();
          ctx.out().println("true");
          ctx.out().println(moved + " region(s) moved");
        }));
  }

  private static void move(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(1, 2);
    String encoded = a.text(0, "the encoded region name");
    ServerName destination = null;
    if (a.has(1)) {
      String server = a.text(1, "the server name");
      try {
        destination = ServerName.parse(server);
      } catch (RuntimeException e) {
        throw new UsageException("bad server name '" + server
            + "': write 'host,port,startcode' as status 'simple' shows it");
      }
    }
    RegionInfo region = null;
    for (TableName t : ctx.admin().listTableNames()) {
      for (RegionInfo r : ctx.admin().getRegions(t)) {
        if (r.getEncodedName().equals(encoded) || ColumnNames.regionName(r).equals(encoded)) {
          region = r;
        }
      }
    }
    if (region == null) {
      throw new ShellError("Unknown region " + encoded + ": give the encoded name that "
          + "list_regions shows (the hex part after the region id)");
    }
    ctx.admin().move(region.getRegionName(), destination);
  }

  private static void listRegions(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(1, 1);
    TableName t = TableCommands.existing(ctx, a.table(0));
    List<RegionLocation> regions;
    try (RegionLocator locator = ctx.connection().getRegionLocator(t)) {
      regions = locator.getAllRegionLocations();
    }
    Map<RegionInfo, ServerMetrics.RegionMetrics> loads = new HashMap<>();
    for (ServerMetrics s : ctx.admin().getClusterMetrics().getLiveServerMetrics().values()) {
      for (ServerMetrics.RegionMetrics rm : s.getRegionMetrics()) {
        loads.put(rm.region(), rm);
      }
    }
    TablePrinter p = new TablePrinter("SERVER_NAME", "REGION_NAME", "START_KEY", "END_KEY",
        "SIZE", "REQ");
    for (RegionLocation loc : regions) {
      RegionInfo r = loc.region();
      ServerMetrics.RegionMetrics load = loads.get(r);
      p.add(loc.server() == null ? "(not assigned)" : loc.server().toString(),
          ColumnNames.regionName(r), Bytes.toStringBinary(r.getStartKey()),
          Bytes.toStringBinary(r.getEndKey()),
          load == null ? "0" : String.valueOf(load.storeFileBytes() >> 20),
          load == null ? "0" : String.valueOf(load.readRequests() + load.writeRequests()));
    }
    p.print(ctx.out());
    ctx.out().println(regions.size() + " row(s)");
  }
}
