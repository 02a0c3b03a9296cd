package io.cellar.tools.shell.commands;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every shell command by name and alias, in groups for {@code help}. {@link #standard()} holds
 * all of Cellar's commands.
 */
public final class CommandRegistry {
  /** The groups in the order {@code help} lists them, with their titles. */
  public static final Map<String, String> GROUPS = Map.of(
      "general", "General", "ddl", "Tables (DDL)", "namespace", "Namespaces",
      "dml", "Data (DML)", "admin", "Cluster administration");
  public static final List<String> GROUP_ORDER =
      List.of("general", "ddl", "namespace", "dml", "admin");

  private final Map<String, CommandSpec> byName = new TreeMap<>();
  private final List<CommandSpec> all = new ArrayList<>();

  /** The registry with every command of the shell. */
  public static CommandRegistry standard() {
    CommandRegistry r = new CommandRegistry();
    GeneralCommands.register(r);
    TableCommands.register(r);
    NamespaceCommands.register(r);
    DataCommands.register(r);
    ScanCommands.register(r);
    AdminCommands.register(r);
    return r;
  }

  /** REQUIRES: the name and aliases are not yet taken. */
  public void add(CommandSpec spec) {
    for (String n : names(spec)) {
      if (byName.putIfAbsent(n, spec) != null) {
        throw new IllegalStateException("Command name taken twice: " + n);
      }
    }
    all.add(spec);
  }

  private static List<String> names(CommandSpec spec) {
    List<String> out = new ArrayList<>();
    out.add(spec.name());
    out.addAll(spec.aliases());
    return out;
  }

  /** The command of that name or alias, or null. */
  public CommandSpec find(String name) {
    return byName.get(name);
  }

  /** Names and aliases, sorted (for completion and suggestions). */
  public List<String> allNames() {
    return new ArrayList<>(byName.keySet());
  }

  /** The commands of a group in the order they were added. */
  public List<CommandSpec> group(String group) {
    List<CommandSpec> out = new ArrayList<>();
    for (CommandSpec c : all) {
      if (c.group().equals(group)) {
        out.add(c);
      }
    }
    return out;
  }

  public List<CommandSpec> all() {
    return Collections.unmodifiableList(all);
  }

  /** The nearest names to a misspelt one. */
  public List<String> suggest(String name) {
    return Suggestions.nearest(name, byName.keySet(), 3);
  }
}
