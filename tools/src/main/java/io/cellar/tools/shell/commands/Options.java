package io.cellar.tools.shell.commands;

import io.cellar.tools.shell.syntax.ShellString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A {@code {KEY => value}} dictionary being read by a command: each {@code take*} removes its
 * key; {@link #finish} then rejects keys nobody took ("unknown option"), suggesting the
 * nearest valid one. Keys match case-insensitively.
 */
public final class Options {
  private final String command;
  private final Map<String, Object> remaining = new LinkedHashMap<>();
  private final List<String> known = new ArrayList<>();

  public Options(String command, Map<String, Object> values) {
    this.command = command;
    values.forEach((k, v) -> remaining.put(k.toUpperCase(Locale.ROOT), v));
  }

  public boolean has(String key) {
    known.add(key);
    return remaining.containsKey(key);
  }

  public boolean isEmpty() {
    return remaining.isEmpty();
  }

  /** The raw value, or null when absent. */
  public Object take(String key) {
    known.add(key);
    return remaining.remove(key);
  }

  public String takeText(String key) {
    Object v = take(key);
    if (v == null) {
      return null;
    }
    if (v instanceof ShellString) {
      return ((ShellString) v).text();
    }
    if (v instanceof Long || v instanceof Boolean || v instanceof Double) {
      return String.valueOf(v);
    }
    throw new UsageException(key + " must be a string, not " + Values.show(v));
  }

  public byte[] takeBytes(String key) {
    Object v = take(key);
    if (v == null) {
      return null;
    }
    if (v instanceof ShellString) {
      return ((ShellString) v).bytes();
    }
    if (v instanceof Long) {
      return String.valueOf(v).getBytes(StandardCharsets.UTF_8);
    }
    throw new UsageException(key + " must be a string, not " + Values.show(v));
  }

  /** A number, also accepted as a numeric string ('3'), as HBase does. */
  public Long takeLong(String key) {
    Object v = take(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Long) {
      return (Long) v;
    }
    if (v instanceof ShellString) {
      try {
        return Long.parseLong(((ShellString) v).text().trim());
      } catch (NumberFormatException e) {
        // fall through to the error
      }
    }
    throw new UsageException(key + " must be an integer, not " + Values.show(v));
  }

  public Integer takeInt(String key) {
    Long v = takeLong(key);
    if (v == null) {
      return null;
    }
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
      throw new UsageException(key + " is out of range: " + v);
    }
    return v.intValue();
  }

  /** true/false, also as strings 'true'/'false'. */
  public Boolean takeBoolean(String key) {
    Object v = take(key);
    if (v == null) {
      return null;
    }
    if (v instanceof Boolean) {
      return (Boolean) v;
    }
    if (v instanceof ShellString) {
      String s = ((ShellString) v).text().trim().toLowerCase(Locale.ROOT);
      if (s.equals("true") || s.equals("false")) {
        return Boolean.parseBoolean(s);
      }
    }
    throw new UsageException(key + " must be true or false, not " + Values.show(v));
  }

  /** A list value; a single value counts as a list of one. */
  public List<Object> takeList(String key) {
    Object v = take(key);
    if (v == null) {
      return null;
    }
    if (v instanceof List) {
      return new ArrayList<>((List<?>) v);
    }
    List<Object> one = new ArrayList<>();
    one.add(v);
    return one;
  }

  /** Rejects the keys no take* asked for. */
  public void finish() {
    if (remaining.isEmpty()) {
      return;
    }
    String key = remaining.keySet().iterator().next();
    List<String> near = Suggestions.nearest(key, new TreeSet<>(known), 2);
    throw new UsageException("unknown option " + key + " for '" + command + "'"
        + (near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?"));
  }
}
