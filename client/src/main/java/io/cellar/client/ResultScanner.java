package io.cellar.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows of a scan, fetched from the region servers a batch (the scan's caching) at a time,
 * crossing region boundaries. Not thread safe. Close it (try-with-resources) to release the
 * server-side scanner early; reading to the end releases it too. The iterator throws
 * {@link UncheckedIOException} where {@link #next()} throws IOException.
 */
public interface ResultScanner extends Closeable, Iterable<Result> {
  /** The next row (or part of a row for a batched scan), or null at the end. */
  Result next() throws IOException;

  /** Up to {@code n} more results; fewer (maybe none) at the end. */
  default Result[] next(int n) throws IOException {
    List<Result> out = new ArrayList<>(Math.max(0, Math.min(n, 1024)));
    for (int i = 0; i < n; i++) {
      Result r = next();
      if (r == null) {
        break;
      }
      out.add(r);
    }
    return out.toArray(new Result[0]);
  }

  @Override
  void close();

  @Override
  default Iterator<Result> iterator() {
    return new Iterator<>() {
      private Result next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          try {
            next = ResultScanner.this.next();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
        return next != null;
      }

      @Override
      public Result next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Result r = next;
        next = null;
        return r;
      }
    };
  }
}
