package io.cellar.client;

import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.TableName;
import java.io.Closeable;
import java.io.IOException;

/**
 * A client's link to one cluster, as HBase's Connection: it owns the RPC connections, the
 * ZooKeeper session used to find the master and meta, and the cache of region locations. Create
 * it once with {@link ConnectionFactory#createConnection} and share it between threads; the
 * Tables, Admins, BufferedMutators and RegionLocators it hands out are light-weight (a Table is
 * cheap to get per use). Closing it fails calls still running and closes everything it made.
 */
public interface Connection extends Closeable {
  Configuration getConfiguration();

  /** A handle on a table; the table is not checked for existence until it is used. */
  Table getTable(TableName name);

  /** DDL and cluster operations. */
  Admin getAdmin();

  /** A write buffer for {@code name} with the default parameters. */
  BufferedMutator getBufferedMutator(TableName name);

  BufferedMutator getBufferedMutator(BufferedMutatorParams params);

  RegionLocator getRegionLocator(TableName name);

  /** Forgets every cached region location (the next call of each table reads meta again). */
  void clearRegionLocationCache();

  boolean isClosed();

  @Override
  void close() throws IOException;
}
