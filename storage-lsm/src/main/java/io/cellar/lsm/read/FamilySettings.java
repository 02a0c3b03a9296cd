package io.cellar.lsm.read;

import io.cellar.common.schema.ColumnFamilyDescriptor;
import java.util.function.LongSupplier;

/**
 * The per-family rules the store scanner applies: VERSIONS, MIN_VERSIONS, TTL (seconds,
 * {@link ColumnFamilyDescriptor#FOREVER} for none), KEEP_DELETED_CELLS, and the clock TTL is
 * measured against (milliseconds; injectable for tests). Immutable.
 */
public final class FamilySettings {
  private final int maxVersions;
  private final int minVersions;
  private final int ttlSeconds;
  private final boolean keepDeletedCells;
  private final LongSupplier clock;

  public FamilySettings(int maxVersions, int minVersions, int ttlSeconds,
      boolean keepDeletedCells, LongSupplier clock) {
    if (maxVersions < 1 || minVersions < 0 || minVersions > maxVersions || ttlSeconds < 1) {
      throw new IllegalArgumentException("versions " + maxVersions + ", min versions "
          + minVersions + ", ttl " + ttlSeconds);
    }
    this.maxVersions = maxVersions;
    this.minVersions = minVersions;
    this.ttlSeconds = ttlSeconds;
    this.keepDeletedCells = keepDeletedCells;
    this.clock = clock;
  }

  public static FamilySettings of(ColumnFamilyDescriptor d) {
    return of(d, System::currentTimeMillis);
  }

  public static FamilySettings of(ColumnFamilyDescriptor d, LongSupplier clock) {
    return new FamilySettings(d.getMaxVersions(), d.getMinVersions(), d.getTimeToLive(),
        d.isKeepDeletedCells(), clock);
  }

  /** Defaults: 3 versions, no TTL, deleted cells not kept, the system clock. */
  public static FamilySettings defaults() {
    return new FamilySettings(ColumnFamilyDescriptor.DEFAULT_VERSIONS, 0,
        ColumnFamilyDescriptor.FOREVER, false, System::currentTimeMillis);
  }

  public FamilySettings withClock(LongSupplier newClock) {
    return new FamilySettings(maxVersions, minVersions, ttlSeconds, keepDeletedCells, newClock);
  }

  public int getMaxVersions() {
    return maxVersions;
  }

  public int getMinVersions() {
    return minVersions;
  }

  public int getTtlSeconds() {
    return ttlSeconds;
  }

  public boolean isKeepDeletedCells() {
    return keepDeletedCells;
  }

  public long now() {
    return clock.getAsLong();
  }

  /** Cells with a timestamp below this are expired at time {@code now}; Long.MIN_VALUE if none. */
  public long oldestUnexpiredTimestamp(long now) {
    if (ttlSeconds == ColumnFamilyDescriptor.FOREVER) {
      return Long.MIN_VALUE;
    }
    return now - ttlSeconds * 1000L;
  }
}
