package io.cellar.common.schema;

import io.cellar.common.Bytes;
import java.util.Objects;
import java.util.regex.Pattern;

/** A table's name: {@code namespace:qualifier}, the namespace {@code default} when omitted. */
public final class TableName implements Comparable<TableName> {
  public static final String DEFAULT_NAMESPACE = "default";
  public static final String SYSTEM_NAMESPACE = "cellar";
  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-]*");

  private final String namespace;
  private final String qualifier;

  private TableName(String namespace, String qualifier) {
    this.namespace = namespace;
    this.qualifier = qualifier;
  }

  /** Parses {@code "ns:t"} or {@code "t"}; throws IllegalArgumentException for a bad name. */
  public static TableName valueOf(String name) {
    Objects.requireNonNull(name, "table name");
    int colon = name.indexOf(':');
    if (colon < 0) {
      return of(DEFAULT_NAMESPACE, name);
    }
    return of(name.substring(0, colon), name.substring(colon + 1));
  }

  public static TableName of(String namespace, String qualifier) {
    checkPart("namespace", namespace);
    checkPart("table", qualifier);
    return new TableName(namespace, qualifier);
  }

  public static void checkNamespaceName(String namespace) {
    checkPart("namespace", namespace);
  }

  private static void checkPart(String what, String s) {
    if (s == null || s.isEmpty() || s.length() > 128 || !PART.matcher(s).matches()) {
      throw new IllegalArgumentException("Illegal " + what + " name '" + s
          + "': use letters, digits, '_', '-' and '.', not starting with '-' or '.'");
    }
  }

  public String getNamespace() {
    return namespace;
  }

  public String getQualifier() {
    return qualifier;
  }

  public boolean isSystemTable() {
    return SYSTEM_NAMESPACE.equals(namespace);
  }

  /** {@code ns:t}, or just {@code t} in the default namespace. */
  public String getNameAsString() {
    return DEFAULT_NAMESPACE.equals(namespace) ? qualifier : namespace + ":" + qualifier;
  }

  public byte[] toBytes() {
    return Bytes.toBytes(getNameAsString());
  }

  @Override
  public int compareTo(TableName o) {
    int c = namespace.compareTo(o.namespace);
    return c != 0 ? c : qualifier.compareTo(o.qualifier);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableName
        && ((TableName) o).namespace.equals(namespace)
        && ((TableName) o).qualifier.equals(qualifier);
  }

  @Override
  public int hashCode() {
    return namespace.hashCode() * 31 + qualifier.hashCode();
  }

  @Override
  public String toString() {
    return getNameAsString();
  }
}
