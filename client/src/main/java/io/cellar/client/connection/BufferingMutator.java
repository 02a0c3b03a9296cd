package io.cellar.client.connection;

import io.cellar.client.BufferedMutator;
import io.cellar.client.BufferedMutatorParams;
import io.cellar.client.Delete;
import io.cellar.client.Mutation;
import io.cellar.client.RetriesExhaustedWithDetailsException;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BufferedMutator}: a {@link MutationBuffer} drained into a background batch (on the
 * connection's flusher threads, through {@link BatchExecutor}: per-server Multi calls in
 * parallel, failed actions retried) whenever it passes the write buffer size, on
 * {@link #flush()}, on {@link #close()} and every periodic-flush interval if one is set. Writers
 * block while more than {@code maxInFlightBytes} are being sent ({@link InFlightBytes}).
 */
final class BufferingMutator implements BufferedMutator {
  private static final Logger LOG = LoggerFactory.getLogger(BufferingMutator.class);

  private final ClusterConnection conn;
  private final TableName table;
  private final MutationBuffer buffer;
  private final InFlightBytes inFlight;
  private final ExceptionListener listener;
  private final Set<Future<?>> flushes = ConcurrentHashMap.newKeySet();
  private final List<RetriesExhaustedWithDetailsException.Failure> failures = new ArrayList<>();
  private final ScheduledFuture<?> periodic;
  private volatile boolean closed;

  BufferingMutator(ClusterConnection conn, BufferedMutatorParams params) {
    this.conn = conn;
    this.table = params.getTableName();
    long size = params.getWriteBufferSize() > 0 ? params.getWriteBufferSize()
        : conn.settings().writeBufferSize();
    this.buffer = new MutationBuffer(size);
    this.inFlight = new InFlightBytes(params.getMaxInFlightBytes() > 0
        ? params.getMaxInFlightBytes() : 4 * size);
    this.listener = params.getListener();
    long every = params.getWriteBufferPeriodicFlushTimeoutMs();
    this.periodic = every > 0 ? conn.timer().scheduleWithFixedDelay(this::periodicFlush, every,
        every, TimeUnit.MILLISECONDS) : null;
  }

  @Override
  public TableName getName() {
    return table;
  }

  @Override
  public void mutate(Mutation m) throws IOException {
    checkOpen();
    throwFailures();
    if (m.isEmpty() && !(m instanceof Delete)) {
      throw new IllegalArgumentException(m.getClass().getSimpleName() + " of row "
          + Bytes.toStringBinary(m.getRow()) + " has no columns");
    }
    if (buffer.add(m)) {
      sendBuffered();
    }
  }

  @Override
  public void mutate(List<? extends Mutation> ms) throws IOException {
    for (Mutation m : ms) {
      mutate(m);
    }
  }

  /** Drains the buffer into one background batch; blocks while too much is in flight. */
  private void sendBuffered() throws IOException {
    List<Mutation> batch = buffer.drain();
    if (batch.isEmpty()) {
      return;
    }
    long bytes = MutationBuffer.sizeOf(batch);
    try {
      inFlight.acquire(bytes);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      recordFailure(batch, new InterruptedIOException("Interrupted before sending"));
      throw new InterruptedIOException("Interrupted waiting for in-flight writes");
    }
    try {
      Future<?>[] self = new Future<?>[1];
      synchronized (self) {
        self[0] = conn.flushers().submit(() -> {
          try {
            send(batch);
          } finally {
            inFlight.release(bytes);
            synchronized (self) {
              flushes.remove(self[0]);
            }
          }
        });
        if (!self[0].isDone()) {
          flushes.add(self[0]);
        }
      }
    } catch (RejectedExecutionException e) {
      inFlight.release(bytes);
      recordFailure(batch, new CellarException("Connection closed"));
      throw new CellarException("Connection closed; " + batch.size() + " mutations not sent");
    }
  }

  private void send(List<Mutation> batch) {
    List<RetriesExhaustedWithDetailsException.Failure> failed;
    try {
      failed = conn.batches().run(table, batch, new Object[batch.size()]);
    } catch (IOException | RuntimeException e) {
      failed = new ArrayList<>();
      for (Mutation m : batch) {
        failed.add(new RetriesExhaustedWithDetailsException.Failure(m, e, null));
      }
    }
    if (!failed.isEmpty()) {
      report(failed);
    }
  }

  private void recordFailure(List<Mutation> batch, IOException e) {
    List<RetriesExhaustedWithDetailsException.Failure> failed = new ArrayList<>();
    for (Mutation m : batch) {
      failed.add(new RetriesExhaustedWithDetailsException.Failure(m, e, null));
    }
    report(failed);
  }

  private void report(List<RetriesExhaustedWithDetailsException.Failure> failed) {
    if (listener != null) {
      try {
        listener.onException(new RetriesExhaustedWithDetailsException(failed), this);
      } catch (RuntimeException e) {
        LOG.warn("BufferedMutator exception listener of {} threw", table, e);
      }
      return;
    }
    synchronized (failures) {
      failures.addAll(failed);
    }
  }

  private void throwFailures() throws RetriesExhaustedWithDetailsException {
    List<RetriesExhaustedWithDetailsException.Failure> out;
    synchronized (failures) {
      if (failures.isEmpty()) {
        return;
      }
      out = new ArrayList<>(failures);
      failures.clear();
    }
    throw new RetriesExhaustedWithDetailsException(out);
  }

  private void periodicFlush() {
    if (closed || buffer.count() == 0) {
      return;
    }
    try {
      sendBuffered();
    } catch (IOException e) {
      LOG.debug("Periodic flush of {} failed: {}", table, e.toString());
    }
  }

  @Override
  public void flush() throws IOException {
    sendBuffered();
    for (Future<?> f : new ArrayList<>(flushes)) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted waiting for a flush");
      } catch (ExecutionException e) {
        LOG.warn("Flush task of {} failed", table, e.getCause());
      }
    }
    throwFailures();
  }

  @Override
  public long getCurrentBufferSize() {
    return buffer.sizeBytes();
  }

  @Override
  public long getWriteBufferSize() {
    return buffer.flushThreshold();
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new CellarException("BufferedMutator of " + table + " is closed");
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      flush();
    } finally {
      closed = true;
      if (periodic != null) {
        periodic.cancel(false);
      }
      conn.forget(this);
    }
  }
}
