package io.cellar.master.procedure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.conf.Configuration;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import io.cellar.common.zk.EmbeddedZooKeeper;
import io.cellar.common.zk.ZNodePaths;
import io.cellar.common.zk.ZooKeeperClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcedureStoreTest {
  @TempDir
  Path dir;

  @Test
  void recordSurvivesSerialization() throws Exception {
    TableDescriptor td = TableDescriptor.newBuilder(TableName.valueOf("ns:t"))
        .setColumnFamily(ColumnFamilyDescriptor.newBuilder(Bytes.toBytes("cf")).build())
        .build();
    RegionInfo region = new RegionInfo(TableName.valueOf("ns:t"), Bytes.toBytes("a"),
        Bytes.toBytes("b\u0000,="), 7);
    ProcedureRecord r = new ProcedureRecord("CreateTable", "ns:t")
        .putDescriptor("descriptor", td)
        .putRegion("region", region)
        .putBytesList("splits", List.of(new byte[] {0, (byte) 0xff}, Bytes.toBytes("x=y")))
        .putBytesList("none", List.of())
        .put("text", "a=b\nc");
    r.setStep(3);
    ProcedureRecord back = ProcedureRecord.parse("pid-1", r.serialize());
    assertEquals("CreateTable", back.type());
    assertEquals("ns:t", back.table());
    assertEquals(3, back.step());
    assertEquals(td, back.getDescriptor("descriptor"));
    assertEquals(region, back.getRegion("region"));
    assertEquals(2, back.getBytesList("splits").size());
    assertArrayEquals(new byte[] {0, (byte) 0xff}, back.getBytesList("splits").get(0));
    assertTrue(back.getBytesList("none").isEmpty());
    assertEquals("a=b\nc", back.get("text"));
  }

  @Test
  void storeKeepsProceduresInOrderUntilDeleted() throws Exception {
    try (EmbeddedZooKeeper zkServer = new EmbeddedZooKeeper(dir)) {
      zkServer.start();
      Configuration conf = new Configuration()
          .set(ZooKeeperClient.QUORUM, zkServer.getConnectString());
      try (ZooKeeperClient zk = ZooKeeperClient.connect(conf, null)) {
        ProcedureStore store = new ProcedureStore(zk, ZNodePaths.fromConf(conf));
        assertTrue(store.list().isEmpty());
        ProcedureRecord first = new ProcedureRecord("A", "t1");
        ProcedureRecord second = new ProcedureRecord("B", "");
        store.create(first);
        store.create(second);
        first.setStep(4);
        first.put("k", "v");
        store.update(first);
        List<ProcedureRecord> listed = store.list();
        assertEquals(List.of("A", "B"), listed.stream().map(ProcedureRecord::type).toList());
        assertEquals(4, listed.get(0).step());
        assertEquals("v", listed.get(0).get("k"));
        assertEquals(first.id(), listed.get(0).id());
        store.delete(first);
        store.delete(first); // idempotent
        assertEquals(List.of("B"), store.list().stream().map(ProcedureRecord::type).toList());
      }
    }
  }
}
