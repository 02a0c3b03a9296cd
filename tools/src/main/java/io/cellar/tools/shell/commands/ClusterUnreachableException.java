package io.cellar.tools.shell.commands;

import java.io.IOException;

/** The shell could not connect to the cluster's ZooKeeper; the message says how to fix it. */
public final class ClusterUnreachableException extends IOException {
  private static final long serialVersionUID = 1L;

  public ClusterUnreachableException(String quorum, Throwable cause) {
    super("cannot reach the cluster through ZooKeeper at " + quorum + " ("
        + cause.getMessage() + "): start one with 'bin/cellar standalone', or point the shell "
        + "at yours with --zookeeper HOST:PORT", cause);
  }
}
