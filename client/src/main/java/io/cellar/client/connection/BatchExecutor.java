package io.cellar.client.connection;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.cellar.client.Get;
import io.cellar.client.Mutation;
import io.cellar.client.Result;
import io.cellar.client.RetriesExhaustedWithDetailsException;
import io.cellar.client.Row;
import io.cellar.client.RowMutations;
import io.cellar.client.meta.RegionLocation;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.proto.Action;
import io.cellar.common.proto.ActionResult;
import io.cellar.common.proto.MultiRequest;
import io.cellar.common.proto.MultiResponse;
import io.cellar.common.proto.MutateRowRequest;
import io.cellar.common.proto.RegionAction;
import io.cellar.common.proto.RegionActionResult;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RemoteErrors;
import io.cellar.common.rpc.RpcResponse;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a batch of row operations on one table: each round locates the pending actions, groups
 * them per server and region into Multi requests (RowMutations go as MutateRow), sends every
 * request at once and collects the answers. Actions that failed retryably (region moved, server
 * down, busy) are located again and resent in the next round after a backoff pause; the others
 * are done. Within the operation timeout and retry count; then the rest fail with the last
 * error. Thread-safe (no state between runs).
 */
public final class BatchExecutor {
  /** Most actions in one Multi request; a server with more gets several requests at once. */
  static final int MAX_ACTIONS_PER_REQUEST = 2000;

  private final ServerCalls calls;
  private final RegionLookup lookup;
  private final RetryPolicy policy;
  private final long operationTimeoutMs;
  private final long rpcTimeoutMs;

  public BatchExecutor(ServerCalls calls, RegionLookup lookup, ClientSettings s) {
    this.calls = calls;
    this.lookup = lookup;
    this.policy = RetryPolicy.of(s);
    this.operationTimeoutMs = s.operationTimeoutMs();
    this.rpcTimeoutMs = s.rpcTimeoutMs();
  }

  /** One request in flight: where it went and which action indexes it carries, per region. */
  private record Sent(ServerName server, List<RegionLocation> regions, List<List<Integer>> indexes,
      CompletableFuture<RpcResponse> response, boolean rowMutations) {}

