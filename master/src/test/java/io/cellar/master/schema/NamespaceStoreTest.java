package io.cellar.master.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NamespaceNotFoundException;
import io.cellar.common.proto.TableStateProto;
import io.cellar.common.schema.TableName;
import io.cellar.common.zk.EmbeddedZooKeeper;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamespaceStoreTest {
  @TempDir
  Path dir;

  @Test
  void namespaceAndTableStateZnodes() throws Exception {
    try (EmbeddedZooKeeper zkServer = new EmbeddedZooKeeper(dir)) {
      zkServer.start();
      Configuration conf = new Configuration()
          .set(ZooKeeperClient.QUORUM, zkServer.getConnectString())
          .set(ZNodePaths.ROOT, "/c1");
      try (ZooKeeperClient zk = ZooKeeperClient.connect(conf, null)) {
        ZNodePaths paths = ZNodePaths.fromConf(conf);
        NamespaceStore ns = new NamespaceStore(zk, paths);
        ns.ensureBuiltIns();
        ns.ensureBuiltIns();
        assertEquals(List.of("cellar", "default"), ns.list());
        assertTrue(ns.create("ns1"));
        assertFalse(ns.create("ns1"));
        assertTrue(zk.exists("/c1/namespace/ns1", null).isPresent());
        assertThrows(InvalidRequestException.class, () -> ns.create("bad/name"));
        assertThrows(InvalidRequestException.class, () -> ns.delete("default"));
        ns.delete("ns1");
        assertThrows(NamespaceNotFoundException.class, () -> ns.delete("ns1"));
        assertThrows(NamespaceNotFoundException.class, () -> ns.checkExists("ns1"));

        TableStateStore states = new TableStateStore(zk, paths);
        TableName t = TableName.valueOf("ns2:t");
        assertTrue(states.get(t).isEmpty());
        assertTrue(states.create(t, TableStateProto.TABLE_ENABLING));
        assertFalse(states.create(t, TableStateProto.TABLE_ENABLED));
        states.set(t, TableStateProto.TABLE_DISABLED);
        assertEquals(TableStateProto.TABLE_DISABLED, states.get(t).orElseThrow());
        assertEquals(List.of(t), states.list());
        states.delete(t);
        states.delete(t);
        assertTrue(states.list().isEmpty());
      }
    }
  }
}
