package io.cellar.regionserver;

import io.cellar.common.cell.TimeRange;
import io.cellar.common.filter.Filter;
import java.util.NavigableSet;

/**
 * What a read asks of one family's store: the rows (range and direction), the qualifiers (null
 * for all), time range, versions, the per-cell filter, and the MVCC read point. Row-level filter
 * calls stay with the region scanner.
 */
record FamilyRead(RowRange range, NavigableSet<byte[]> qualifiers, TimeRange timeRange,
    int maxVersions, Filter filter, long readPoint, boolean cacheBlocks) {}
