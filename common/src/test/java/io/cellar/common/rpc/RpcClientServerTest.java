package io.cellar.common.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import io.cellar.common.Bytes;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.exceptions.RegionMovedException;
import io.cellar.common.exceptions.TableNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RpcClientServerTest {
  private static final long TIMEOUT = 20_000;
  private EchoService echo;
  private RpcServer server;
  private RpcClient client;

  @BeforeEach
  void start() throws Exception {
    Configuration conf = new Configuration().setInt(RpcServer.HANDLER_THREADS, 4);
    echo = new EchoService();
    server = new RpcServer(conf, "127.0.0.1", 0);
    server.register("Echo", echo.methods());
    server.start();
    client = new RpcClient(conf);
  }

  @AfterEach
  void stop() {
    echo.release.countDown();
    client.close();
    server.close();
  }

  private CompletableFuture<RpcResponse> call(String method, String arg, long timeoutMs) {
    return client.call(server.getHostPort(), "Echo", method, StringValue.of(arg),
        CellBlock.empty(), timeoutMs);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> f.get(TIMEOUT, TimeUnit.MILLISECONDS));
    return e.getCause();
  }

  @Test
  void echoCarriesMessageAndCellBlock() throws Exception {
    List<KeyValue> cells = List.of(
        KeyValue.create(Bytes.toBytes("r1"), Bytes.toBytes("f"), Bytes.toBytes("q"), 5,
            Bytes.toBytes("v1")),
        KeyValue.create(Bytes.toBytes("r2"), Bytes.toBytes("f"), Bytes.toBytes("q2"), 7,
            Bytes.toBytes("value-2")));
    RpcResponse r = client.call(server.getHostPort(), "Echo", "echo", StringValue.of("hi"),
        CellBlock.ofCells(cells), TIMEOUT).get();
    assertEquals("hi", r.parse(StringValue.parser()).getValue());
    assertEquals(cells, r.cells().cells());
    StringValue typed = client.call(server.getHostPort(), "Echo", "echo", StringValue.of("x"),
        StringValue.parser(), TIMEOUT).get();
    assertEquals("x", typed.getValue());
  }

  @Test
  void thousandConcurrentCallsShareOneConnection() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<CompletableFuture<String>>>> senders = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        senders.add(pool.submit(() -> {
          List<CompletableFuture<String>> out = new ArrayList<>();
          for (int i = 0; i < 125; i++) {
            String arg = thread + "-" + i;
            out.add(call("echo", arg, TIMEOUT).thenApply(r -> {
              try {
                return r.parse(StringValue.parser()).getValue();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }));
          }
          return out;
        }));
      }
      int checked = 0;
      for (int t = 0; t < 8; t++) {
        List<CompletableFuture<String>> calls = senders.get(t).get();
        for (int i = 0; i < calls.size(); i++) {
          assertEquals(t + "-" + i, calls.get(i).get(TIMEOUT, TimeUnit.MILLISECONDS));
          checked++;
        }
      }
      assertEquals(1000, checked);
      assertEquals(1, client.getConnectionCount());
      assertEquals(1, server.getConnectionCount());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void laterCallCompletesBeforeBlockedOne() throws Exception {
    CompletableFuture<RpcResponse> slow = call("block", "slow", TIMEOUT);
    CompletableFuture<RpcResponse> fast = call("echo", "fast", TIMEOUT);
    assertEquals("fast", fast.get(TIMEOUT, TimeUnit.MILLISECONDS)
        .parse(StringValue.parser()).getValue());
    assertFalse(slow.isDone());
    echo.release.countDown();
    assertEquals("slow", slow.get(TIMEOUT, TimeUnit.MILLISECONDS)
        .parse(StringValue.parser()).getValue());
  }

  @Test
  void asyncHandlersDoNotHoldHandlerThreads() throws Exception {
    List<CompletableFuture<RpcResponse>> parked = new ArrayList<>();
    for (int i = 0; i < 8; i++) { // twice the handler threads
      parked.add(call("later", "p" + i, TIMEOUT));
    }
    List<EchoService.Later> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(echo.later.poll(TIMEOUT, TimeUnit.MILLISECONDS));
    }
    assertEquals("free", call("echo", "free", TIMEOUT).get(TIMEOUT, TimeUnit.MILLISECONDS)
        .parse(StringValue.parser()).getValue());
    for (EchoService.Later l : answers) {
      if (l.arg().equals("p0")) {
        l.answer().completeExceptionally(new TableNotFoundException("async t"));
      } else {
        l.answer().complete(RpcResult.of(StringValue.of("done-" + l.arg())));
      }
    }
    assertInstanceOf(TableNotFoundException.class, failure(parked.get(0)));
    for (int i = 1; i < 8; i++) {
      assertEquals("done-p" + i, parked.get(i).get(TIMEOUT, TimeUnit.MILLISECONDS)
          .parse(StringValue.parser()).getValue());
    }
  }

  @Test
  void expiredCallTimesOutAndNeverRuns() throws Exception {
    // Occupy all four handler threads so the counted call waits in the queue past its deadline.
    List<CompletableFuture<RpcResponse>> blockers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      blockers.add(call("block", "b" + i, TIMEOUT));
    }
    CompletableFuture<RpcResponse> doomed = call("count", "c", 100);
    assertInstanceOf(CallTimeoutException.class, failure(doomed));
    while (server.getQueuedCallCount() < 1) {
      Thread.sleep(5); // wait until the server has read the doomed call
    }
    // The server's deadline is at most 100 ms after it read the call, which was before now.
    Thread.sleep(150);
    echo.release.countDown();
    for (CompletableFuture<RpcResponse> b : blockers) {
      b.get(TIMEOUT, TimeUnit.MILLISECONDS);
    }
    // A later call runs after the expired one left the queue: the counter saw only itself.
    Int64Value after = call("count", "d", TIMEOUT).get().parse(Int64Value.parser());
    assertEquals(1, after.getValue());
  }

  @Test
  void handlerExceptionsArriveTyped() throws Exception {
    Throwable t = failure(call("fail", "table", TIMEOUT));
    assertInstanceOf(TableNotFoundException.class, t);
    assertEquals("no table t1", t.getMessage());

    RegionMovedException moved =
        assertInstanceOf(RegionMovedException.class, failure(call("fail", "moved", TIMEOUT)));
    assertEquals("host2:16020", moved.getNewServer());

    RemoteException other =
        assertInstanceOf(RemoteException.class, failure(call("fail", "other", TIMEOUT)));
    assertEquals(IllegalStateException.class.getName(), other.getClassName());
    assertTrue(other.isDoNotRetry());

    assertInstanceOf(UnknownMethodException.class, failure(call("nope", "", TIMEOUT)));
    assertInstanceOf(UnknownMethodException.class, failure(client.call(server.getHostPort(),
        "NoService", "echo", StringValue.of(""), CellBlock.empty(), TIMEOUT)));
  }

  @Test
  void oversizedRequestIsRefusedBeforeSending() throws Exception {
    Configuration small = new Configuration().setInt(RpcServer.MAX_FRAME_BYTES, 1024);
    try (RpcClient smallClient = new RpcClient(small)) {
      CompletableFuture<RpcResponse> f = smallClient.call(server.getHostPort(), "Echo", "echo",
          StringValue.of("x"), CellBlock.of(new byte[4096]), TIMEOUT);
      assertInstanceOf(DoNotRetryException.class, failure(f));
    }
  }

  @Test
  void serverRestartFailsOutstandingCallsAndClientReconnects() throws Exception {
    int port = server.getPort();
    assertEquals("a", call("echo", "a", TIMEOUT).get().parse(StringValue.parser()).getValue());
    CompletableFuture<RpcResponse> outstanding = call("block", "never", TIMEOUT);
    server.close();
    assertInstanceOf(ConnectionClosedException.class, failure(outstanding));
    assertInstanceOf(ConnectionClosedException.class, failure(call("echo", "down", TIMEOUT)));

    server = new RpcServer(new Configuration(), "127.0.0.1", port);
    server.register("Echo", new EchoService().methods());
    server.start();
    assertEquals("b", call("echo", "b", TIMEOUT).get().parse(StringValue.parser()).getValue());
  }

  @Test
  void unresolvableOrClosedAddressFailsRetryably() {
    assertInstanceOf(ConnectionClosedException.class, failure(client.call("127.0.0.1:1", "Echo",
        "echo", StringValue.of(""), CellBlock.empty(), TIMEOUT)));
    assertInstanceOf(IllegalArgumentException.class, failure(client.call(server.getHostPort(),
        "Echo", "echo", StringValue.of(""), CellBlock.empty(), 0)));
  }

  @Test
  void cellBlockRejectsTruncatedCells() {
    byte[] one = CellBlock.ofCells(List.of(KeyValue.create(Bytes.toBytes("r"),
        Bytes.toBytes("f"), Bytes.toBytes("q"), 1, Bytes.toBytes("v")))).bytes();
    byte[] cut = java.util.Arrays.copyOf(one, one.length - 1);
    assertThrows(io.cellar.common.exceptions.InvalidRequestException.class,
        () -> CellBlock.of(cut).cells());
    assertArrayEquals(new byte[0], CellBlock.empty().bytes());
  }
}
