package io.cellar.regionserver;

import io.cellar.client.Append;
import io.cellar.client.CheckAndMutate;
import io.cellar.client.CheckAndMutateResult;
import io.cellar.client.Get;
import io.cellar.client.Increment;
import io.cellar.client.Mutation;
import io.cellar.client.Result;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Increment, Append and CheckAndMutate: read the row's current values and write the outcome as
 * one atomic step under the row lock. Before reading it waits until every write issued so far is
 * visible, so the read can never miss an acknowledged (or still finishing) write to the row.
 */
final class ReadModifyWrite {
  private final Region region;

  ReadModifyWrite(Region region) {
    this.region = region;
  }

  /** Adds each amount to the column's newest value (a missing column counts as 0). */
  Result increment(Increment inc) throws IOException {
    byte[] row = checkCells(inc);
    return readModifyWrite(inc, row, (current, cells, now) -> {
      List<KeyValue> out = new ArrayList<>();
      for (Map.Entry<String, List<Cell>> col : byColumn(cells).entrySet()) {
        Cell first = col.getValue().get(0);
        long amount = 0;
        for (Cell c : col.getValue()) {
          amount += Bytes.getLong(c.getValueArray(), c.getValueOffset());
        }
        Cell old = current.get(col.getKey());
        long base = 0;
        if (old != null) {
          if (old.getValueLength() != Long.BYTES) {
            throw new InvalidRequestException("Cannot increment column "
                + col.getKey() + " of row " + Bytes.toStringBinary(row) + ": its value is "
                + old.getValueLength() + " bytes, not an 8-byte long");
          }
          base = Bytes.getLong(old.getValueArray(), old.getValueOffset());
        }
        out.add(newCell(row, first, old, now, Bytes.toBytes(base + amount)));
      }
      return out;
    }, inc.isReturnResults());
  }

  /** Appends each value to the column's newest value (a missing column starts empty). */
  Result append(Append app) throws IOException {
    byte[] row = checkCells(app);
    return readModifyWrite(app, row, (current, cells, now) -> {
      List<KeyValue> out = new ArrayList<>();
      for (Map.Entry<String, List<Cell>> col : byColumn(cells).entrySet()) {
        Cell old = current.get(col.getKey());
        List<byte[]> parts = new ArrayList<>();
        if (old != null) {
          parts.add(Cells.cloneValue(old));
        }
        for (Cell c : col.getValue()) {
          parts.add(Cells.cloneValue(c));
        }
        byte[] value = Bytes.concat(parts.toArray(new byte[0][]));
        KeyValue kv = newCell(row, col.getValue().get(0), old, now, value);
        region.validator().checkCell(row, Cells.cloneFamily(kv), kv);
        out.add(kv);
      }
      return out;
    }, app.isReturnResults());
  }

  /** Applies the action if the condition on the column's newest value holds. */
  CheckAndMutateResult checkAndMutate(CheckAndMutate cam) throws IOException {
    byte[] row = cam.getRow();
    RequestValidator v = region.validator();
    v.checkRow(row);
    v.checkFamily(cam.getFamily());
    List<Mutation> actions = cam.getMutation() != null
        ? List.of(cam.getMutation()) : cam.getRowMutations().getMutations();
    List<PreparedEdit> edits = new ArrayList<>();
    for (Mutation m : actions) {
      if (!java.util.Arrays.equals(m.getRow(), row)) {
        throw new InvalidRequestException("CheckAndMutate action row "
            + Bytes.toStringBinary(m.getRow()) + " differs from the checked row "
            + Bytes.toStringBinary(row));
      }
      edits.add(region.writes().prepare(m));
    }
    region.awaitWriteRoom();
    RegionWritePath.PendingWrite pending = null;
    try (RowLocks.Held lock = region.rowLocks().lockRow(row)) {
      region.awaitAllWritesVisible();
      Get g = new Get(row).addColumn(cam.getFamily(), cam.getQualifier());
      if (cam.getTimeRange() != null) {
        g.setTimeRange(cam.getTimeRange());
      }
      List<Cell> cells = region.readRow(g, region.mvcc().getReadPoint());
      if (!cam.isConditionMet(cells.isEmpty() ? null : cells.get(0))) {
        return new CheckAndMutateResult(false, null);
      }
      if (!edits.isEmpty()) {
        pending = region.writes().applyLocked(edits);
      }
    }
    if (pending != null) {
      region.writes().finish(pending);
    }
    return new CheckAndMutateResult(true, null);
  }

  /** Computes the new cells from the current ones; may throw for bad input. */
  @FunctionalInterface
  private interface Computation {
    List<KeyValue> apply(Map<String, Cell> current, List<Cell> requested, long now)
        throws IOException;
  }

  private Result readModifyWrite(Mutation m, byte[] row, Computation computation,
      boolean returnResults) throws IOException {
    List<Cell> requested = m.getCells();
    region.awaitWriteRoom();
    List<KeyValue> written;
    RegionWritePath.PendingWrite pending;
    try (RowLocks.Held lock = region.rowLocks().lockRow(row)) {
      region.awaitAllWritesVisible();
      Get g = new Get(row);
      for (Cell c : requested) {
        g.addColumn(Cells.cloneFamily(c), Cells.cloneQualifier(c));
      }
      Map<String, Cell> current = new HashMap<>();
      for (Cell c : region.readRow(g, region.mvcc().getReadPoint())) {
        current.putIfAbsent(columnKey(c), c);
      }
      long now = region.services().getClock().currentTimeMillis();
      written = computation.apply(current, requested, now);
      pending = region.writes().applyLocked(List.of(new PreparedEdit(row, written,
          region.writes().resolveDurability(m.getDurability()))));
    }
    region.writes().finish(pending);
    return returnResults ? Result.create(written) : Result.EMPTY_RESULT;
  }

  private byte[] checkCells(Mutation m) throws IOException {
    byte[] row = m.getRow();
    RequestValidator v = region.validator();
    v.checkRow(row);
    if (m.isEmpty()) {
      throw new InvalidRequestException(m.getClass().getSimpleName()
          + " of row " + Bytes.toStringBinary(row) + " names no column");
    }
    for (Map.Entry<byte[], List<Cell>> e : m.getFamilyCellMap().entrySet()) {
      v.checkFamily(e.getKey());
      for (Cell c : e.getValue()) {
        v.checkCell(row, e.getKey(), c);
      }
    }
    return row;
  }

  /** The new version: the requested timestamp if set, else now but never older than the old. */
  private static KeyValue newCell(byte[] row, Cell requested, Cell old, long now, byte[] value) {
    long ts = requested.getTimestamp() != KeyValue.LATEST_TIMESTAMP ? requested.getTimestamp()
        : old == null ? now : Math.max(now, old.getTimestamp());
    return KeyValue.create(row, Cells.cloneFamily(requested), Cells.cloneQualifier(requested),
        ts, CellType.PUT, value);
  }

  private static Map<String, List<Cell>> byColumn(List<Cell> cells) {
    Map<String, List<Cell>> out = new LinkedHashMap<>();
    for (Cell c : cells) {
      out.computeIfAbsent(columnKey(c), k -> new ArrayList<>()).add(c);
    }
    return out;
  }

  private static String columnKey(Cell c) {
    return Bytes.toStringBinary(Cells.cloneFamily(c)) + ":"
        + Bytes.toStringBinary(Cells.cloneQualifier(c));
  }
}
