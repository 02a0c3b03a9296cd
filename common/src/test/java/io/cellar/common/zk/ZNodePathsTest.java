package io.cellar.common.zk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cellar.common.conf.Configuration;
import org.junit.jupiter.api.Test;

class ZNodePathsTest {
  @Test
  void defaultLayout() {
    ZNodePaths p = ZNodePaths.fromConf(new Configuration());
    assertEquals("/cellar", p.root());
    assertEquals("/cellar/master", p.master());
    assertEquals("/cellar/backup-masters/h1,16000,1", p.backupMaster("h1,16000,1"));
    assertEquals("/cellar/rs/h2,16020,5", p.regionServer("h2,16020,5"));
    assertEquals("/cellar/meta-region-server", p.metaRegionServer());
    assertEquals("/cellar/table/ns:t1", p.table("ns:t1"));
    assertEquals("/cellar/replication/state", p.replicationState());
    assertEquals("/cellar/replication/peers/7", p.replicationPeer("7"));
    assertEquals("/cellar/replication/rs/h2/7/wal.123", p.replicationWal("h2", "7", "wal.123"));
    assertEquals("wal.123", ZNodePaths.lastPart(p.replicationWal("h2", "7", "wal.123")));
  }

  @Test
  void customRoot() {
    Configuration conf = new Configuration().set(ZNodePaths.ROOT, "/test/c2");
    ZNodePaths p = ZNodePaths.fromConf(conf);
    assertEquals("/test/c2/rs", p.regionServers());
    assertEquals("/master", new ZNodePaths("/").master());
  }

  @Test
  void rejectsBadNames() {
    assertThrows(IllegalArgumentException.class, () -> new ZNodePaths("cellar"));
    assertThrows(IllegalArgumentException.class, () -> new ZNodePaths("/cellar/"));
    ZNodePaths p = new ZNodePaths("/cellar");
    assertThrows(IllegalArgumentException.class, () -> p.regionServer("a/b"));
    assertThrows(IllegalArgumentException.class, () -> p.table(""));
    assertThrows(IllegalArgumentException.class, () -> p.replicationPeer(".."));
  }
}
