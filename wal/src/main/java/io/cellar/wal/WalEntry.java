package io.cellar.wal;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import io.cellar.common.cell.Cell;
import io.cellar.common.schema.TableName;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One WAL record: the cells of one row mutation of one region, with the region's sequence id.
 * Immutable. The on-disk layout is in {@link WalEntryCodec}.
 *
 * <p>REQUIRES: every cell belongs to {@code region}; each cell carries its own sequence id
 * (normally equal to the entry's). {@code clusterIds} lists the clusters that already applied
 * this edit, oldest first, so replication never ships it back to one of them.
 */
public final class WalEntry {
  private final String region;
  private final TableName table;
  private final long sequenceId;
  private final long writeTime;
  private final List<UUID> clusterIds;
  private final List<Cell> cells;

  public WalEntry(String regionEncodedName, TableName table, long sequenceId, long writeTime,
      List<UUID> clusterIds, List<? extends Cell> cells) {
    Preconditions.checkArgument(regionEncodedName != null && !regionEncodedName.isEmpty(),
        "region encoded name is required");
    Preconditions.checkArgument(sequenceId >= 0, "negative sequence id %s", sequenceId);
    this.region = regionEncodedName;
    this.table = Objects.requireNonNull(table, "table");
    this.sequenceId = sequenceId;
    this.writeTime = writeTime;
    this.clusterIds = ImmutableList.copyOf(clusterIds);
    this.cells = ImmutableList.copyOf(cells);
  }

  /** An entry written in this cluster (no origin cluster ids yet). */
  public static WalEntry of(String regionEncodedName, TableName table, long sequenceId,
      long writeTime, List<? extends Cell> cells) {
    return new WalEntry(regionEncodedName, table, sequenceId, writeTime, List.of(), cells);
  }

  /** Encoded name of the region ({@code RegionInfo.getEncodedName()}). */
  public String getRegion() {
    return region;
  }

  public TableName getTable() {
    return table;
  }

  public long getSequenceId() {
    return sequenceId;
  }

  /** Wall-clock ms when the region server accepted the edit. */
  public long getWriteTime() {
    return writeTime;
  }

  /** Clusters that have already applied this edit (replication loop prevention). */
  public List<UUID> getClusterIds() {
    return clusterIds;
  }

  public List<Cell> getCells() {
    return cells;
  }

  /** Bytes this entry takes on disk, framing included. */
  public int getEncodedSize() {
    return WalEntryCodec.encodedSize(this);
  }

  /** The same edit with {@code clusterId} appended to its origin cluster ids. */
  public WalEntry withClusterId(UUID clusterId) {
    return new WalEntry(region, table, sequenceId, writeTime,
        ImmutableList.<UUID>builder().addAll(clusterIds).add(clusterId).build(), cells);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof WalEntry)) {
      return false;
    }
    WalEntry e = (WalEntry) o;
    if (e.sequenceId != sequenceId || e.writeTime != writeTime || !e.region.equals(region)
        || !e.table.equals(table) || !e.clusterIds.equals(clusterIds)
        || e.cells.size() != cells.size()) {
      return false;
    }
    for (int i = 0; i < cells.size(); i++) {
      Cell a = cells.get(i);
      Cell b = e.cells.get(i);
      if (!a.equals(b) && !b.equals(a) || a.getSequenceId() != b.getSequenceId()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(region, table, sequenceId, writeTime, clusterIds, cells.size());
  }

  @Override
  public String toString() {
    return "WalEntry{region=" + region + ", table=" + table + ", seqId=" + sequenceId
        + ", writeTime=" + writeTime + ", clusters=" + clusterIds + ", cells=" + cells.size() + "}";
  }
}
