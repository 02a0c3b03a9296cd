package io.cellar.master.procedure;

import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import io.cellar.master.schema.ZkErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps in-flight procedures in ZooKeeper as persistent sequential {@code procedures/pid-NNN}
 * znodes: written before the first step, rewritten after each step, deleted when done. The
 * sequence number orders them for resumption. Thread-safe.
 */
public final class ProcedureStore {
  private static final Logger LOG = LoggerFactory.getLogger(ProcedureStore.class);
  private static final String PREFIX = "pid-";

  private final ZooKeeperClient zk;
  private final ZNodePaths paths;

  public ProcedureStore(ZooKeeperClient zk, ZNodePaths paths) {
    this.zk = zk;
    this.paths = paths;
  }

  /** Records a new procedure and sets its id. */
  public void create(ProcedureRecord r) throws IOException {
    try {
      zk.ensurePath(paths.procedures());
      String path = zk.create(paths.procedure(PREFIX), r.serialize(),
          CreateMode.PERSISTENT_SEQUENTIAL);
      r.setId(ZNodePaths.lastPart(path));
    } catch (KeeperException e) {
      throw ZkErrors.io("record procedure " + r, e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  public void update(ProcedureRecord r) throws IOException {
    try {
      zk.setData(paths.procedure(r.id()), r.serialize(), -1);
    } catch (KeeperException e) {
      throw ZkErrors.io("update procedure " + r, e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  public void delete(ProcedureRecord r) throws IOException {
    try {
      zk.delete(paths.procedure(r.id()), -1);
    } catch (KeeperException.NoNodeException gone) {
      // finished twice (resumed by a new master): fine
    } catch (KeeperException e) {
      throw ZkErrors.io("delete procedure " + r, e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
  }

  /** Every recorded procedure, oldest first; unreadable ones are logged and skipped. */
  public List<ProcedureRecord> list() throws IOException {
    List<String> ids;
    try {
      ids = new ArrayList<>(zk.getChildren(paths.procedures(), null));
    } catch (KeeperException.NoNodeException e) {
      return List.of();
    } catch (KeeperException e) {
      throw ZkErrors.io("list procedures", e);
    } catch (InterruptedException e) {
      throw ZkErrors.interrupted(e);
    }
    ids.sort(null); // sequential suffixes are zero-padded, so names sort by age
    List<ProcedureRecord> out = new ArrayList<>();
    for (String id : ids) {
      try {
        zk.getDataIfExists(paths.procedure(id), null).ifPresent(v -> {
          try {
            out.add(ProcedureRecord.parse(id, v.data()));
          } catch (IOException e) {
            LOG.error("Skipping unreadable procedure {}: {}", id, e.getMessage());
          }
        });
      } catch (KeeperException e) {
        throw ZkErrors.io("read procedure " + id, e);
      } catch (InterruptedException e) {
        throw ZkErrors.interrupted(e);
      }
    }
    return out;
  }
}
