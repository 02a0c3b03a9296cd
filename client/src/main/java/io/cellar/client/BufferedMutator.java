package io.cellar.client;

import io.cellar.common.schema.TableName;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Buffers mutations of one table and sends them in the background, as HBase's BufferedMutator:
 * once the buffered bytes pass the write buffer size, the buffer is flushed as per-server Multi
 * calls sent in parallel while the caller goes on buffering. {@link #flush()} sends what is
 * buffered and waits for every flush; {@link #close()} flushes and stops. Mutations that fail
 * for good go to the {@link ExceptionListener} if one is set, else are thrown (as
 * {@link RetriesExhaustedWithDetailsException}) from the next mutate, flush or close.
 * Thread-safe. No ordering is promised between mutations of different flushes.
 */
public interface BufferedMutator extends Closeable {
  /** Told about mutations that failed for good, on a background thread. */
  @FunctionalInterface
  interface ExceptionListener {
    void onException(RetriesExhaustedWithDetailsException e, BufferedMutator mutator);
  }

  TableName getName();

  /** Buffers one mutation; may block while too many bytes are in flight. */
  void mutate(Mutation m) throws IOException;

  void mutate(List<? extends Mutation> ms) throws IOException;

  /** Sends everything buffered and waits until every flush so far has finished. */
  void flush() throws IOException;

  /** Bytes buffered and not yet sent. */
  long getCurrentBufferSize();

  long getWriteBufferSize();

  /** Flushes, waits, then rejects further mutations. */
  @Override
  void close() throws IOException;
}
