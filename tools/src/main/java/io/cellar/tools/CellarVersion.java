package io.cellar.tools;

import picocli.CommandLine;

/** The version printed by {@code cellar --version} and the shell's {@code version}. */
public final class CellarVersion implements CommandLine.IVersionProvider {
  public static final String VERSION = "0.1.0-SNAPSHOT";

  @Override
  public String[] getVersion() {
    return new String[] {"Cellar " + VERSION + " (Java " + System.getProperty("java.version")
        + ")"};
  }
}
