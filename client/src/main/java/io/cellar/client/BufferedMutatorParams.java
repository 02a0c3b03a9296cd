package io.cellar.client;

import io.cellar.common.schema.TableName;

/**
 * Settings of one {@link BufferedMutator}: its table, the buffer size that triggers a
 * background flush (default {@code cellar.client.write.buffer} or 2 MiB), how many flushed
 * bytes may be in flight before writers block (default 4x the buffer), a periodic flush
 * interval (0 = none) and the listener told about failed mutations (null: failures are thrown
 * from the next mutate, flush or close).
 */
public final class BufferedMutatorParams {
  /** Marks a setting left to the connection's configuration. */
  public static final long UNSET = -1;

  private final TableName tableName;
  private long writeBufferSize = UNSET;
  private long maxInFlightBytes = UNSET;
  private long periodicFlushMs = UNSET;
  private BufferedMutator.ExceptionListener listener;

  public BufferedMutatorParams(TableName tableName) {
    if (tableName == null) {
      throw new IllegalArgumentException("Table name is null");
    }
    this.tableName = tableName;
  }

  public BufferedMutatorParams writeBufferSize(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("Write buffer size must be positive: " + bytes);
    }
    this.writeBufferSize = bytes;
    return this;
  }

  public BufferedMutatorParams maxInFlightBytes(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("Max in-flight bytes must be positive: " + bytes);
    }
    this.maxInFlightBytes = bytes;
    return this;
  }

  /** Flush whatever is buffered at least this often (0 disables). */
  public BufferedMutatorParams setWriteBufferPeriodicFlushTimeoutMs(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("Periodic flush interval cannot be negative: " + ms);
    }
    this.periodicFlushMs = ms;
    return this;
  }

  public BufferedMutatorParams listener(BufferedMutator.ExceptionListener listener) {
    this.listener = listener;
    return this;
  }

  public TableName getTableName() {
    return tableName;
  }

  public long getWriteBufferSize() {
    return writeBufferSize;
  }

  public long getMaxInFlightBytes() {
    return maxInFlightBytes;
  }

  public long getWriteBufferPeriodicFlushTimeoutMs() {
    return periodicFlushMs;
  }

  public BufferedMutator.ExceptionListener getListener() {
    return listener;
  }
}
