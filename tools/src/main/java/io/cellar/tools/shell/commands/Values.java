package io.cellar.tools.shell.commands;

import io.cellar.tools.shell.syntax.ShellString;
import java.util.List;
import java.util.Map;

/** Shows a parsed shell value in error messages the way it was written. */
public final class Values {
  private Values() {}

  public static String show(Object v) {
    if (v == null) {
      return "nil";
    }
    if (v instanceof ShellString) {
      return "'" + ((ShellString) v).text() + "'";
    }
    if (v instanceof Map) {
      StringBuilder sb = new StringBuilder("{");
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(e.getKey()).append(" => ").append(show(e.getValue()));
      }
      return sb.append('}').toString();
    }
    if (v instanceof List) {
      StringBuilder sb = new StringBuilder("[");
      for (Object o : (List<?>) v) {
        if (sb.length() > 1) {
          sb.append(", ");
        }
        sb.append(show(o));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(v);
  }
}
