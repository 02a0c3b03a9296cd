package io.cellar.common.rpc;

import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
import io.cellar.common.exceptions.RegionMovedException;
import io.cellar.common.exceptions.TableNotFoundException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Test service: echo, a call that blocks on a latch, a counter, and typed failures. */
final class EchoService {
  final CountDownLatch release = new CountDownLatch(1);
  final AtomicInteger counted = new AtomicInteger();
  /** A parked "later" call: its argument and the future the test completes. */
  record Later(String arg, CompletableFuture<RpcResult> answer) {}

  final BlockingQueue<Later> later = new LinkedBlockingQueue<>();

  RpcMethods methods() {
    return RpcMethods.builder()
        .add("echo", StringValue.parser(), (req, cells, ctx) -> RpcResult.of(req, cells))
        .addSimple("block", StringValue.parser(), req -> {
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test never released the latch");
          }
          return req;
        })
        .addSimple("count", StringValue.parser(), req -> {
          counted.incrementAndGet();
          return Int64Value.of(counted.get());
        })
        .addAsync("later", StringValue.parser(), (req, cells, ctx) -> {
          CompletableFuture<RpcResult> f = new CompletableFuture<>();
          later.add(new Later(req.getValue(), f));
          return f;
        })
        .add("bytes", Int64Value.parser(), (req, cells, ctx) ->
            RpcResult.of(req, CellBlock.of(new byte[(int) req.getValue()])))
        .addSimple("fail", StringValue.parser(), req -> {
          switch (req.getValue()) {
            case "table" -> throw new TableNotFoundException("no table t1");
            case "moved" -> throw new RegionMovedException("region r moved", "host2:16020");
            default -> throw new IllegalStateException("boom");
          }
        })
        .build();
  }
}
