package io.cellar.master.schema;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.apache.zookeeper.KeeperException;

/** Turns ZooKeeper's checked exceptions into the IOExceptions the master's callers expect. */
public final class ZkErrors {
  private ZkErrors() {}

  public static IOException io(String what, KeeperException e) {
    return new IOException("ZooKeeper: cannot " + what + ": " + e.getMessage(), e);
  }

  /** Restores the interrupt flag and wraps. */
  public static IOException interrupted(InterruptedException e) {
    Thread.currentThread().interrupt();
    InterruptedIOException io = new InterruptedIOException("interrupted");
    io.initCause(e);
    return io;
  }
}
