package io.cellar.tools.shell.commands;

import io.cellar.client.ClusterMetrics;
import io.cellar.client.ServerMetrics;
import io.cellar.common.schema.ServerName;
import io.cellar.tools.CellarVersion;
import io.cellar.tools.shell.filter.FilterStringParser;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** General commands: status, version, whoami, help, exit. */
final class GeneralCommands {
  private GeneralCommands() {}

  static void register(CommandRegistry r) {
    r.add(new CommandSpec("status", List.of(), "general",
        "status\nstatus 'summary'\nstatus 'simple'\nstatus 'detailed'",
        "Shows the cluster: masters, live and dead region servers, regions and load.\n"
            + "'summary' (the default) is one line; 'simple' adds one line per server;\n"
            + "'detailed' adds each server's regions.\n\n"
            + "Examples:\n  status\n  status 'simple'\n  status 'detailed'",
        false, GeneralCommands::status));
    r.add(new CommandSpec("version", List.of(), "general", "version",
        "Shows the Cellar version.\n\nExample:\n  version", false,
        (ctx, a) -> {
          a.expectCount(0, 0);
          ctx.out().println(new CellarVersion().getVersion()[0]);
        }));
    r.add(new CommandSpec("whoami", List.of(), "general", "whoami",
        "Shows the user the shell acts as.\n\nExample:\n  whoami", false,
        (ctx, a) -> {
          a.expectCount(0, 0);
          ctx.out().println(System.getProperty("user.name", "unknown") + " (auth:SIMPLE)");
        }));
    r.add(new CommandSpec("help", List.of(), "general",
        "help\nhelp 'COMMAND'\nhelp 'GROUP'\nhelp 'filters'",
        "Lists the commands, or shows one command's usage and examples, or one group's\n"
            + "commands (general, ddl, namespace, dml, admin); 'filters' lists the filter\n"
            + "language.\n\nExamples:\n  help\n  help 'scan'\n  help 'ddl'\n  help 'filters'",
        false, GeneralCommands::help));
    r.add(new CommandSpec("show_filters", List.of(), "general", "show_filters",
        "Lists the filters of the filter language with their arguments (as help 'filters').\n\n"
            + "Example:\n  show_filters",
        false, (ctx, a) -> {
          a.expectCount(0, 0);
          for (String s : FilterStringParser.signatures()) {
            ctx.out().println(s);
          }
        }));
    r.add(new CommandSpec("exit", List.of("quit"), "general", "exit",
        "Leaves the shell (Ctrl-D does too).\n\nExample:\n  exit", false,
        (ctx, a) -> {
          a.expectCount(0, 0);
          ctx.requestExit();
        }));
  }

  private static void status(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(0, 1);
    String format = a.has(0) ? a.text(0, "the format").toLowerCase(Locale.ROOT) : "summary";
    if (!List.of("summary", "simple", "detailed").contains(format)) {
      throw new UsageException("unknown status format '" + format
          + "': use 'summary', 'simple' or 'detailed'");
    }
    ClusterMetrics m = ctx.admin().getClusterMetrics();
    PrintWriter out = ctx.out();
    if (format.equals("summary")) {
      out.printf(Locale.ROOT, "%d active master, %d backup masters, %d servers, %d dead, "
          + "%.4f average load%n", m.getMasterName() == null ? 0 : 1,
          m.getBackupMasterNames().size(), m.getLiveServerMetrics().size(),
          m.getDeadServerNames().size(), m.getAverageLoad());
      return;
    }
    out.println("active master:  " + (m.getMasterName() == null ? "none" : m.getMasterName()));
    out.println(m.getBackupMasterNames().size() + " backup masters");
    for (ServerName b : m.getBackupMasterNames()) {
      out.println("    " + b);
    }
    out.println(m.getLiveServerMetrics().size() + " live servers");
    long requests = 0;
    for (ServerMetrics s : m.getLiveServerMetrics().values()) {
      requests += s.getRequestCount();
      out.printf(Locale.ROOT, "    %s%n        requests=%d, numberOfOnlineRegions=%d, "
          + "usedHeapMB=%d, maxHeapMB=%d%n", s.getServerName(), s.getRequestCount(),
          s.getRegionCount(), s.getUsedHeapBytes() >> 20, s.getMaxHeapBytes() >> 20);
      if (format.equals("detailed")) {
        for (ServerMetrics.RegionMetrics rm : s.getRegionMetrics()) {
          out.printf(Locale.ROOT, "        \"%s\"%n            storefiles=%d, "
              + "storefileSizeBytes=%d, memstoreSizeBytes=%d, readRequests=%d, "
              + "writeRequests=%d%n", ColumnNames.regionName(rm.region()), rm.storeFiles(),
              rm.storeFileBytes(), rm.memStoreBytes(), rm.readRequests(), rm.writeRequests());
        }
      }
    }
    out.println(m.getDeadServerNames().size() + " dead servers");
    for (ServerName d : m.getDeadServerNames()) {
      out.println("    " + d);
    }
    out.println("Aggregate load: " + requests + ", regions: " + m.getRegionCount()
        + ", regions in transition: " + m.getRegionsInTransition());
  }

