package io.cellar.tools.shell.commands;

import io.cellar.client.Admin;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.Table;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * What a command runs against: the cluster connection (opened on first use, so {@code help}
 * and {@code version} work without a cluster), the output, the command registry, and the
 * cancel flag that Ctrl-C sets while a command runs. One per shell session; commands run one at
 * a time.
 */
public final class ShellContext implements AutoCloseable {
  private final Configuration conf;
  private final PrintWriter out;
  private final CommandRegistry registry;
  private volatile Connection connection;
  private Admin admin;
  private volatile boolean cancelled;
  private boolean exitRequested;

  public ShellContext(Configuration conf, PrintWriter out, CommandRegistry registry) {
    this.conf = conf;
    this.out = out;
    this.registry = registry;
  }

  public PrintWriter out() {
    return out;
  }

  public CommandRegistry registry() {
    return registry;
  }

  public Configuration configuration() {
    return conf;
  }

  /** The ZooKeeper quorum this session talks to. */
  public String quorum() {
    return conf.get("cellar.zookeeper.quorum", "127.0.0.1:2181");
  }

  public synchronized Connection connection() throws IOException {
    if (connection == null || connection.isClosed()) {
      try {
        connection = ConnectionFactory.createConnection(conf);
      } catch (IOException e) {
        throw new ClusterUnreachableException(quorum(), e);
      }
    }
    return connection;
  }

  public synchronized Admin admin() throws IOException {
    if (admin == null) {
      admin = connection().getAdmin();
    }
    return admin;
  }

  public Table table(TableName name) throws IOException {
    return connection().getTable(name);
  }

  /** True once connected (the console completes table names only then). Never blocks. */
  public boolean isConnected() {
    Connection c = connection;
    return c != null && !c.isClosed();
  }

  /** Asks the running command to stop at its next check (Ctrl-C). */
  public void cancel() {
    cancelled = true;
  }

  /** True once Ctrl-C asked the running command to stop. */
  public boolean isCancelled() {
    return cancelled;
  }

  public void clearCancel() {
    cancelled = false;
  }

  /** Long-running commands (scan, count) call this between rows. */
  public void checkCancelled() {
    if (cancelled || Thread.currentThread().isInterrupted()) {
      throw new CommandCancelledException();
    }
  }

  public void requestExit() {
    exitRequested = true;
  }

  public boolean isExitRequested() {
    return exitRequested;
  }

  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
    if (connection != null) {
      try {
        connection.close();
      } catch (IOException e) {
        // closing on exit: nothing left to do with the error
      }
      connection = null;
    }
  }
}
