package io.cellar.tools.shell.commands;

import io.cellar.common.schema.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Namespace commands: create_namespace, list_namespace, describe_namespace,
 * list_namespace_tables, drop_namespace.
 */
final class NamespaceCommands {
  private NamespaceCommands() {}

  static void register(CommandRegistry r) {
    r.add(new CommandSpec("create_namespace", List.of(), "namespace",
        "create_namespace 'NAMESPACE'",
        "Creates a namespace; its tables are named 'NAMESPACE:table'.\n\n"
            + "Example:\n  create_namespace 'ns1'\n  create 'ns1:t1', 'cf'",
        false, (ctx, a) -> {
          a.expectCount(1, 1);
          String ns = namespace(a);
          ctx.admin().createNamespace(ns);
          ctx.out().println("Created namespace " + ns);
        }));
    r.add(new CommandSpec("list_namespace", List.of(), "namespace",
        "list_namespace\nlist_namespace 'REGEX'",
        "Lists the namespaces, or those matching the regular expression.\n\n"
            + "Examples:\n  list_namespace\n  list_namespace 'ns.*'",
        false, NamespaceCommands::list));
    r.add(new CommandSpec("describe_namespace", List.of(), "namespace",
        "describe_namespace 'NAMESPACE'",
        "Shows a namespace and how many tables it holds.\n\n"
            + "Example:\n  describe_namespace 'ns1'",
        false, (ctx, a) -> {
          a.expectCount(1, 1);
          String ns = existing(ctx, namespace(a));
          ctx.out().println("DESCRIPTION");
          ctx.out().println("{NAME => '" + ns + "'}");
          ctx.out().println("TABLES => " + tablesOf(ctx, ns).size());
        }));
    r.add(new CommandSpec("list_namespace_tables", List.of(), "namespace",
        "list_namespace_tables 'NAMESPACE'",
        "Lists the tables of a namespace.\n\nExample:\n  list_namespace_tables 'ns1'",
        false, NamespaceCommands::listTables));
    r.add(new CommandSpec("drop_namespace", List.of(), "namespace",
        "drop_namespace 'NAMESPACE'",
        "Deletes an empty namespace (drop its tables first).\n\n"
            + "Example:\n  drop_namespace 'ns1'",
        false, (ctx, a) -> {
          a.expectCount(1, 1);
          String ns = existing(ctx, namespace(a));
          List<TableName> tables = tablesOf(ctx, ns);
          if (!tables.isEmpty()) {
            throw new ShellError("Namespace " + ns + " still holds " + tables.size()
                + " table(s): drop them first (list_namespace_tables '" + ns + "')");
          }
          ctx.admin().deleteNamespace(ns);
        }));
  }

  private static String namespace(Arguments a) {
    String ns = a.text(0, "the namespace name");
    try {
      TableName.checkNamespaceName(ns);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return ns;
  }

  static String existing(ShellContext ctx, String ns) throws Exception {
    if (!ctx.admin().listNamespaces().contains(ns)) {
      throw new ShellError("Unknown namespace " + ns + ": check the name with "
          + "'list_namespace'");
    }
    return ns;
  }

  private static void list(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(0, 1);
    Pattern p = null;
    if (a.has(0)) {
      String regex = a.text(0, "the pattern");
      try {
        p = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new UsageException("bad regular expression '" + regex + "': "
            + e.getDescription());
      }
    }
    List<String> names = new ArrayList<>(ctx.admin().listNamespaces());
    names.sort(null);
    ctx.out().println("NAMESPACE");
    int n = 0;
    for (String ns : names) {
      if (p == null || p.matcher(ns).matches()) {
        ctx.out().println(ns);
        n++;
      }
    }
    ctx.out().println(n + " row(s)");
  }

  private static List<TableName> tablesOf(ShellContext ctx, String ns) throws Exception {
    List<TableName> tables = new ArrayList<>(ctx.admin().listTableNames(
        Pattern.compile(ns.equals(TableName.DEFAULT_NAMESPACE) ? "[^:]*"
            : Pattern.quote(ns) + ":.*")));
    tables.sort(null);
    return tables;
  }

  private static void listTables(ShellContext ctx, Arguments a) throws Exception {
    a.expectCount(1, 1);
    String ns = existing(ctx, namespace(a));
    List<TableName> tables = tablesOf(ctx, ns);
    ctx.out().println("TABLE");
    for (TableName t : tables) {
      ctx.out().println(t.getQualifier());
    }
    ctx.out().println(tables.size() + " row(s)");
  }
}
