package io.cellar.regionserver;

import io.cellar.client.Delete;
import io.cellar.client.Mutation;
import io.cellar.client.Put;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.Durability;
import io.cellar.lsm.mvcc.MultiVersionConcurrencyControl;
import io.cellar.lsm.mvcc.MultiVersionConcurrencyControl.WriteEntry;
import io.cellar.wal.WalEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The write path of a region: validation into {@link PreparedEdit}s, then, under the row locks
 * the caller holds, timestamps, one MVCC write number (the sequence id) for the whole group, WAL
 * append and memstore insert ({@link #applyLocked}); then, after the locks are released, one WAL
 * sync for the group and the MVCC completion that makes it visible ({@link #finish}).
 *
 * <p>If the WAL sync fails the write is reported failed, but its cells stay in the memstore
 * (they become visible and are flushed like any other): the outcome is unknown to the client,
 * as with a timeout. The WAL itself fails for good after an I/O error, so the server must abort.
 */
final class RegionWritePath {
  private final Region region;
  /** {@link #isDurable}, allocated once: finish() passes it to MVCC on every write. */
  private final Predicate<Object> durableCheck = this::isDurable;

  RegionWritePath(Region region) {
    this.region = region;
  }

  /** What {@link #finish} needs after the row locks are released. */
  record PendingWrite(WriteEntry writeEntry, long txid, Durability durability) {}

  /** Validates a Put or Delete and copies its cells. */
  PreparedEdit prepare(Mutation m) throws IOException {
    if (!(m instanceof Put) && !(m instanceof Delete)) {
      throw new InvalidRequestException("Only Put and Delete can be applied here, not "
          + m.getClass().getSimpleName());
    }
    byte[] row = m.getRow();
    RequestValidator v = region.validator();
    v.checkRow(row);
    List<KeyValue> cells = new ArrayList<>(m.size());
    if (m instanceof Delete && ((Delete) m).isWholeRow()) {
      // a row delete is a DeleteFamily marker in every family
      for (ColumnFamilyDescriptor f : region.getTableDescriptor().getColumnFamilies()) {
        cells.add(KeyValue.create(row, f.getName(), Bytes.EMPTY, m.getTimestamp(),
            CellType.DELETE_FAMILY, Bytes.EMPTY));
      }
    } else {
      if (m.isEmpty()) {
        throw new InvalidRequestException("A Put must hold at least one cell (row "
            + Bytes.toStringBinary(row) + ")");
      }
      for (Map.Entry<byte[], List<Cell>> e : m.getFamilyCellMap().entrySet()) {
        byte[] family = e.getKey();
        v.checkFamily(family);
        List<Cell> familyCells = e.getValue();
        for (int i = 0; i < familyCells.size(); i++) {
          Cell c = familyCells.get(i);
          v.checkCell(row, family, c);
          if (m instanceof Put ? c.getType() != CellType.PUT : !c.getType().isDelete()) {
            throw new InvalidRequestException("A " + m.getClass().getSimpleName()
                + " cannot hold a " + c.getType() + " cell");
          }
          cells.add(KeyValue.copyOf(c));
        }
      }
    }
    return new PreparedEdit(row, cells, resolveDurability(m.getDurability()));
  }

  Durability resolveDurability(Durability d) {
    if (d != Durability.USE_DEFAULT) {
      return d;
    }
    Durability t = region.getTableDescriptor().getDurability();
    return t == Durability.USE_DEFAULT ? Durability.SYNC_WAL : t;
  }

  /**
   * Stamps, logs and inserts {@code edits} as one MVCC write. REQUIRES: the caller holds the row
   * locks of every edit. The caller must pass the result to {@link #finish} after releasing them.
   */
  PendingWrite applyLocked(List<PreparedEdit> edits) throws IOException {
    region.updatesLock().readLock().lock();
    try {
      region.checkOpenForWrites();
      long now = region.services().getClock().currentTimeMillis();
      for (PreparedEdit e : edits) {
        stampTimestamps(e, now);
      }
      MultiVersionConcurrencyControl mvcc = region.mvcc();
      WriteEntry we = mvcc.begin();
      long seq = we.getWriteNumber();
      long txid = -1;
      Durability strongest = Durability.SKIP_WAL;
      try {
        for (PreparedEdit e : edits) {
          for (KeyValue kv : e.cells()) {
            kv.setSequenceId(seq);
          }
          if (e.durability() != Durability.SKIP_WAL) {
            txid = region.services().getWal().append(WalEntry.of(
                region.getRegionInfo().getEncodedName(),
                region.getTableDescriptor().getTableName(), seq, now, e.cells()));
            if (e.durability().ordinal() > strongest.ordinal()) {
              strongest = e.durability();
            }
          }
        }
      } catch (IOException | RuntimeException walFailure) {
        // nothing reached the memstore: retire the write number and fail the whole group
        mvcc.complete(we);
        throw walFailure;
      }
      try {
        for (PreparedEdit e : edits) {
          insert(e.cells(), seq);
        }
      } catch (RuntimeException | Error memstoreFailure) {
        // never leave a write number open: the read point would stall for every reader
        mvcc.complete(we);
        throw memstoreFailure;
      }
      PendingWrite pending = new PendingWrite(we, txid, strongest);
      we.markApplied(pending);
      return pending;
    } finally {
      region.updatesLock().readLock().unlock();
    }
  }

  /**
   * Syncs the WAL as the group's strongest durability asks, then completes the MVCC write and
   * waits until it is visible. Throws if the sync failed (the write is not acknowledged).
   */
  void finish(PendingWrite w) throws IOException {
    IOException syncFailure = null;
    try {
      if (w.txid() >= 0) {
        region.services().getWal().sync(w.txid(), w.durability());
      }
    } catch (IOException e) {
      syncFailure = e;
    } finally {
      region.mvcc().completeAndWait(w.writeEntry(), durableCheck);
    }
    region.afterWrite();
    if (syncFailure != null) {
      throw new CellarException("WAL sync failed; the write of region "
          + region.getRegionInfo().getEncodedName() + " is not acknowledged (its cells stay "
          + "in the memstore, so it may still become durable at the next flush)", syncFailure);
    }
  }

  /** Adds cells (grouped by family, as prepare() leaves them) to their stores' memstores. */
  private void insert(List<KeyValue> cells, long seq) {
    FamilyStore store = null;
    KeyValue storeCell = null; // a cell of store's family
    for (int i = 0; i < cells.size(); i++) {
      KeyValue kv = cells.get(i);
      if (store == null || !Cells.matchingFamily(kv, storeCell)) {
        store = region.store(Cells.cloneFamily(kv));
        storeCell = kv;
      }
      store.add(kv, seq);
    }
  }

  /**
   * Whether another writer's applied write (its {@link PendingWrite}) is durable as it asked, so
   * this thread may complete it in MVCC on its behalf instead of waiting for it to run.
   */
  private boolean isDurable(Object appliedToken) {
    PendingWrite p = (PendingWrite) appliedToken;
    return p.txid() < 0 || region.services().getWal().isDurable(p.txid(), p.durability());
  }

  /**
   * Replaces LATEST timestamps with the server clock; a Delete of the newest version (type
   * Delete at LATEST) gets the newest existing version's timestamp, or now when there is none.
   */
  private void stampTimestamps(PreparedEdit e, long now) throws IOException {
    Map<String, Integer> latestDeletesPerColumn = null;
    List<KeyValue> cells = e.cells();
    for (int i = 0; i < cells.size(); i++) {
      KeyValue kv = cells.get(i);
      if (kv.getTimestamp() != KeyValue.LATEST_TIMESTAMP) {
        continue;
      }
      if (kv.getType() == CellType.DELETE) {
        if (latestDeletesPerColumn == null) {
          latestDeletesPerColumn = new HashMap<>();
        }
        String col = Bytes.toStringBinary(Cells.cloneFamily(kv)) + ":"
            + Bytes.toStringBinary(Cells.cloneQualifier(kv));
        int nth = latestDeletesPerColumn.merge(col, 1, Integer::sum);
        List<Cell> versions = region.newestVersions(e.row(), Cells.cloneFamily(kv),
            Cells.cloneQualifier(kv), nth);
        setTimestamp(kv, versions.size() >= nth ? versions.get(nth - 1).getTimestamp() : now);
      } else {
        setTimestamp(kv, now);
      }
    }
  }

  /** Overwrites the timestamp of a cell this path owns (a private copy). */
  static void setTimestamp(KeyValue kv, long ts) {
    Bytes.putLong(kv.getBuffer(), kv.getOffset() + 8 + kv.getKeyLength() - 9, ts);
  }
}
