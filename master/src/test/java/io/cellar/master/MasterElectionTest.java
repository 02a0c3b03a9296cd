package io.cellar.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.exceptions.MasterNotActiveException;
import io.cellar.common.proto.GetClusterStatusRequest;
import io.cellar.common.proto.GetClusterStatusResponse;
import io.cellar.common.schema.ServerName;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterElectionTest {
  @TempDir
  Path dir;
  MiniMasterCluster cluster;

  @BeforeEach
  void setUp() throws Exception {
    cluster = new MiniMasterCluster(dir);
    cluster.startServer();
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  @Test
  void oneActiveOneBackupAndTheBackupTakesOverWhenTheActiveAborts() throws Exception {
    Master first = cluster.startMaster();
    assertTrue(first.awaitActive(20_000));
    Master second = cluster.startMaster();
    assertFalse(second.isActive());
    assertFalse(second.holdsMasterNode());

    ZNodePaths paths = ZNodePaths.fromConf(cluster.conf);
    try (ZooKeeperClient zk = ZooKeeperClient.connect(cluster.conf, null)) {
      assertEquals(first.getServerName().toString(), new String(
          zk.getData(paths.master(), null).data(), StandardCharsets.UTF_8));
      assertTrue(zk.exists(paths.backupMaster(second.getServerName().toString()), null)
          .isPresent());
    }

    // The backup refuses MasterService calls with a retryable error.
    assertThrows(MasterNotActiveException.class, () -> cluster.call(second,
        "GetClusterStatus", GetClusterStatusRequest.getDefaultInstance(),
        GetClusterStatusResponse.parser()));
    GetClusterStatusResponse status = cluster.call(first, "GetClusterStatus",
        GetClusterStatusRequest.getDefaultInstance(), GetClusterStatusResponse.parser());
    assertEquals(first.getServerName(), ServerName.fromProto(status.getActiveMaster()));
    assertEquals(second.getServerName(), ServerName.fromProto(status.getBackupMasters(0)));
    assertEquals(1, status.getLiveServersCount());
    assertFalse(status.getClusterId().isEmpty());

    first.abort("test: kill the active master");
    assertTrue(second.awaitActive(20_000));
    GetClusterStatusResponse after = cluster.call(second, "GetClusterStatus",
        GetClusterStatusRequest.getDefaultInstance(), GetClusterStatusResponse.parser());
    assertEquals(second.getServerName(), ServerName.fromProto(after.getActiveMaster()));
    assertEquals(0, after.getBackupMastersCount());
    assertEquals(status.getClusterId(), after.getClusterId(), "cluster id persists in ZK");
  }

  @Test
  void cleanStopHandsOverToo() throws Exception {
    Master first = cluster.startMaster();
    assertTrue(first.awaitActive(20_000));
    Master second = cluster.startMaster();
    first.stop();
    assertTrue(second.awaitActive(20_000));
    assertFalse(first.isActive());
  }
}
