package io.cellar.lsm.store;

import io.cellar.common.exceptions.CorruptFileException;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.store.StoreFaultPoints.Point;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A store's live files and the manifest that lists them, kept in step: every change rewrites
 * the manifest first (the commit point) and then swaps the in-memory {@link StoreFileSet}. Files
 * that leave the set are retired (closed, and deleted if compacted away, once no scanner reads
 * them). Readers that must see the files together with the memstore hold {@link #viewLock()}
 * while they collect their sources; swaps take its write side, so a file and the memstore
 * snapshot it replaces never both appear or both vanish. Thread-safe.
 */
final class LiveFiles {
  private final StoreDirectory dir;
  private final StoreFaultPoints faults;
  /** Serializes manifest rewrites. */
  private final Object commitLock = new Object();
  private final ReentrantReadWriteLock view = new ReentrantReadWriteLock();
  private StoreManifest manifest; // guarded by commitLock
  private boolean closed; // guarded by commitLock
  private volatile StoreFileSet files;

  private LiveFiles(StoreDirectory dir, StoreFaultPoints faults, StoreManifest manifest,
      StoreFileSet files) {
    this.dir = dir;
    this.faults = faults;
    this.manifest = manifest;
    this.files = files;
  }

  /**
   * Reads the manifest of {@code dir}, deletes what is not listed (leftovers of interrupted
   * flushes and compactions) and opens every listed file. A store directory without a
   * manifest gets an empty one, unless it holds store files: then it is refused.
   *
   * @throws CorruptFileException naming the file when the manifest or a listed file is
   *     damaged or missing; nothing is deleted or skipped in that case
   */
  static LiveFiles load(StoreDirectory dir, BlockCache cache, StoreFaultPoints faults)
      throws IOException {
    Path storeDir = dir.path();
    Optional<StoreManifest> read = StoreManifest.read(storeDir);
    StoreManifest manifest;
    if (read.isPresent()) {
      manifest = read.get();
    } else {
      if (dir.hasStoreFiles()) {
        throw new CorruptFileException("Store " + storeDir + " holds store files but no "
            + StoreManifest.FILE_NAME + "; refusing to open it (and to delete the files)");
      }
      manifest = StoreManifest.empty();
      manifest.writeTo(storeDir);
    }
    List<StoreFile> opened = new ArrayList<>();
    try {
      for (String fileName : manifest.getFileNames()) {
        opened.add(openListedFile(dir.fileOf(fileName), storeDir, cache));
      }
      // Only once every listed file opened: a damaged store is left exactly as found.
      dir.deleteLeftovers(Set.copyOf(manifest.getFileNames()));
    } catch (IOException | RuntimeException e) {
      opened.forEach(f -> f.retire(false));
      throw e;
    }
    return new LiveFiles(dir, faults, manifest, StoreFileSet.of(opened));
  }

  private static StoreFile openListedFile(Path p, Path storeDir, BlockCache cache)
      throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new CorruptFileException("Store file " + p + " is listed in the manifest of "
          + storeDir + " but missing");
    }
    try {
      return StoreFile.open(p, cache);
    } catch (CorruptFileException e) {
      throw new CorruptFileException("Cannot open store " + storeDir + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new CorruptFileException("Cannot open store " + storeDir + ": store file " + p
          + " is unreadable: " + e, e);
    }
  }

  /** The current set; may change right after. */
  StoreFileSet current() {
    return files;
  }

  /** Hold while collecting read sources that must match the memstore. */
  Lock viewLock() {
    return view.readLock();
  }

  /**
   * Makes {@code file} (committed to the store directory) live: manifest first, then the swap,
   * during which {@code alsoInSwap} runs (a flush drops its memstore snapshot there).
   */
  void add(StoreFile file, Point afterManifest, Runnable alsoInSwap) throws IOException {
    synchronized (commitLock) {
      StoreFileSet next = files.plus(file);
      writeManifest(next, file);
      faults.reach(afterManifest);
      swap(next, alsoInSwap);
    }
  }

  /**
   * Replaces {@code inputs} by {@code output} in one manifest rewrite, then retires the inputs
   * (deleted once unused).
   */
  void replace(Collection<StoreFile> inputs, StoreFile output) throws IOException {
    synchronized (commitLock) {
      StoreFileSet next = files.replace(inputs, output);
      writeManifest(next, output);
      faults.reach(Point.COMPACTION_MANIFEST_WRITTEN);
      swap(next, null);
    }
    for (StoreFile in : inputs) {
      in.retire(true);
    }
  }

  /** Runs {@code action} with the view write-locked (no reader collects sources meanwhile). */
  void underSwapLock(Runnable action) {
    view.writeLock().lock();
    try {
      action.run();
    } finally {
      view.writeLock().unlock();
    }
  }

  private void swap(StoreFileSet next, Runnable alsoInSwap) {
    underSwapLock(() -> {
      files = next;
      if (alsoInSwap != null) {
        alsoInSwap.run();
      }
    });
  }

  /**
   * REQUIRES commitLock. If the write fails, the new file is closed but left on disk: whether
   * the rename happened is unknown, and if it did not, the next open deletes the file.
   */
  private void writeManifest(StoreFileSet next, StoreFile newFile) throws IOException {
    if (closed) {
      newFile.retire(false);
      throw new IOException("Store " + dir.path() + " is closed");
    }
    StoreManifest m = manifest.withFiles(next.names());
    try {
      m.writeTo(dir.path());
    } catch (IOException | RuntimeException e) {
      newFile.retire(false);
      throw e;
    }
    manifest = m;
  }

  /** Stops commits and retires every file (each closes once no scanner uses it). */
  void close() {
    StoreFileSet last;
    synchronized (commitLock) {
      closed = true;
      last = files;
      swap(StoreFileSet.EMPTY, null);
    }
    last.files().forEach(f -> f.retire(false));
  }
}
