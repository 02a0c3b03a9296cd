package io.cellar.tools.shell.commands;

import java.util.List;

/**
 * One shell command: its name, aliases, group (general, ddl, namespace, dml, admin), usage
 * (the call forms, printed after an argument error) and help (what it does, with examples),
 * and what it runs. {@code firstArgIsTable}: error messages name the table from argument 0.
 */
public record CommandSpec(String name, List<String> aliases, String group, String usage,
    String help, boolean firstArgIsTable, Handler handler) {

  /** Runs the command. Throws UsageException for bad arguments, IOException from the cluster. */
  @FunctionalInterface
  public interface Handler {
    void run(ShellContext ctx, Arguments args) throws Exception;
  }

  /** The call forms and a pointer to the examples, printed after an argument error. */
  public String usageHelp() {
    return "Usage:\n" + indent(usage) + "\nType 'help \"" + name + "\"' for examples.\n";
  }

  /** The full help text: usage, then description and examples. */
  public String fullHelp() {
    return "Usage:\n" + indent(usage) + "\n\n" + help.strip() + "\n";
  }

  private static String indent(String s) {
    StringBuilder sb = new StringBuilder();
    for (String line : s.strip().split("\n")) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append("  ").append(line);
    }
    return sb.toString();
  }
}
