package io.cellar.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.BufferedMutator;
import io.cellar.client.BufferedMutatorParams;
import io.cellar.client.Connection;
import io.cellar.client.ConnectionFactory;
import io.cellar.client.Put;
import io.cellar.client.RetriesExhaustedWithDetailsException;
import io.cellar.client.Row;
import io.cellar.client.Table;
import io.cellar.client.meta.MetaTable.RegionState;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.proto.ActionResult;
import io.cellar.common.proto.MultiRequest;
import io.cellar.common.proto.MultiResponse;
import io.cellar.common.proto.RegionAction;
import io.cellar.common.proto.RegionActionResult;
import io.cellar.common.rpc.RemoteErrors;
import io.cellar.common.rpc.RpcResult;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches and BufferedMutators against two scripted servers (one region each): the per-server
 * Multi calls are in flight at the same time, a mutator flushes in the background once its
 * buffer passes the threshold, and failed mutations reach the listener or the next flush.
 */
class ParallelWritesTest {
  static final TableName T = TableName.valueOf("t");
  static final byte[] CF = Bytes.toBytes("cf");
  static final RegionInfo LOW = new RegionInfo(T, Bytes.EMPTY, Bytes.toBytes("m"), 1);
  static final RegionInfo HIGH = new RegionInfo(T, Bytes.toBytes("m"), Bytes.EMPTY, 1);

  @TempDir
  Path dir;
  FakeCluster cluster;
  FakeCluster.Server a;
  FakeCluster.Server b;

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeCluster(dir);
    FakeCluster.Server meta = cluster.startServer();
    a = cluster.startServer();
    b = cluster.startServer();
    cluster.metaOn(meta);
    cluster.tableState(T, "TABLE_ENABLED");
    cluster.region(LOW, a, RegionState.OPEN);
    cluster.region(HIGH, b, RegionState.OPEN);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  /** Answers every action of a Multi with success. */
  static RpcResult allOk(MultiRequest req) {
    MultiResponse.Builder out = MultiResponse.newBuilder();
    for (RegionAction ra : req.getRegionActionsList()) {
      RegionActionResult.Builder rar = RegionActionResult.newBuilder();
      for (var act : ra.getActionsList()) {
        rar.addResults(ActionResult.newBuilder().setIndex(act.getIndex()));
      }
      out.addResults(rar);
    }
    return RpcResult.of(out.build());
  }

  static Put put(String row) {
    return new Put(Bytes.toBytes(row)).addColumn(CF, CF, new byte[100]);
  }

  @Test
  void perServerMultiCallsRunAtTheSameTime() throws Exception {
    // each server answers only once both requests have arrived: a client sending one server
    // after the other would see the first call time out
    CountDownLatch bothArrived = new CountDownLatch(2);
    FakeCluster.Handler<MultiRequest> rendezvous = req -> {
      bothArrived.countDown();
      if (!bothArrived.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other server's request never came");
      }
      return allOk(req);
    };
    a.onMulti = rendezvous;
    b.onMulti = rendezvous;
    try (Connection c = ConnectionFactory.createConnection(cluster.clientConf(30_000));
        Table t = c.getTable(T)) {
      List<Row> puts = List.of(put("a"), put("x"), put("b"), put("y"));
      Object[] results = new Object[puts.size()];
      t.batch(puts, results);
      assertEquals(1, a.count("Multi"));
      assertEquals(1, b.count("Multi"));
    }
  }

  @Test
  void largeBatchesAreCutIntoRequestsOfBoundedSize() throws Exception {
    List<Integer> sizes = new java.util.concurrent.CopyOnWriteArrayList<>();
    FakeCluster.Handler<MultiRequest> counting = req -> {
      int n = 0;
      for (RegionAction ra : req.getRegionActionsList()) {
        n += ra.getActionsCount();
      }
      sizes.add(n);
      return allOk(req);
    };
    a.onMulti = counting;
    b.onMulti = counting;
    int perRegion = BatchExecutor.MAX_ACTIONS_PER_REQUEST * 2 + 500;
    List<Put> puts = new ArrayList<>();
    for (int i = 0; i < perRegion; i++) {
      puts.add(put(String.format("a%06d", i)));
      puts.add(put(String.format("x%06d", i)));
    }
    try (Connection c = ConnectionFactory.createConnection(cluster.clientConf(30_000));
        Table t = c.getTable(T)) {
      t.put(puts);
    }
    List<Integer> sorted = new ArrayList<>(sizes);
    sorted.sort(null);
    int max = BatchExecutor.MAX_ACTIONS_PER_REQUEST;
    assertEquals(List.of(500, 500, max, max, max, max), sorted);
  }

  @Test
  void mutatorFlushesInTheBackgroundOncePastTheBuffer() throws Exception {
    CountDownLatch sent = new CountDownLatch(1);
    AtomicInteger actions = new AtomicInteger();
    a.onMulti = req -> {
      actions.addAndGet(req.getRegionActions(0).getActionsCount());
      sent.countDown();
      return allOk(req);
    };
    try (Connection c = ConnectionFactory.createConnection(cluster.clientConf(30_000));
        BufferedMutator m = c.getBufferedMutator(new BufferedMutatorParams(T)
            .writeBufferSize(put("a").heapSize() * 3))) {
      m.mutate(put("a1"));
      m.mutate(put("a2"));
      assertEquals(0, a.count("Multi"), "below the threshold nothing is sent");
      assertTrue(m.getCurrentBufferSize() > 0);
      m.mutate(List.of(put("a3"), put("a4")));
      assertTrue(sent.await(20, TimeUnit.SECONDS), "sent without flush()");
      m.flush();
      assertEquals(4, actions.get());
      assertEquals(0, m.getCurrentBufferSize());
    }
  }

  @Test
  void mutatorFailuresGoToTheListenerOrTheNextFlush() throws Exception {
    a.onMulti = ParallelWritesTest::allOk;
    b.onMulti = req -> {
      MultiResponse.Builder out = MultiResponse.newBuilder();
      for (RegionAction ra : req.getRegionActionsList()) {
        RegionActionResult.Builder rar = RegionActionResult.newBuilder();
        for (var act : ra.getActionsList()) {
          rar.addResults(ActionResult.newBuilder().setIndex(act.getIndex()).setError(
              RemoteErrors.toProto(new NoSuchColumnFamilyException("no family cf"))));
        }
        out.addResults(rar);
      }
      return RpcResult.of(out.build());
    };
    try (Connection c = ConnectionFactory.createConnection(cluster.clientConf(30_000))) {
      try (BufferedMutator m = c.getBufferedMutator(T)) {
        m.mutate(put("a"));
        m.mutate(put("x"));
        RetriesExhaustedWithDetailsException e =
            assertThrows(RetriesExhaustedWithDetailsException.class, m::flush);
        assertEquals(1, e.getNumExceptions());
        assertEquals("x", Bytes.toString(e.getRow(0).getRow()));
        assertInstanceOf(NoSuchColumnFamilyException.class, e.getCause(0));
        assertTrue(e.getMessage().contains(b.name.toString()), e.getMessage());
      }
      List<RetriesExhaustedWithDetailsException> heard = new ArrayList<>();
      try (BufferedMutator m = c.getBufferedMutator(new BufferedMutatorParams(T)
          .listener((e, mutator) -> {
            synchronized (heard) {
              heard.add(e);
            }
          }))) {
        m.mutate(put("y"));
        m.flush();
      }
      synchronized (heard) {
        assertEquals(1, heard.size());
        assertEquals("y", Bytes.toString(heard.get(0).getRow(0).getRow()));
      }
    }
  }
}
