package io.cellar.regionserver.server;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.rpc.CellBlock;
import io.cellar.regionserver.RegionScanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One client scan open on one region: the region scanner, one chunk read ahead (to tell whether
 * more rows follow and whether a batched row continues), and its lease bookkeeping. Fetches are
 * serialized on this object; {@link ScannerLeases} marks it in use during a call so its lease
 * cannot expire under a running fetch. A fetch collects its cells into one flat array, which
 * becomes the response's cell block as it is: no list per row, no second pass to concatenate.
 */
final class OpenScanner {
  /**
   * Rows of one fetch: {@code cells} in order, the first {@code cellsPerResult[0]} of them make
   * result 0, and so on; {@code partial[i]} says result i continues in result i + 1 (null when
   * the scan is not batched: every result is a whole row). {@code bytes} is the cells' encoded
   * size.
   */
  record Fetched(Cell[] cells, int[] cellsPerResult, boolean[] partial, boolean moreInRegion,
      long bytes) {}

  private final long id;
  private final OnlineRegion region;
  private final RegionScanner scanner;
  private final int defaultRows;
  private final long maxResultBytes;
  private final boolean batched;
  // the next non-empty chunk, read ahead; empty when none is read or the region has no more
  private final List<Cell> lookahead = new ArrayList<>(); // guarded by this
  private boolean exhausted; // the region scanner has no more rows; guarded by this
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
    List<Cell> cells = new ArrayList<>((int) Math.min(want * 10L, 4096));
    int[] counts = new int[Math.min(want, 1024)];
    int results = 0;
    long bytes = 0;
    while (results < want && bytes < maxResultBytes) {
      int start = cells.size();
      if (!takeChunk(cells)) {
        break;
      }
      for (int i = start, n = cells.size(); i < n; i++) {
        bytes += CellBlock.sizeOf(cells.get(i)); // also the size of the response's cell block
      }
      if (results == counts.length) {
        counts = Arrays.copyOf(counts, counts.length * 2);
      }
      counts[results++] = cells.size() - start;
    }
    boolean more = readAhead();
    Cell[] all = cells.toArray(new Cell[0]);
    int[] perResult = results == counts.length ? counts : Arrays.copyOf(counts, results);
    boolean[] partial = batched ? partialFlags(all, perResult) : null;
    return new Fetched(all, perResult, partial, more, bytes);
  }

  /** For each result, whether the next one (or the chunk read ahead) is the same row. */
  private boolean[] partialFlags(Cell[] cells, int[] perResult) {
    boolean[] partial = new boolean[perResult.length];
    int first = 0;
    for (int i = 0; i < perResult.length; i++) {
      int next = first + perResult[i];
      Cell following = next < cells.length ? cells[next]
          : lookahead.isEmpty() ? null : lookahead.get(0);
      partial[i] = following != null && Cells.matchingRow(cells[first], following);
      first = next;
    }
    return partial;
  }

  /** Appends the next non-empty chunk (the one read ahead, if any) to {@code out}. */
  private boolean takeChunk(List<Cell> out) throws IOException {
    if (!lookahead.isEmpty()) {
      out.addAll(lookahead);
      lookahead.clear();
      return true;
    }
    return readChunk(out);
  }

  /** Reads the next non-empty chunk into the lookahead if it is empty; true if there is one. */
  private boolean readAhead() throws IOException {
    return !lookahead.isEmpty() || readChunk(lookahead);
  }

  /** Appends the next non-empty chunk from the region scanner; false at the end. */
  private boolean readChunk(List<Cell> out) throws IOException {
    int before = out.size();
    while (!exhausted) {
      exhausted = !scanner.next(out);
      if (out.size() > before) {
        return true;
      }
    }
    return false;
  }

  synchronized void close() {
    if (!closed) {
      closed = true;
      scanner.close();
    }
  }
}
