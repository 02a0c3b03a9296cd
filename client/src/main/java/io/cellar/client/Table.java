package io.cellar.client;

import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * Reads and writes one table, as HBase's Table. Every call finds the regions of its rows
 * (cached), retries retryable failures (region moved, server down, busy) with backoff within
 * {@code cellar.client.operation.timeout.ms}, and then fails with
 * {@link RetriesExhaustedException}; errors that a retry cannot fix (unknown table or family,
 * bad request) are thrown at once with their own type. Thread-safe and cheap: get one per use
 * from {@link Connection#getTable}; closing it releases nothing shared.
 */
public interface Table extends Closeable {
  TableName getName();

  /** The table's descriptor, from the master. */
  TableDescriptor getDescriptor() throws IOException;

  /** The row's cells (an empty Result when nothing matches). */
  Result get(Get get) throws IOException;

  /** One Result per Get, in order; the gets run as a parallel batch. */
  Result[] get(List<Get> gets) throws IOException;

  /** True if the row has a cell matching the Get. */
  boolean exists(Get get) throws IOException;

  boolean[] exists(List<Get> gets) throws IOException;

  void put(Put put) throws IOException;

  /** Puts as one batch: grouped per server, sent in parallel. */
  void put(List<Put> puts) throws IOException;

  void delete(Delete delete) throws IOException;

  void delete(List<Delete> deletes) throws IOException;

  /**
   * Runs gets and mutations grouped per server into parallel Multi calls; failed actions are
   * retried on their own. On return {@code results[i]} holds action i's Result (empty for a
   * Put or Delete) or, if it failed, its Throwable. Throws
   * {@link RetriesExhaustedWithDetailsException} if any action failed.
   * REQUIRES: {@code results.length == actions.size()}.
   */
  void batch(List<? extends Row> actions, Object[] results) throws IOException;

  /** The new values of the incremented columns. */
  Result increment(Increment increment) throws IOException;

  /** Adds {@code amount} to one column; returns the new value. */
  long incrementColumnValue(byte[] row, byte[] family, byte[] qualifier, long amount)
      throws IOException;

  /** The new values of the appended columns. */
  Result append(Append append) throws IOException;

  /** Atomically checks a column and, if the check passes, applies the mutation(s). */
  CheckAndMutateResult checkAndMutate(CheckAndMutate checkAndMutate) throws IOException;

  /** Applies Puts and Deletes of one row atomically. */
  void mutateRow(RowMutations mutations) throws IOException;

  /** A scanner over the scan's rows, forward or reversed, across regions. */
  ResultScanner getScanner(Scan scan) throws IOException;

  ResultScanner getScanner(byte[] family) throws IOException;

  ResultScanner getScanner(byte[] family, byte[] qualifier) throws IOException;

  @Override
  void close();
}
