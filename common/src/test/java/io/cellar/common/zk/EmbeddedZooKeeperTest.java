package io.cellar.common.zk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cellar.common.Bytes;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedZooKeeperTest {
  @TempDir Path dir;

  @Test
  void restartOnSameDirectoryAndPortKeepsPersistentData() throws Exception {
    int port;
    ZNodePaths paths = new ZNodePaths("/restart");
    try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper(dir)) {
      zk.start();
      port = zk.getPort();
      try (ZooKeeperClient c = ZooKeeperClient.connect(zk.getConnectString(), 4_000, 20_000, null)) {
        c.createPersistent(paths.table("t1"), Bytes.toBytes("ENABLED"));
        c.createEphemeral(paths.master(), Bytes.toBytes("m1"));
      }
    }
    try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper(dir, port)) {
      zk.start();
      try (ZooKeeperClient c = ZooKeeperClient.connect(zk.getConnectString(), 4_000, 20_000, null)) {
        assertArrayEquals(Bytes.toBytes("ENABLED"), c.getData(paths.table("t1"), null).data());
        assertFalse(c.exists(paths.master(), null).isPresent());
      }
    }
  }

  @Test
  void connectFailsClearlyWhenNothingListens() throws Exception {
    int port;
    try (EmbeddedZooKeeper zk = new EmbeddedZooKeeper(dir)) {
      zk.start();
      port = zk.getPort();
    }
    assertThrows(IOException.class,
        () -> ZooKeeperClient.connect("127.0.0.1:" + port, 4_000, 300, null));
  }
}
