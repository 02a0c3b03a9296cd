package io.cellar.regionserver.server;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.rpc.CellBlock;
import io.cellar.regionserver.RegionScanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One client scan open on one region: the region scanner, one chunk read ahead (to tell whether
 * more rows follow and whether a batched row continues), and its lease bookkeeping. Fetches are
 * serialized on this object; {@link ScannerLeases} marks it in use during a call so its lease
 * cannot expire under a running fetch.
 */
final class OpenScanner {
  /**
   * Rows of one fetch, with the flags the scan response carries ({@code partial} is empty when
   * the scan is not batched: every result is a whole row).
   */
  record Fetched(List<List<Cell>> results, List<Boolean> partial, boolean moreInRegion,
      long bytes) {}

  private final long id;
  private final OnlineRegion region;
  private final RegionScanner scanner;
  private final int defaultRows;
  private final long maxResultBytes;
  private final boolean batched;
  private List<Cell> lookahead; // guarded by this
  private boolean exhausted; // guarded by this
  private boolean closed; // guarded by this
  // guarded by the ScannerLeases' map lock (compute on this id)
  boolean inUse;
  long lastAccessNanos;

  OpenScanner(long id, OnlineRegion region, RegionScanner scanner, int defaultRows,
      long maxResultBytes, boolean batched) {
    this.id = id;
    this.region = region;
    this.scanner = scanner;
    this.defaultRows = defaultRows;
    this.maxResultBytes = maxResultBytes;
    this.batched = batched;
  }

  long id() {
    return id;
  }

  OnlineRegion region() {
    return region;
  }

  /**
   * Up to {@code rows} results ({@code rows <= 0}: the scan's caching), stopping early once
   * their cells pass the scan's max result size. A batched row may span results.
   */
  synchronized Fetched fetch(int rows) throws IOException {
    if (closed) {
      throw new IllegalStateException("scanner " + id + " is closed");
    }
    int want = rows > 0 ? rows : defaultRows;
    List<List<Cell>> results = new ArrayList<>(Math.min(want, 1024));
    long bytes = 0;
    while (results.size() < want && bytes < maxResultBytes) {
      List<Cell> chunk = nextChunk();
      if (chunk == null) {
        break;
      }
      results.add(chunk);
      for (Cell c : chunk) {
        bytes += CellBlock.sizeOf(c); // also the size of the response's cell block
      }
    }
    List<Cell> next = peekChunk();
    if (!batched) { // whole rows: no result continues in the next one
      return new Fetched(results, List.of(), next != null, bytes);
    }
    List<Boolean> partial = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) {
      List<Cell> following = i + 1 < results.size() ? results.get(i + 1) : next;
      partial.add(following != null && sameRow(results.get(i), following));
    }
    return new Fetched(results, partial, next != null, bytes);
  }

  private static boolean sameRow(List<Cell> a, List<Cell> b) {
    return Cells.matchingRow(a.get(0), b.get(0));
  }

  private List<Cell> peekChunk() throws IOException {
    if (lookahead == null) {
      lookahead = readChunk();
    }
    return lookahead;
  }

  private List<Cell> nextChunk() throws IOException {
    List<Cell> c = peekChunk();
    lookahead = null;
    return c;
  }

  /** The next non-empty chunk from the region scanner, or null at the end. */
  private List<Cell> readChunk() throws IOException {
    while (!exhausted) {
      List<Cell> out = new ArrayList<>();
      exhausted = !scanner.next(out);
      if (!out.isEmpty()) {
        return out;
      }
    }
    return null;
  }

  synchronized void close() {
    if (!closed) {
      closed = true;
      scanner.close();
    }
  }
}
