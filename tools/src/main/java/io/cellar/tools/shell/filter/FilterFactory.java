package io.cellar.tools.shell.filter;

import io.cellar.client.CompareOperator;
import io.cellar.client.filter.BinaryComparator;
import io.cellar.client.filter.BinaryPrefixComparator;
import io.cellar.client.filter.ByteArrayComparable;
import io.cellar.client.filter.ColumnPrefixFilter;
import io.cellar.client.filter.ColumnRangeFilter;
import io.cellar.client.filter.FamilyFilter;
import io.cellar.client.filter.FirstKeyOnlyFilter;
import io.cellar.client.filter.KeyOnlyFilter;
import io.cellar.client.filter.MultipleColumnPrefixFilter;
import io.cellar.client.filter.PageFilter;
import io.cellar.client.filter.PrefixFilter;
import io.cellar.client.filter.QualifierFilter;
import io.cellar.client.filter.RegexStringComparator;
import io.cellar.client.filter.RowFilter;
import io.cellar.client.filter.SingleColumnValueFilter;
import io.cellar.client.filter.SubstringComparator;
import io.cellar.client.filter.TimestampsFilter;
import io.cellar.client.filter.ValueFilter;
import io.cellar.common.filter.Filter;
import io.cellar.tools.shell.commands.Suggestions;
import io.cellar.tools.shell.filter.FilterArgument.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a client filter from a call of the filter language, e.g.
 * {@code ValueFilter(=, 'binary:v1')}: checks the argument count and kinds against the filter's
 * signature (listed by {@link #signatures()}) and says the expected form when they do not fit.
 */
final class FilterFactory {
  private interface Builder {
    Filter build(List<FilterArgument> args) throws FilterSyntaxException;
  }

  private record Entry(String signature, Builder builder) {}

  private static final Map<String, Entry> FILTERS = new LinkedHashMap<>();

  static {
    add("KeyOnlyFilter", "KeyOnlyFilter() or KeyOnlyFilter(true)", a -> {
      arity(a, "KeyOnlyFilter", 0, 1);
      return a.isEmpty() ? new KeyOnlyFilter() : new KeyOnlyFilter(bool(a.get(0)));
    });
    add("FirstKeyOnlyFilter", "FirstKeyOnlyFilter()", a -> {
      arity(a, "FirstKeyOnlyFilter", 0, 0);
      return new FirstKeyOnlyFilter();
    });
    add("PrefixFilter", "PrefixFilter('row prefix')", a -> {
      arity(a, "PrefixFilter", 1, 1);
      return new PrefixFilter(string(a.get(0)));
    });
    add("ColumnPrefixFilter", "ColumnPrefixFilter('qualifier prefix')", a -> {
      arity(a, "ColumnPrefixFilter", 1, 1);
      return new ColumnPrefixFilter(string(a.get(0)));
    });
    add("MultipleColumnPrefixFilter", "MultipleColumnPrefixFilter('p1', 'p2', ...)", a -> {
      arity(a, "MultipleColumnPrefixFilter", 1, Integer.MAX_VALUE);
      byte[][] prefixes = new byte[a.size()][];
      for (int i = 0; i < a.size(); i++) {
        prefixes[i] = string(a.get(i));
      }
      return new MultipleColumnPrefixFilter(prefixes);
    });
    add("PageFilter", "PageFilter(rows)", a -> {
      arity(a, "PageFilter", 1, 1);
      return new PageFilter(positive(a.get(0)));
    });
    add("TimestampsFilter", "TimestampsFilter(ts1, ts2, ...)", a -> {
      List<Long> ts = new ArrayList<>();
      for (FilterArgument x : a) {
        ts.add(number(x));
      }
      return new TimestampsFilter(ts);
    });
    add("RowFilter", "RowFilter(op, 'comparator')", a -> {
      arity(a, "RowFilter", 2, 2);
      return new RowFilter(operator(a.get(0)), comparator(a.get(0), a.get(1)));
    });
    add("FamilyFilter", "FamilyFilter(op, 'comparator')", a -> {
      arity(a, "FamilyFilter", 2, 2);
      return new FamilyFilter(operator(a.get(0)), comparator(a.get(0), a.get(1)));
    });
    add("QualifierFilter", "QualifierFilter(op, 'comparator')", a -> {
      arity(a, "QualifierFilter", 2, 2);
      return new QualifierFilter(operator(a.get(0)), comparator(a.get(0), a.get(1)));
    });
    add("ValueFilter", "ValueFilter(op, 'comparator')", a -> {
      arity(a, "ValueFilter", 2, 2);
      return new ValueFilter(operator(a.get(0)), comparator(a.get(0), a.get(1)));
    });
    add("SingleColumnValueFilter", "SingleColumnValueFilter('family', 'qualifier', op, "
        + "'comparator'[, filterIfMissing, latestVersionOnly])", a -> {
          if (a.size() != 4 && a.size() != 6) {
            throw wrongArity("SingleColumnValueFilter", a.size());
          }
          SingleColumnValueFilter f = new SingleColumnValueFilter(string(a.get(0)),
              string(a.get(1)), operator(a.get(2)), comparator(a.get(2), a.get(3)));
          if (a.size() == 6) {
            f.setFilterIfMissing(bool(a.get(4))).setLatestVersionOnly(bool(a.get(5)));
          }
          return f;
        });
    add("ColumnRangeFilter", "ColumnRangeFilter('min', minInclusive, 'max', maxInclusive)",
        a -> {
          arity(a, "ColumnRangeFilter", 4, 4);
          byte[] min = string(a.get(0));
          byte[] max = string(a.get(2));
          return new ColumnRangeFilter(min.length == 0 ? null : min, bool(a.get(1)),
              max.length == 0 ? null : max, bool(a.get(3)));
        });
  }

  private FilterFactory() {}

  private static void add(String name, String signature, Builder b) {
    FILTERS.put(name, new Entry(signature, b));
  }

  /** Every filter's call form, for help texts. */
  static List<String> signatures() {
    List<String> out = new ArrayList<>();
    FILTERS.values().forEach(e -> out.add(e.signature()));
    return out;
  }

  static Filter create(String name, List<FilterArgument> args) throws FilterSyntaxException {
    Entry e = FILTERS.get(name);
    if (e == null) {
      List<String> near = Suggestions.nearest(name, FILTERS.keySet(), 3);
      throw new FilterSyntaxException("unknown filter '" + name + "'"
          + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?")
          + " (see 'help \"filters\"')");
    }
    try {
      return e.builder().build(args);
    } catch (FilterSyntaxException ex) {
      throw new FilterSyntaxException(ex.getMessage() + "; usage: " + e.signature());
    } catch (IllegalArgumentException ex) {
      String msg = String.valueOf(ex.getMessage());
      int nl = msg.indexOf('\n');
      throw new FilterSyntaxException("bad " + name + ": " + (nl < 0 ? msg : msg.substring(0, nl))
          + "; usage: " + e.signature());
    }
  }

  private static void arity(List<FilterArgument> a, String name, int min, int max)
      throws FilterSyntaxException {
    if (a.size() < min || a.size() > max) {
      throw wrongArity(name, a.size());
    }
  }

  private static FilterSyntaxException wrongArity(String name, int got) {
    return new FilterSyntaxException(name + " does not take " + got + " argument"
        + (got == 1 ? "" : "s"));
  }

  private static byte[] string(FilterArgument a) throws FilterSyntaxException {
    if (a.kind() != Kind.STRING) {
      throw new FilterSyntaxException("expected a quoted string, found " + a.text());
    }
    return a.bytes();
  }

  private static long number(FilterArgument a) throws FilterSyntaxException {
    if (a.kind() != Kind.NUMBER) {
      throw new FilterSyntaxException("expected a number, found " + a.text());
    }
    return a.number();
  }

  private static long positive(FilterArgument a) throws FilterSyntaxException {
    long n = number(a);
    if (n <= 0) {
      throw new FilterSyntaxException("expected a positive number, found " + a.text());
    }
    return n;
  }

  private static boolean bool(FilterArgument a) throws FilterSyntaxException {
    if (a.kind() != Kind.BOOLEAN) {
      throw new FilterSyntaxException("expected true or false, found " + a.text());
    }
    return a.number() != 0;
  }

  private static CompareOperator operator(FilterArgument a) throws FilterSyntaxException {
    if (a.kind() != Kind.OPERATOR) {
      throw new FilterSyntaxException("expected a compare operator (<, <=, =, !=, >=, >), "
          + "found " + a.text());
    }
    switch (a.text()) {
      case "<":
        return CompareOperator.LESS;
      case "<=":
        return CompareOperator.LESS_OR_EQUAL;
      case "=":
        return CompareOperator.EQUAL;
      case "!=":
        return CompareOperator.NOT_EQUAL;
      case ">=":
        return CompareOperator.GREATER_OR_EQUAL;
      default:
        return CompareOperator.GREATER;
    }
  }

  /** {@code 'binary:v'}, {@code 'binaryprefix:v'}, {@code 'regexstring:re'}, 'substring:s'. */
  private static ByteArrayComparable comparator(FilterArgument op, FilterArgument a)
      throws FilterSyntaxException {
    byte[] b = string(a);
    int colon = -1;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == ':') {
        colon = i;
        break;
      }
    }
    String type = colon < 0 ? "" : new String(b, 0, colon, StandardCharsets.ISO_8859_1);
    byte[] value = colon < 0 ? b : Arrays.copyOfRange(b, colon + 1, b.length);
    String text = new String(value, StandardCharsets.UTF_8);
    switch (type) {
      case "binary":
        return new BinaryComparator(value);
      case "binaryprefix":
        return new BinaryPrefixComparator(value);
      case "regexstring":
        equalityOnly(op, type);
        return new RegexStringComparator(text);
      case "substring":
        equalityOnly(op, type);
        return new SubstringComparator(text);
      default:
        throw new FilterSyntaxException("bad comparator " + a.text() + ": write 'binary:v', "
            + "'binaryprefix:v', 'regexstring:re' or 'substring:s'");
    }
  }

  private static void equalityOnly(FilterArgument op, String type) throws FilterSyntaxException {
    if (!op.text().equals("=") && !op.text().equals("!=")) {
      throw new FilterSyntaxException(type + " comparators work only with = and !=, not "
          + op.text());
    }
  }
}
