package io.cellar.client.filter;

import io.cellar.client.CompareOperator;
import io.cellar.common.filter.Filter;
import io.cellar.common.proto.ColumnRangeFilterProto;
import io.cellar.common.proto.CompareFilterProto;
import io.cellar.common.proto.CompareOperatorProto;
import io.cellar.common.proto.FilterListProto;
import io.cellar.common.proto.FilterProto;
import io.cellar.common.proto.SingleColumnValueFilterProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Protobuf form of filters: {@link #toProto(Filter)} on the client, {@link #fromProto} on the
 * server. Malformed input (unknown kind, bad regex, bad operator) throws
 * IllegalArgumentException, which the server reports as an invalid request.
 */
public final class Filters {
  /** Deeper nesting is refused, so a hostile request cannot exhaust the server's stack. */
  public static final int MAX_NESTING = 64;

  private Filters() {}

  /** REQUIRES: a filter of this package ({@link FilterBase}). */
  public static FilterProto toProto(Filter filter) {
    if (!(filter instanceof FilterBase)) {
      throw new IllegalArgumentException("Cannot send filter "
          + (filter == null ? "null" : filter.getClass().getName())
          + ": only filters of io.cellar.client.filter can travel to the server");
    }
    return ((FilterBase) filter).toProto();
  }

  public static FilterBase fromProto(FilterProto proto) {
    return fromProto(proto, 0);
  }

  private static FilterBase fromProto(FilterProto proto, int depth) {
    if (depth > MAX_NESTING) {
      throw new IllegalArgumentException("Filters nested deeper than " + MAX_NESTING);
    }
    switch (proto.getKindCase()) {
      case PREFIX:
        return new PrefixFilter(proto.getPrefix().toByteArray());
      case ROW:
        return new RowFilter(op(proto.getRow()), comparator(proto.getRow()));
      case FAMILY:
        return new FamilyFilter(op(proto.getFamily()), comparator(proto.getFamily()));
      case QUALIFIER:
        return new QualifierFilter(op(proto.getQualifier()), comparator(proto.getQualifier()));
      case VALUE:
        return new ValueFilter(op(proto.getValue()), comparator(proto.getValue()));
      case SINGLE_COLUMN_VALUE:
        return singleColumnValue(proto.getSingleColumnValue());
      case COLUMN_PREFIX:
        return new ColumnPrefixFilter(proto.getColumnPrefix().toByteArray());
      case MULTIPLE_COLUMN_PREFIX:
        return new MultipleColumnPrefixFilter(proto.getMultipleColumnPrefix().getPrefixesList()
            .stream().map(b -> b.toByteArray()).toArray(byte[][]::new));
      case COLUMN_RANGE:
        return columnRange(proto.getColumnRange());
      case PAGE:
        return new PageFilter(proto.getPage());
      case KEY_ONLY:
        return new KeyOnlyFilter(proto.getKeyOnly().getLengthAsValue());
      case FIRST_KEY_ONLY:
        return new FirstKeyOnlyFilter();
      case TIMESTAMPS:
        return new TimestampsFilter(proto.getTimestamps().getTimestampsList(),
            proto.getTimestamps().getCanHint());
      case LIST:
        return list(proto.getList(), depth);
      case WHILE_MATCH:
        return new WhileMatchFilter(fromProto(proto.getWhileMatch(), depth + 1));
      case SKIP:
        return new SkipFilter(fromProto(proto.getSkip(), depth + 1));
      default:
        throw new IllegalArgumentException("Unknown filter kind " + proto.getKindCase());
    }
  }

  private static FilterList list(FilterListProto p, int depth) {
    List<Filter> members = new ArrayList<>(p.getFiltersCount());
    for (FilterProto f : p.getFiltersList()) {
      members.add(fromProto(f, depth + 1));
    }
    return new FilterList(p.getMustPassAll() ? FilterList.Operator.MUST_PASS_ALL
        : FilterList.Operator.MUST_PASS_ONE, members);
  }

  private static SingleColumnValueFilter singleColumnValue(SingleColumnValueFilterProto p) {
    return new SingleColumnValueFilter(p.getFamily().toByteArray(),
        p.getQualifier().toByteArray(), fromProto(p.getCompareOperator()),
        ByteArrayComparable.fromProto(p.getComparator()))
        .setFilterIfMissing(p.getFilterIfMissing())
        .setLatestVersionOnly(p.getLatestVersionOnly());
  }

  private static ColumnRangeFilter columnRange(ColumnRangeFilterProto p) {
    return new ColumnRangeFilter(p.hasMinColumn() ? p.getMinColumn().toByteArray() : null,
        p.getMinColumnInclusive(),
        p.hasMaxColumn() ? p.getMaxColumn().toByteArray() : null, p.getMaxColumnInclusive());
  }

  private static CompareOperator op(CompareFilterProto p) {
    return fromProto(p.getCompareOperator());
  }

  private static ByteArrayComparable comparator(CompareFilterProto p) {
    return ByteArrayComparable.fromProto(p.getComparator());
  }

  public static CompareOperatorProto toProto(CompareOperator op) {
    return CompareOperatorProto.forNumber(op.ordinal());
  }

  public static CompareOperator fromProto(CompareOperatorProto p) {
    if (p == null || p == CompareOperatorProto.UNRECOGNIZED) {
      throw new IllegalArgumentException("Unknown compare operator");
    }
    return CompareOperator.values()[p.getNumber()];
  }
}
