package io.cellar.lsm.memstore;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * MSLAB-style arena: copies cells into large chunks so the heap holds few big arrays instead of
 * one small array per cell. Chunks are never reused or freed while referenced, so a
 * {@link ChunkCell} stays valid for as long as someone holds it. Each chunk has an id, so a
 * flattened index can address a cell with one long (chunk id, offset).
 *
 * <p>Thread-safe: allocation is a CAS on the current chunk's fill pointer.
 */
final class ChunkArena {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final int chunkSize;
  private final int oversizedThreshold;
  private volatile Chunk current;
  private volatile byte[][] chunks = new byte[16][]; // by id; replaced (copied) on growth
  private int chunkCount; // guarded by this
  private long allocatedBytes; // guarded by this; sum of chunk capacities

  private static final class Chunk {
    final byte[] data;
    final int id;
    final AtomicInteger next = new AtomicInteger();

    Chunk(byte[] data, int id) {
      this.data = data;
      this.id = id;
    }

    int alloc(int size) {
      while (true) {
        int off = next.get();
        if (off + size > data.length) {
          return -1;
        }
        if (next.compareAndSet(off, off + size)) {
          return off;
        }
      }
    }
  }

  ChunkArena(int chunkSize) {
    this.chunkSize = chunkSize;
    this.oversizedThreshold = chunkSize / 4;
  }

  /** Copies {@code cell} with {@code seqId} into the arena. */
  ChunkCell copy(Cell cell, long seqId) {
    int len = cell.getSerializedSize();
    int size = 8 + len;
    byte[] data;
    int id;
    int off;
    if (size > oversizedThreshold) {
      data = new byte[size];
      synchronized (this) {
        id = register(data);
      }
      off = 0;
    } else {
      while (true) {
        Chunk c = current;
        if (c != null && (off = c.alloc(size)) >= 0) {
          data = c.data;
          id = c.id;
          break;
        }
        synchronized (this) {
          if (current == c) {
            byte[] fresh = new byte[chunkSize];
            current = new Chunk(fresh, register(fresh));
          }
        }
      }
    }
    LONG.set(data, off, seqId);
    if (cell instanceof KeyValue) {
      KeyValue kv = (KeyValue) cell; // already in this encoding: one copy
      System.arraycopy(kv.getBuffer(), kv.getOffset(), data, off + 8, len);
    } else {
      KeyValue.writeCell(cell, data, off + 8);
    }
    return new ChunkCell(data, id, off + 8);
  }

  private int register(byte[] data) {
    byte[][] table = chunks;
    if (chunkCount == table.length) {
      byte[][] bigger = new byte[table.length * 2][];
      System.arraycopy(table, 0, bigger, 0, table.length);
      table = bigger;
    }
    table[chunkCount] = data;
    chunks = table; // volatile publish after the slot is filled
    allocatedBytes += data.length;
    return chunkCount++;
  }

  /** The chunk table; it holds every chunk allocated before this call. */
  byte[][] chunkTable() {
    return chunks;
  }

  synchronized long allocatedBytes() {
    return allocatedBytes;
  }
}
