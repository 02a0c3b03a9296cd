package io.cellar.lsm.store;

import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.compaction.CompactionCandidate;
import io.cellar.lsm.hfile.CacheOnWrite;
import io.cellar.lsm.hfile.HFileInfo;
import io.cellar.lsm.hfile.HFileReader;
import io.cellar.lsm.read.KeyValueScanner;
import io.cellar.lsm.read.ReadBounds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live HFile of a store: its open reader plus a reference count. The store holds one
 * reference while the file is in its file set; each open scanner holds another. When a
 * compaction replaces the file, the store {@link #retire}s it: the reader is closed, and the
 * file deleted if it was compacted away, only once the last scanner using it is closed. So a
 * compaction never breaks a running read. Thread-safe.
 */
public final class StoreFile implements CompactionCandidate {
  private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);

  private final String name;
  private final Path path;
  private final HFileReader reader;
  private final long fileSize;
  private final AtomicInteger refs = new AtomicInteger(1); // the store's own reference
  private final AtomicBoolean retired = new AtomicBoolean();
  private volatile boolean deleteWhenUnused;

  private StoreFile(Path path, HFileReader reader, long fileSize) {
    this.name = path.getFileName().toString();
    this.path = path;
    this.reader = reader;
    this.fileSize = fileSize;
  }

  /**
   * Opens the HFile at {@code path}.
   *
   * @throws io.cellar.common.exceptions.CorruptFileException naming the file when it is not a
   *     valid HFile
   */
  static StoreFile open(Path path, BlockCache cache) throws IOException {
    HFileReader reader = HFileReader.open(path, cache);
    return new StoreFile(path, reader, Files.size(path));
  }

  /**
   * Opens the HFile at {@code path}, written with {@code written} as its cache-on-write target
   * (null: it was not), so its reader finds the blocks cached under that file id.
   */
  static StoreFile open(Path path, BlockCache cache, CacheOnWrite written) throws IOException {
    if (written == null) {
      return open(path, cache);
    }
    HFileReader reader;
    try {
      reader = HFileReader.open(path, cache, written.fileId());
    } catch (IOException | RuntimeException e) {
      written.cache().evictFile(written.fileId());
      throw e;
    }
    return new StoreFile(path, reader, Files.size(path));
  }

  @Override
  public String getName() {
    return name;
  }

  public Path getPath() {
    return path;
  }

  public HFileInfo getInfo() {
    return reader.getFileInfo();
  }

  HFileReader getReader() {
    return reader;
  }

  @Override
  public long getFileSize() {
    return fileSize;
  }

  @Override
  public long getMaxSequenceId() {
    return reader.getFileInfo().getMaxSequenceId();
  }

  @Override
  public boolean isMajorCompacted() {
    return reader.getFileInfo().isMajorCompacted();
  }

  @Override
  public long getCreationTimeMillis() {
    return reader.getFileInfo().getCreatedMillis();
  }

  public long getCellCount() {
    return reader.getFileInfo().getCellCount();
  }

  /** False when the file provably holds nothing a read with these bounds can see. */
  boolean passesBounds(ReadBounds bounds) {
    return reader.passesBounds(bounds);
  }

  /**
   * Takes a reference for a scanner. Fails (false) when the file was retired and its reader
   * closed meanwhile; the caller then re-reads the store's file set.
   */
  boolean tryAcquire() {
    while (true) {
      int r = refs.get();
      if (r <= 0) {
        return false;
      }
      if (refs.compareAndSet(r, r + 1)) {
        return true;
      }
    }
  }

  /** Drops one reference; the last one closes the reader (and deletes a compacted file). */
  void release() {
    int r = refs.decrementAndGet();
    if (r == 0) {
      reader.close();
      if (deleteWhenUnused) {
        try {
          Files.deleteIfExists(path);
        } catch (IOException e) {
          // Harmless: a file not in the manifest is a leftover, deleted at the next open.
          LOG.warn("Could not delete compacted file {}", path, e);
        }
      }
    } else if (r < 0) {
      throw new IllegalStateException("StoreFile " + name + " released too often");
    }
  }

  /**
   * Drops the store's reference: the file has left the file set. With {@code delete}, the file
   * is removed from disk once no scanner uses it. Idempotent.
   */
  void retire(boolean delete) {
    if (retired.compareAndSet(false, true)) {
      deleteWhenUnused = delete;
      release();
    }
  }

  /** Live references (the store's, when still in the set, plus open scanners); for tests. */
  int getReferenceCount() {
    return refs.get();
  }

  /**
   * A scanner over the file that hides cells above {@code readPoint} and holds a reference
   * until closed. REQUIRES: the caller acquired
   * a reference with {@link #tryAcquire}; the scanner takes it over.
   */
  KeyValueScanner scannerOwningReference(boolean cacheBlocks, long order, long readPoint) {
    return new StoreFileScanner(this, reader.getScanner(cacheBlocks, order), readPoint);
  }

  @Override
  public String toString() {
    return "StoreFile{" + name + ", size=" + fileSize + ", " + getInfo() + "}";
  }
}
