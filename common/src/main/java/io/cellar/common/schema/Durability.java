package io.cellar.common.schema;

/**
 * How far a write must reach before it is acknowledged. USE_DEFAULT defers to the table's
 * setting (SYNC_WAL unless the table says otherwise).
 */
public enum Durability {
  USE_DEFAULT,
  /** No WAL entry: lost if the server dies before a flush. */
  SKIP_WAL,
  /** WAL entry written in the background; acknowledged before it reaches the OS. */
  ASYNC_WAL,
  /** WAL entry written to the OS before the ack: survives a process kill. */
  SYNC_WAL,
  /** WAL entry fsync'd before the ack: survives power loss. */
  FSYNC_WAL
}