  private static void help(ShellContext ctx, Arguments a) {
    a.expectCount(0, 1);
    PrintWriter out = ctx.out();
    CommandRegistry reg = ctx.registry();
    if (!a.has(0)) {
      out.println("Cellar shell " + CellarVersion.VERSION + ": HBase shell commands and syntax.");
      out.println("Type 'help \"COMMAND\"' (e.g. 'help \"get\"') for help on one command, "
          + "'help \"GROUP\"' for a group.");
      out.println("Strings are quoted: 'single' keeps backslashes, \"double\" decodes "
          + "\\x00-style escapes.");
      out.println();
      out.println("COMMAND GROUPS:");
      for (String g : CommandRegistry.GROUP_ORDER) {
        out.println("  Group name: " + g + " (" + CommandRegistry.GROUPS.get(g) + ")");
        StringBuilder names = new StringBuilder();
        for (CommandSpec c : reg.group(g)) {
          names.append(names.length() == 0 ? "" : ", ").append(c.name());
        }
        out.println("  Commands: " + names);
        out.println();
      }
      out.println("FILTER LANGUAGE: type 'help \"filters\"'.");
      return;
    }
    String topic = a.text(0, "the command or group name");
    if (topic.equals("filters")) {
      out.println("FILTER => \"...\" takes HBase's filter language: filters combined with AND, "
          + "OR, SKIP, WHILE and parentheses.");
      out.println("Comparators: 'binary:v', 'binaryprefix:v', 'regexstring:re', "
          + "'substring:s'. Operators: <, <=, =, !=, >=, >.");
      out.println("Filters:");
      for (String s : FilterStringParser.signatures()) {
        out.println("  " + s);
      }
      out.println("Example:");
      out.println("  scan 't1', {FILTER => \"PrefixFilter('row') AND ValueFilter(=, "
          + "'binary:v1')\"}");
      return;
    }
    if (topic.equals("tools")) {
      topic = "admin"; // HBase's name for this group
    }
    if (CommandRegistry.GROUPS.containsKey(topic)) {
      out.println("Command group: " + topic + " (" + CommandRegistry.GROUPS.get(topic) + ")");
      for (CommandSpec c : reg.group(topic)) {
        out.println();
        out.println("Command: " + c.name());
        out.print(c.fullHelp());
      }
      return;
    }
    CommandSpec c = reg.find(topic);
    if (c == null) {
      List<String> near = reg.suggest(topic);
      throw new ShellError("no command or group named '" + topic + "'"
          + (near.isEmpty() ? "." : "; did you mean " + String.join(", ", near) + "?")
          + " Type 'help' for the list of commands.");
    }
    out.println("Command: " + c.name() + (c.aliases().isEmpty() ? ""
        : " (also " + String.join(", ", c.aliases()) + ")"));
    out.print(c.fullHelp());
  }
}
