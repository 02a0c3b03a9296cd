package io.cellar.tools;

import io.cellar.common.conf.Configuration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every process shares: the properties file ({@code conf/cellar.properties} when present)
 * and {@code -D key=value} overrides, applied in that order.
 */
public final class ConfigOptions {
  @Option(names = {"-c", "--conf"}, paramLabel = "FILE",
      description = "Properties file (default: conf/cellar.properties if it exists).")
  Path confFile;

  @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Override one setting.")
  Map<String, String> overrides = new LinkedHashMap<>();

  /** The settings: file, then system properties cellar.*, then -D overrides. */
  public Configuration load() throws IOException {
    Path file = confFile != null ? confFile : Path.of("conf", "cellar.properties");
    if (confFile != null && !file.toFile().exists()) {
      throw new IOException("Configuration file not found: " + file);
    }
    Configuration conf = Configuration.load(file);
    overrides.forEach(conf::set);
    return conf;
  }
}