  /**
   * Runs {@code actions}; on return {@code results[i]} is action i's Result or Throwable.
   * Returns the failed actions (empty when all succeeded).
   */
  public List<RetriesExhaustedWithDetailsException.Failure> run(TableName table,
      List<? extends Row> actions, Object[] results) throws IOException {
    if (results.length != actions.size()) {
      throw new IllegalArgumentException("results has " + results.length + " slots for "
          + actions.size() + " actions");
    }
    for (Row r : actions) {
      if (!(r instanceof Get || r instanceof Mutation || r instanceof RowMutations)) {
        throw new IllegalArgumentException("Unsupported batch action " + r);
      }
    }
    long start = System.nanoTime();
    long deadline = start + operationTimeoutMs * 1_000_000L;
    ServerName[] lastServer = new ServerName[actions.size()];
    Throwable[] lastError = new Throwable[actions.size()];
    boolean[] done = new boolean[actions.size()];
    List<Integer> pending = new ArrayList<>(actions.size());
    for (int i = 0; i < actions.size(); i++) {
      pending.add(i);
    }
    for (int round = 0; !pending.isEmpty(); round++) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
      long timeout = Math.min(rpcTimeoutMs, left);
      List<Integer> retry = new ArrayList<>();
      List<Sent> sent = send(table, actions, pending, timeout, results, lastError, done, retry,
          lastServer);
      for (Sent s : sent) {
        collect(s, actions, timeout, results, lastError, done, retry);
      }
      pending = retry;
      if (pending.isEmpty()) {
        break;
      }
      long pause = policy.nextPauseMs(round + 1, (deadline - System.nanoTime()) / 1_000_000L,
          RetryPolicy.minAttemptMs(operationTimeoutMs));
      if (pause < 0) {
        for (int i : pending) {
          Throwable cause = lastError[i];
          results[i] = RetryingCaller.exhausted("batch action on table "
              + table.getNameAsString(), actions.get(i).getRow(), round + 1, start,
              lastServer[i], cause);
          done[i] = true;
        }
        break;
      }
      RetryingCaller.sleep(pause);
    }
    List<RetriesExhaustedWithDetailsException.Failure> failures = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      if (results[i] instanceof Throwable t) {
        failures.add(new RetriesExhaustedWithDetailsException.Failure(actions.get(i), t,
            lastServer[i] == null ? null : lastServer[i].toString()));
      }
    }
    return failures;
  }

  private List<Sent> send(TableName table, List<? extends Row> actions, List<Integer> pending,
      long timeout, Object[] results, Throwable[] lastError, boolean[] done, List<Integer> retry,
      ServerName[] lastServer) throws IOException {
    // server -> region -> action indexes, in first-seen order
    Map<ServerName, Map<RegionLocation, List<Integer>>> groups = new LinkedHashMap<>();
    List<Sent> sent = new ArrayList<>();
    for (int i : pending) {
      RegionLocation loc;
      try {
        loc = lookup.locate(table, actions.get(i).getRow(), false, timeout);
      } catch (IOException | RuntimeException e) {
        if (e instanceof java.io.InterruptedIOException) {
          throw (IOException) e;
        }
        fail(i, e, results, lastError, done, retry);
        continue;
      }
      lastServer[i] = loc.server();
      if (actions.get(i) instanceof RowMutations rm) {
        Message req = MutateRowRequest.newBuilder()
            .setRegionName(RegionLookup.regionName(loc))
            .setRowMutations(ProtobufConverter.toProto(rm)).build();
        sent.add(new Sent(loc.server(), List.of(loc), List.of(List.of(i)),
            calls.send(loc.server(), ServerCalls.CLIENT_SERVICE, "MutateRow", req, timeout),
            true));
        continue;
      }
      groups.computeIfAbsent(loc.server(), s -> new LinkedHashMap<>())
          .computeIfAbsent(loc, l -> new ArrayList<>()).add(i);
    }
    for (Map.Entry<ServerName, Map<RegionLocation, List<Integer>>> g : groups.entrySet()) {
      MultiRequest.Builder req = MultiRequest.newBuilder();
      List<Cell> blockCells = new ArrayList<>(); // the mutations' cells, in action order
      List<RegionLocation> regions = new ArrayList<>();
      List<List<Integer>> indexes = new ArrayList<>();
      int count = 0;
      for (Map.Entry<RegionLocation, List<Integer>> r : g.getValue().entrySet()) {
        RegionAction.Builder ra = RegionAction.newBuilder()
            .setRegionName(RegionLookup.regionName(r.getKey()));
        List<Integer> idx = new ArrayList<>();
        for (int i : r.getValue()) {
          if (count == MAX_ACTIONS_PER_REQUEST) {
            // flush what we have as one request; continue with a fresh one
            if (!idx.isEmpty()) {
              req.addRegionActions(ra.build());
              regions.add(r.getKey());
              indexes.add(idx);
            }
            sent.add(new Sent(g.getKey(), regions, indexes, calls.send(g.getKey(),
                ServerCalls.CLIENT_SERVICE, "Multi", req.build(), CellBlock.ofCells(blockCells),
                timeout), false));
            req = MultiRequest.newBuilder();
            blockCells = new ArrayList<>();
            regions = new ArrayList<>();
            indexes = new ArrayList<>();
            ra = RegionAction.newBuilder().setRegionName(RegionLookup.regionName(r.getKey()));
            idx = new ArrayList<>();
            count = 0;
          }
          ra.addActions(toAction(i, actions.get(i), blockCells));
          idx.add(i);
          count++;
        }
        if (!idx.isEmpty()) {
          req.addRegionActions(ra.build());
          regions.add(r.getKey());
          indexes.add(idx);
        }
      }
      if (!regions.isEmpty()) {
        sent.add(new Sent(g.getKey(), regions, indexes, calls.send(g.getKey(),
            ServerCalls.CLIENT_SERVICE, "Multi", req.build(), CellBlock.ofCells(blockCells),
            timeout), false));
      }
    }
    return sent;
  }

  /** The action's message; a mutation's cells go onto {@code blockCells}, not into it. */
  private static Action toAction(int index, Row r, List<Cell> blockCells) {
    Action.Builder a = Action.newBuilder().setIndex(index);
    if (r instanceof Get g) {
      a.setGet(ProtobufConverter.toProto(g));
    } else {
      Mutation m = (Mutation) r;
      List<Cell> cells = m.getCells();
      a.setMutation(ProtobufConverter.toProtoWithoutCells(m)).setCellBlockCells(cells.size());
      blockCells.addAll(cells);
    }
    return a.build();
  }

  private void collect(Sent s, List<? extends Row> actions, long timeout, Object[] results,
      Throwable[] lastError, boolean[] done, List<Integer> retry) throws IOException {
    RpcResponse raw;
    try {
      raw = ServerCalls.await(s.response(), timeout);
    } catch (java.io.InterruptedIOException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      for (int r = 0; r < s.regions().size(); r++) {
        lookup.onFailure(s.regions().get(r), e);
        for (int i : s.indexes().get(r)) {
          fail(i, e, results, lastError, done, retry);
        }
      }
      return;
    }
    if (s.rowMutations()) {
      int i = s.indexes().get(0).get(0);
      results[i] = Result.EMPTY_RESULT;
      done[i] = true;
      return;
    }
    MultiResponse resp = ServerCalls.parse(raw, MultiResponse.parser());
    List<KeyValue> blockCells;
    try {
      blockCells = resultCells(resp, raw.cells());
    } catch (InvalidRequestException e) {
      IOException bad = new CellarException("Malformed Multi response from " + s.server() + ": "
          + e.getMessage(), e);
      for (List<Integer> idx : s.indexes()) {
        idx.forEach(i -> fail(i, bad, results, lastError, done, retry));
      }
      return;
    }
    int nextCell = 0;
    for (int r = 0; r < s.regions().size(); r++) {
      RegionLocation loc = s.regions().get(r);
      List<Integer> idx = s.indexes().get(r);
      if (r >= resp.getResultsCount()) {
        IOException e = new CellarException("Multi response from " + s.server()
            + " has no answer for region " + loc.region());
        idx.forEach(i -> fail(i, e, results, lastError, done, retry));
        continue;
      }
      RegionActionResult rar = resp.getResults(r);
      if (rar.hasRegionError()) {
        Exception e = RemoteErrors.fromProto(rar.getRegionError());
        lookup.onFailure(loc, e);
        idx.forEach(i -> fail(i, e, results, lastError, done, retry));
        continue;
      }
      Set<Integer> mine = new HashSet<>(idx);
      BitSet answered = new BitSet();
      for (ActionResult ar : rar.getResultsList()) {
        int i = ar.getIndex();
        List<KeyValue> more = blockCells.subList(nextCell, nextCell + ar.getCellBlockCells());
        nextCell += ar.getCellBlockCells();
        if (!mine.contains(i) || answered.get(i)) {
          continue; // not ours or answered twice: ignore
        }
        answered.set(i);
        if (ar.hasError()) {
          Exception e = RemoteErrors.fromProto(ar.getError());
          if (RetryPolicy.classify(e) != RetryPolicy.Failure.DO_NOT_RETRY) {
            lookup.onFailure(loc, e);
          }
          fail(i, e, results, lastError, done, retry);
        } else {
          results[i] = ar.hasResult() ? ProtobufConverter.fromProto(ar.getResult(), more)
              : Result.EMPTY_RESULT;
          done[i] = true;
        }
      }
      for (int i : idx) {
        if (!answered.get(i)) {
          fail(i, new CellarException("Multi response from " + s.server()
              + " has no answer for action " + i + " (row "
              + Bytes.toStringBinary(actions.get(i).getRow()) + ")"), results, lastError, done,
              retry);
        }
      }
    }
  }

  /**
   * The response's cell block as cells, after checking that the results claim exactly those
   * cells (so that each result can take its share in order).
   */
  static List<KeyValue> resultCells(MultiResponse resp, CellBlock block)
      throws InvalidRequestException {
    long claimed = 0;
    for (RegionActionResult rar : resp.getResultsList()) {
      for (ActionResult ar : rar.getResultsList()) {
        claimed += Integer.toUnsignedLong(ar.getCellBlockCells()); // uint32
      }
    }
    List<KeyValue> cells = block.isEmpty() ? List.of() : block.cells();
    if (claimed != cells.size()) {
      throw new InvalidRequestException("its results claim " + claimed
          + " cells of a cell block holding " + cells.size());
    }
    return cells;
  }

  private static void fail(int i, Throwable e, Object[] results, Throwable[] lastError,
      boolean[] done, List<Integer> retry) {
    lastError[i] = e;
    if (RetryPolicy.classify(e) == RetryPolicy.Failure.DO_NOT_RETRY) {
      results[i] = e;
      done[i] = true;
    } else {
      retry.add(i);
    }
  }
}
