package io.cellar.master.schema;

import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.TableName;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.zookeeper.KeeperException;

/**
 * Table states as {@code table/<name>} znodes whose data is the {@link TableStateProto} name
 * (e.g. {@code TABLE_ENABLED}). A table exists exactly when its znode does. Thread-safe.
 */
public final class TableStateStore {
  private final ZooKeeperClient zk;
  private final ZNodePaths paths;

  public TableStateStore(ZooKeeperClient zk, ZNodePaths paths) {
    this.zk = zk;
    this.paths = paths;
  }

  /** The table's state, or empty if the table does not exist. */
  public Optional<TableStateProto> get(TableName table) throws IOException {
    try {
      return zk.getDataIfExists(paths.table(table.getNameAsString()), null)
          .map(v -> TableStateProto.valueOf(new String(v.data(), StandardCharsets.UTF_8)));
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt state of table " + table + ": " + e.getMessage());
    } catch (KeeperException e) {
      throw ZkErrors.io("read state of " + table, e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  /** Creates the table's znode; false if it already existed (state left as it was). */
  public boolean create(TableName table, TableStateProto state) throws IOException {
    try {
      return zk.createIfAbsent(paths.table(table.getNameAsString()), bytes(state));
    } catch (KeeperException e) {
      throw ZkErrors.io("create state of " + table, e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  /** Sets the state, creating the znode if needed. */
  public void set(TableName table, TableStateProto state) throws IOException {
    String path = paths.table(table.getNameAsString());
    try {
      try {
        zk.setData(path, bytes(state), -1);
      } catch (KeeperException.NoNodeException e) {
        if (!zk.createIfAbsent(path, bytes(state))) {
          zk.setData(path, bytes(state), -1);
        }
      }
    } catch (KeeperException e) {
      throw ZkErrors.io("set state of " + table, e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  /** Removes the table's znode; a missing one is fine. */
  public void delete(TableName table) throws IOException {
    try {
      zk.delete(paths.table(table.getNameAsString()), -1);
    } catch (KeeperException.NoNodeException e) {
      // already gone: deletes are idempotent steps
    } catch (KeeperException e) {
      throw ZkErrors.io("delete state of " + table, e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  /** Every table with a state znode. */
  public List<TableName> list() throws IOException {
    try {
      List<TableName> out = new ArrayList<>();
      for (String name : zk.getChildren(paths.tables(), null)) {
        out.add(TableName.valueOf(name));
      }
      out.sort(null);
      return out;
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (KeeperException e) {
      throw ZkErrors.io("list tables", e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  private static byte[] bytes(TableStateProto state) {
    return state.name().getBytes(StandardCharsets.UTF_8);
  }
}
