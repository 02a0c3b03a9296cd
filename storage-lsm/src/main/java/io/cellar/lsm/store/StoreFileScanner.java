package io.cellar.lsm.store;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.lsm.read.KeyValueScanner;
import io.cellar.lsm.read.ReadBounds;
import java.io.IOException;

/**
 * A file scanner for one read: hides cells whose sequence id is above the read's MVCC read
 * point (a flush may have moved edits newer than the read into the file after the read began),
 * and keeps its {@link StoreFile} open: it owns one reference and gives it back on
 * {@link #close}, so a compaction that replaces the file waits for this reader before the file
 * is closed. When the whole file is below the read point it only delegates. Not thread-safe,
 * like every scanner.
 */
final class StoreFileScanner implements KeyValueScanner {
  private final StoreFile file;
  private final KeyValueScanner delegate;
  private final long readPoint;
  private final boolean filtering;
  private boolean closed;

  StoreFileScanner(StoreFile file, KeyValueScanner delegate, long readPoint) {
    this.file = file;
    this.delegate = delegate;
    this.readPoint = readPoint;
    this.filtering = file.getMaxSequenceId() > readPoint;
  }

  private boolean visible(Cell c) {
    return c.getSequenceId() <= readPoint;
  }

  /** Moves forward to the first visible cell. */
  private void settle() throws IOException {
    Cell c;
    while ((c = delegate.peek()) != null && !visible(c)) {
      delegate.next();
    }
  }

  /** Moves forward within {@code row} to its first visible cell; true if there is one. */
  private boolean settleInRow(byte[] row) throws IOException {
    Cell c;
    while ((c = delegate.peek()) != null && Cells.matchingRow(c, row)) {
      if (visible(c)) {
        return true;
      }
      delegate.next();
    }
    return false;
  }

  @Override
  public Cell peek() {
    return delegate.peek();
  }

  @Override
  public Cell next() throws IOException {
    Cell c = delegate.next();
    if (filtering && c != null) {
      settle();
    }
    return c;
  }

  @Override
  public boolean seek(Cell key) throws IOException {
    boolean found = delegate.seek(key);
    if (filtering && found) {
      settle();
      return delegate.peek() != null;
    }
    return found;
  }

  @Override
  public boolean reseek(Cell key) throws IOException {
    boolean found = delegate.reseek(key);
    if (filtering && found) {
      settle();
      return delegate.peek() != null;
    }
    return found;
  }

  @Override
  public boolean seekToPreviousRow(Cell key) throws IOException {
    if (!filtering) {
      return delegate.seekToPreviousRow(key);
    }
    Cell k = key;
    while (true) {
      if (!delegate.seekToPreviousRow(k)) {
        return false;
      }
      byte[] row = Cells.cloneRow(delegate.peek());
      if (settleInRow(row)) {
        return true;
      }
      k = KeyValue.firstOnRow(row); // every cell of that row is invisible: try the one before
    }
  }

  @Override
  public boolean backwardSeek(Cell key) throws IOException {
    if (!filtering) {
      return delegate.backwardSeek(key);
    }
    if (!delegate.backwardSeek(key)) {
      return false;
    }
    byte[] row = Cells.cloneRow(delegate.peek());
    return settleInRow(row) || seekToPreviousRow(KeyValue.firstOnRow(row));
  }

  @Override
  public boolean seekToLastRow() throws IOException {
    if (!filtering) {
      return delegate.seekToLastRow();
    }
    if (!delegate.seekToLastRow()) {
      return false;
    }
    byte[] row = Cells.cloneRow(delegate.peek());
    return settleInRow(row) || seekToPreviousRow(KeyValue.firstOnRow(row));
  }

  @Override
  public long getScannerOrder() {
    return delegate.getScannerOrder();
  }

  @Override
  public boolean shouldUseScanner(ReadBounds bounds) {
    return delegate.shouldUseScanner(bounds);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      delegate.close();
      file.release();
    }
  }

  @Override
  public String toString() {
    return "StoreFileScanner{" + file.getName() + ", readPoint=" + readPoint + "}";
  }
}
