package io.cellar.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cellar} command: one entry point for every process and tool. */
@Command(
    name = "cellar",
    mixinStandardHelpOptions = true,
    versionProvider = CellarVersion.class,
    description = "Cellar, an HBase-like wide-column store.",
    subcommands = {
      StandaloneCommand.class,
      MasterCommand.class,
      RegionServerCommand.class,
      io.cellar.tools.shell.ShellCommand.class,
      io.cellar.tools.bench.BenchCommand.class,
      io.cellar.tools.pe.PeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Cellar implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Cellar()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
