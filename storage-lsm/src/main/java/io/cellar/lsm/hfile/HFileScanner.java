package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.lsm.read.KeyValueScanner;
import io.cellar.lsm.read.ReadBounds;
import java.io.IOException;

/**
 * A cursor over one HFile's cells for the read path. Unpositioned (peek() == null) until a seek.
 * Cells handed out are KeyValue slices of immutable (possibly cached) blocks carrying their
 * sequence ids, so they stay valid after the scanner moves. Not thread-safe: one reader thread
 * per scanner; many scanners share one {@link HFileReader}.
 */
public final class HFileScanner implements KeyValueScanner {
  private final HFileReader reader;
  private final boolean cacheBlocks;
  private final long scannerOrder;
  private HFileBlock block;
  private int index;
  private Cell current;

  HFileScanner(HFileReader reader, boolean cacheBlocks, long scannerOrder) {
    this.reader = reader;
    this.cacheBlocks = cacheBlocks;
    this.scannerOrder = scannerOrder;
  }

  public HFileReader getReader() {
    return reader;
  }

  @Override
  public Cell peek() {
    return current;
  }

  @Override
  public Cell next() throws IOException {
    Cell c = current;
    if (c != null) {
      advance();
    }
    return c;
  }

  private void advance() throws IOException {
    index++;
    if (index < block.entryCount()) {
      current = block.cellAt(index);
      return;
    }
    long next = block.offset() + block.onDiskSize();
    if (next >= reader.dataEndOffset()) {
      exhaust();
      return;
    }
    block = reader.getBlock(next, -1, BlockType.DATA, cacheBlocks);
    index = 0;
    current = block.entryCount() > 0 ? block.cellAt(0) : null;
    if (current == null) {
      exhaust();
    }
  }

  private boolean exhaust() {
    current = null;
    block = null;
    return false;
  }

  @Override
  public boolean seek(Cell key) throws IOException {
    HFileBlock b = reader.seekDataBlock(key, cacheBlocks);
    if (b == null) {
      return exhaust();
    }
    block = b;
    index = b.search(key, 0);
    if (index < b.entryCount()) {
      current = b.cellAt(index);
    } else {
      // Only when the index key and block disagree; stay correct by moving on.
      index = b.entryCount() - 1;
      advance();
    }
    return current != null;
  }

  @Override
  public boolean reseek(Cell key) throws IOException {
    if (current == null) {
      return false;
    }
    byte[] data = block.data();
    if (EncodedCellComparator.compare(key, data, block.entryOffset(index)) <= 0) {
      return true;
    }
    int last = block.entryCount() - 1;
    if (EncodedCellComparator.compare(key, data, block.entryOffset(last)) <= 0) {
      index = block.search(key, index + 1);
      current = block.cellAt(index);
      return true;
    }
    return seek(key);
  }

  @Override
  public boolean seekToPreviousRow(Cell key) throws IOException {
    byte[] row = Bytes.copy(key.getRowArray(), key.getRowOffset(), key.getRowLength());
    Cell prev = cellBefore(KeyValue.firstOnRow(row));
    if (prev == null) {
      return exhaust();
    }
    byte[] prevRow = Bytes.copy(prev.getRowArray(), prev.getRowOffset(), prev.getRowLength());
    return seek(KeyValue.firstOnRow(prevRow));
  }

  /** The last cell < key, or null. Moves the position. */
  private Cell cellBefore(Cell key) throws IOException {
    if (!seek(key)) {
      Cell last = reader.getFileInfo().getLastKey();
      if (last == null || !seek(last)) {
        return null;
      }
      return current;
    }
    if (index > 0) {
      return block.cellAt(index - 1);
    }
    long prevOffset = block.prevOffset();
    if (prevOffset < 0) {
      return null;
    }
    HFileBlock pb = reader.getBlock(prevOffset, -1, BlockType.DATA, cacheBlocks);
    return pb.cellAt(pb.entryCount() - 1);
  }

  @Override
  public boolean backwardSeek(Cell key) throws IOException {
    if (seek(key) && EncodedCellComparator.matchesRow(block.data(), block.entryOffset(index),
        key.getRowArray(), key.getRowOffset(), key.getRowLength())) {
      return true;
    }
    return seekToPreviousRow(key);
  }

  @Override
  public boolean seekToLastRow() throws IOException {
    Cell last = reader.getFileInfo().getLastKey();
    if (last == null) {
      return exhaust();
    }
    byte[] row = Bytes.copy(last.getRowArray(), last.getRowOffset(), last.getRowLength());
    return seek(KeyValue.firstOnRow(row));
  }

  @Override
  public long getScannerOrder() {
    return scannerOrder;
  }

  @Override
  public boolean shouldUseScanner(ReadBounds bounds) {
    return reader.passesBounds(bounds);
  }

  @Override
  public void close() {
    exhaust();
  }

  @Override
  public String toString() {
    return "HFileScanner{" + reader.getPath() + ", order=" + scannerOrder + "}";
  }
}
