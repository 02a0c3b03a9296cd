package io.cellar.master.schema;

import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NamespaceNotFoundException;
import io.cellar.common.schema.TableName;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.zookeeper.KeeperException;

/**
 * Namespaces as persistent {@code namespace/<ns>} znodes. {@code default} and {@code cellar}
 * always exist ({@link #ensureBuiltIns}) and cannot be dropped. Whether a namespace is empty is
 * the caller's question (it knows the tables). Thread-safe.
 */
public final class NamespaceStore {
  private final ZooKeeperClient zk;
  private final ZNodePaths paths;

  public NamespaceStore(ZooKeeperClient zk, ZNodePaths paths) {
    this.zk = zk;
    this.paths = paths;
  }

  public static boolean isBuiltIn(String namespace) {
    return TableName.DEFAULT_NAMESPACE.equals(namespace)
        || TableName.SYSTEM_NAMESPACE.equals(namespace);
  }

  /** Creates the built-in namespaces if missing. */
  public void ensureBuiltIns() throws IOException {
    for (String ns : List.of(TableName.DEFAULT_NAMESPACE, TableName.SYSTEM_NAMESPACE)) {
      try {
        zk.createIfAbsent(paths.namespace(ns), new byte[0]);
      } catch (KeeperException e) {
        throw ZkErrors.io("create namespace " + ns, e);
      } catch (InterruptedException e) {
        throw ZkErrors.interrupted(e);
      }
    }
  }

  public boolean exists(String namespace) throws IOException {
    try {
      return zk.exists(paths.namespace(namespace), null).isPresent();
    } catch (KeeperException e) {
      throw ZkErrors.io("read namespace " + namespace, e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  /** Throws NamespaceNotFoundException unless the namespace exists. */
  public void checkExists(String namespace) throws IOException {
    if (!exists(namespace)) {
      throw new NamespaceNotFoundException("Namespace '" + namespace + "' does not exist");
    }
  }

  /** Creates a namespace; false if it already existed. */
  public boolean create(String namespace) throws IOException {
    try {
      TableName.checkNamespaceName(namespace);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    try {
      return zk.createIfAbsent(paths.namespace(namespace), new byte[0]);
    } catch (KeeperException e) {
      throw ZkErrors.io("create namespace " + namespace, e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  /** Removes a namespace. REQUIRES: the caller checked it holds no table. */
  public void delete(String namespace) throws IOException {
    if (isBuiltIn(namespace)) {
      throw new InvalidRequestException("Namespace '" + namespace + "' is built in and cannot"
          + " be dropped");
    }
    checkExists(namespace);
    try {
      zk.delete(paths.namespace(namespace), -1);
    } catch (KeeperException.NoNodeException e) {
      throw new NamespaceNotFoundException("Namespace '" + namespace + "' does not exist");
    } catch (KeeperException e) {
      throw ZkErrors.io("delete namespace " + namespace, e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  /** Every namespace, sorted. */
  public List<String> list() throws IOException {
    try {
      List<String> out = new ArrayList<>(zk.getChildren(paths.namespaces(), null));
      Collections.sort(out);
      return out;
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (KeeperException e) {
      throw ZkErrors.io("list namespaces", e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }
}
