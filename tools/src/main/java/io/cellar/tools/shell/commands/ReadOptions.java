package io.cellar.tools.shell.commands;

import io.cellar.common.filter.Filter;
import io.cellar.tools.shell.filter.FilterStringParser;
import io.cellar.tools.shell.filter.FilterSyntaxException;
import io.cellar.tools.shell.syntax.ShellString;
import java.util.ArrayList;
import java.util.List;

/** The read options get and scan share: COLUMNS, TIMERANGE, FILTER. */
final class ReadOptions {
  private ReadOptions() {}

  /** COLUMN or COLUMNS: one column name or a list of them; null when absent. */
  static List<ColumnNames> columns(Options o) {
    List<Object> raw = o.takeList("COLUMNS");
    List<Object> single = o.takeList("COLUMN");
    if (raw == null) {
      raw = single;
    } else if (single != null) {
      raw.addAll(single);
    }
    return raw == null ? null : columnList(raw);
  }

  static List<ColumnNames> columnList(List<Object> raw) {
    List<ColumnNames> out = new ArrayList<>();
    for (Object v : raw) {
      if (!(v instanceof ShellString)) {
        throw new UsageException("a column must be a string like 'cf:a' or 'cf', not "
            + Values.show(v));
      }
      out.add(ColumnNames.parse(((ShellString) v).bytes()));
    }
    return out;
  }

  /** TIMERANGE => [min, max): the two timestamps, or null when absent. */
  static long[] timeRange(Options o) {
    List<Object> tr = o.takeList("TIMERANGE");
    if (tr == null) {
      return null;
    }
    if (tr.size() != 2 || !(tr.get(0) instanceof Long) || !(tr.get(1) instanceof Long)) {
      throw new UsageException("TIMERANGE must be [min, max] timestamps (max exclusive), not "
          + Values.show(tr));
    }
    long min = (Long) tr.get(0);
    long max = (Long) tr.get(1);
    if (min < 0 || max < min) {
      throw new UsageException("TIMERANGE needs 0 <= min <= max, got " + Values.show(tr));
    }
    return new long[] {min, max};
  }

  /** FILTER => "filter string": the parsed filter, or null when absent. */
  static Filter filter(Options o) {
    Object f = o.take("FILTER");
    if (f == null) {
      return null;
    }
    if (!(f instanceof ShellString)) {
      throw new UsageException("FILTER must be a filter string such as \"PrefixFilter('r')\", "
          + "not " + Values.show(f));
    }
    try {
      return FilterStringParser.parse(((ShellString) f).bytes());
    } catch (FilterSyntaxException e) {
      throw new ShellError(e.getMessage());
    }
  }
}
