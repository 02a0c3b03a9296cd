package io.cellar.regionserver;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.wal.RecoveredEdits;
import io.cellar.wal.ReplayResult;
import io.cellar.wal.WalEntry;
import io.cellar.wal.WalReplayer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a region: its directory, one store per family, then replays what the stores' files do
 * not hold yet, first the recovered edits split from a dead server's WAL, then this server's WAL,
 * each edit only into the stores whose flushed sequence id is below the edit's. The MVCC starts
 * past the highest sequence id seen; anything replayed is flushed at once so the replayed WAL can
 * be archived and the recovered edits deleted. Torn WAL tails are tolerated (logged).
 */
final class RegionOpener {
  private static final Logger LOG = LoggerFactory.getLogger(RegionOpener.class);

  private RegionOpener() {}

  static Region open(RegionInfo info, TableDescriptor table, Path rootDir,
      RegionServices services) throws IOException {
    RegionDirectory dir = RegionDirectory.create(rootDir, info);
    NavigableMap<byte[], FamilyStore> stores = new TreeMap<>(Bytes::compare);
    try {
      for (ColumnFamilyDescriptor f : table.getColumnFamilies()) {
        stores.put(f.getName(), LsmFamilyStore.open(info, table, f,
            dir.storeDir(f.getNameAsString()), services));
      }
      long minFlushed = Long.MAX_VALUE;
      long maxFlushed = 0;
      for (FamilyStore s : stores.values()) {
        minFlushed = Math.min(minFlushed, s.maxFlushedSequenceId());
        maxFlushed = Math.max(maxFlushed, s.maxFlushedSequenceId());
      }
      long[] replayed = new long[1];
      long[] maxSeq = {maxFlushed};
      io.cellar.wal.WalEntryConsumer apply = e -> {
        if (!e.getRegion().equals(info.getEncodedName())) {
          return;
        }
        maxSeq[0] = Math.max(maxSeq[0], e.getSequenceId());
        replayed[0] += applyEntry(e, stores);
      };
      Path editsDir = dir.recoveredEditsDir();
      ReplayResult fromEdits = RecoveredEdits.replay(editsDir, info.getEncodedName(),
          minFlushed, apply);
      ReplayResult fromWal = WalReplayer.replayRegion(services.getWal().getConfig().walDir(),
          info.getEncodedName(), minFlushed, apply);
      logDamage(info, fromEdits);
      logDamage(info, fromWal);
      long startSeq = Math.max(maxSeq[0], services.lastSequenceId(info.getEncodedName()));
      Region region = new Region(info, table, services, dir, stores, startSeq, maxFlushed);
      if (replayed[0] > 0) {
        LOG.info("Region {} replayed {} cells (max sequence id {}); flushing them",
            info.getEncodedName(), replayed[0], maxSeq[0]);
        region.flush(true);
      }
      RecoveredEdits.deleteAll(editsDir);
      return region;
    } catch (IOException | RuntimeException e) {
      for (FamilyStore s : stores.values()) {
        try {
          s.close();
        } catch (IOException ce) {
          e.addSuppressed(ce);
        }
      }
      throw e;
    }
  }

  /** Adds the entry's cells to the stores that have not flushed them; returns cells applied. */
  private static long applyEntry(WalEntry e, NavigableMap<byte[], FamilyStore> stores) {
    long n = 0;
    for (Cell c : e.getCells()) {
      FamilyStore s = stores.get(Cells.cloneFamily(c));
      if (s == null) {
        continue; // the family was dropped from the table since
      }
      if (e.getSequenceId() > s.maxFlushedSequenceId()) {
        s.add(c, e.getSequenceId());
        n++;
      }
    }
    return n;
  }

  private static void logDamage(RegionInfo info, ReplayResult r) {
    if (!r.corruptions().isEmpty()) {
      LOG.error("Region {} replay skipped damaged WAL data: {}", info.getEncodedName(),
          r.corruptions());
    }
  }
}
