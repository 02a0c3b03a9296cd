package io.cellar.regionserver;

import io.cellar.common.cell.KeyValue;
import io.cellar.common.schema.Durability;
import java.util.List;

/**
 * One validated row mutation on its way into the region: the row, private copies of its cells
 * (so the server may stamp timestamps and sequence ids without touching the caller's objects),
 * in family order, and the durability it asked for (already resolved against the table).
 */
record PreparedEdit(byte[] row, List<KeyValue> cells, Durability durability) {}
