package io.cellar.common.conf;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * String key/value settings with typed getters. Keys are {@code cellar.*}; each caller documents
 * its keys and passes its default, so a missing key is never an error.
 */
public final class Configuration {
  private final Map<String, String> values = new ConcurrentHashMap<>();

  public Configuration() {}

  public Configuration(Configuration other) {
    values.putAll(other.values);
  }

  /** Loads a properties file; system properties starting with {@code cellar.} override it. */
  public static Configuration load(Path file) throws IOException {
    Configuration c = new Configuration();
    if (file != null && Files.exists(file)) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file)) {
        p.load(r);
      }
      p.forEach((k, v) -> c.set(k.toString().trim(), v.toString().trim()));
    }
    System.getProperties().forEach((k, v) -> {
      if (k.toString().startsWith("cellar.")) {
        c.set(k.toString(), v.toString());
      }
    });
    return c;
  }

  public Configuration set(String key, String value) {
    values.put(key, value);
    return this;
  }

  public Configuration setInt(String key, int value) {
    return set(key, Integer.toString(value));
  }

  public Configuration setLong(String key, long value) {
    return set(key, Long.toString(value));
  }

  public Configuration setBoolean(String key, boolean value) {
    return set(key, Boolean.toString(value));
  }

  public String get(String key, String def) {
    return values.getOrDefault(key, def);
  }

  public int getInt(String key, int def) {
    String v = values.get(key);
    try {
      return v == null ? def : Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Setting " + key + " must be an integer, got '" + v + "'");
    }
  }

  public long getLong(String key, long def) {
    String v = values.get(key);
    try {
      return v == null ? def : Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Setting " + key + " must be an integer, got '" + v + "'");
    }
  }

  public double getDouble(String key, double def) {
    String v = values.get(key);
    try {
      return v == null ? def : Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Setting " + key + " must be a number, got '" + v + "'");
    }
  }

  public boolean getBoolean(String key, boolean def) {
    String v = values.get(key);
    return v == null ? def : Boolean.parseBoolean(v.trim());
  }

  public Map<String, String> asMap() {
    return Map.copyOf(values);
  }
}
