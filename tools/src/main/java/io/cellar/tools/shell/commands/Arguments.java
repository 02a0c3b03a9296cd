package io.cellar.tools.shell.commands;

import io.cellar.common.schema.TableName;
import io.cellar.tools.shell.syntax.ShellString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The argument values of one command call, with typed accessors that throw
 * {@link UsageException} naming the argument when a value has the wrong type or is missing.
 */
public final class Arguments {
  private final String command;
  private final List<Object> values;

  public Arguments(String command, List<Object> values) {
    this.command = command;
    this.values = values;
  }

  public int size() {
    return values.size();
  }

  public Object get(int i) {
    return values.get(i);
  }

  /** REQUIRES min..max arguments. */
  public void expectCount(int min, int max) {
    int n = values.size();
    if (n < min || n > max) {
      String expected = min == max ? String.valueOf(min)
          : max == Integer.MAX_VALUE ? min + " or more" : min + " to " + max;
      throw new UsageException("wrong number of arguments for '" + command + "' (given " + n
          + ", expected " + expected + ")");
    }
  }

  public boolean has(int i) {
    return i < values.size();
  }

  public boolean isString(int i) {
    return i < values.size() && values.get(i) instanceof ShellString;
  }

  public boolean isDict(int i) {
    return i < values.size() && values.get(i) instanceof Map;
  }

  public boolean isNumber(int i) {
    return i < values.size() && values.get(i) instanceof Long;
  }

  /** A string argument as text. */
  public String text(int i, String what) {
    return asString(i, what).text();
  }

  /** A string (or number, as its decimal text) argument as bytes. */
  public byte[] bytes(int i, String what) {
    Object v = required(i, what);
    if (v instanceof Long || v instanceof Double) {
      return String.valueOf(v).getBytes(StandardCharsets.UTF_8);
    }
    return asString(i, what).bytes();
  }

  public long number(int i, String what) {
    Object v = required(i, what);
    if (!(v instanceof Long)) {
      throw new UsageException(what + " must be an integer, not " + Values.show(v));
    }
    return (Long) v;
  }

  /** A table name argument; the name's syntax is checked. */
  public TableName table(int i) {
    String name = text(i, "the table name");
    try {
      return TableName.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** A dictionary argument, as options to take from. */
  public Options dict(int i, String what) {
    Object v = required(i, what);
    if (!(v instanceof Map)) {
      throw new UsageException(what + " must be a dictionary {KEY => value, ...}, not "
          + Values.show(v));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) v;
    return new Options(command, m);
  }

  private ShellString asString(int i, String what) {
    Object v = required(i, what);
    if (!(v instanceof ShellString)) {
      throw new UsageException(what + " must be a quoted string, not " + Values.show(v));
    }
    return (ShellString) v;
  }

  private Object required(int i, String what) {
    if (i >= values.size()) {
      throw new UsageException("missing " + what);
    }
    return values.get(i);
  }
}
