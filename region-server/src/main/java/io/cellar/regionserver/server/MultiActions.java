package io.cellar.regionserver.server;

import io.cellar.client.Delete;
import io.cellar.client.Mutation;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.proto.Action;
import io.cellar.common.proto.ActionResult;
import io.cellar.common.proto.MultiRequest;
import io.cellar.common.proto.MultiResponse;
import io.cellar.common.proto.RegionAction;
import io.cellar.common.proto.RegionActionResult;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RemoteErrors;
import io.cellar.common.rpc.RpcResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a Multi: for each region action, its gets and mutations in order, one result per action.
 * Consecutive Puts and Deletes go to the region as one batch (one WAL sync for the group);
 * Increments, Appends and Gets run one by one, after the batch before them. An action that fails
 * (bad input, unknown family, wrong row) gets its own error and the others still run; a region
 * not online here fails its whole region action (no action of it ran) with region_error, as does
 * a global memstore that stays over its limit (RegionTooBusyException, retryable).
 *
 * <p>Cells travel in the call's cell blocks: each mutation takes {@code cell_block_cells} cells
 * of the request's block after its message's own, in action order (a request whose actions claim
 * other than all of its block's cells is rejected whole), and each result puts its cells in the
 * response's block, in result order, counted by {@code cell_block_cells}.
 */
final class MultiActions {
  private final OnlineRegions regions;
  private final MemStoreFlusher flusher;

  MultiActions(OnlineRegions regions, MemStoreFlusher flusher) {
    this.regions = regions;
    this.flusher = flusher;
  }

  RpcResult run(MultiRequest req, CellBlock cells) throws InvalidRequestException {
    List<KeyValue> in = requestCells(req, cells);
    List<Cell> out = new ArrayList<>();
    MultiResponse.Builder resp = MultiResponse.newBuilder();
    int nextCell = 0;
    for (RegionAction ra : req.getRegionActionsList()) {
      // counts were checked against the block: each fits, as does their sum
      List<KeyValue> mine = in.subList(nextCell, nextCell + (int) blockCellsOf(ra));
      nextCell += mine.size();
      resp.addResults(runRegion(ra, mine, out));
    }
    return RpcResult.of(resp.build(), CellBlock.ofCells(out));
  }

  /** The request's cell block as cells, after checking the actions claim exactly those. */
  private static List<KeyValue> requestCells(MultiRequest req, CellBlock cells)
      throws InvalidRequestException {
    long claimed = 0;
    for (RegionAction ra : req.getRegionActionsList()) {
      claimed += blockCellsOf(ra);
    }
    List<KeyValue> in = cells.isEmpty() ? List.of() : cells.cells();
    if (claimed != in.size()) {
      throw new InvalidRequestException("Multi request's actions claim " + claimed
          + " cells of a cell block holding " + in.size());
    }
    return in;
  }

  /** The block cells the region's actions claim (uint32 counts, read unsigned). */
  private static long blockCellsOf(RegionAction ra) {
    long n = 0;
    for (Action a : ra.getActionsList()) {
      n += Integer.toUnsignedLong(a.getCellBlockCells());
    }
    return n;
  }

  /**
   * Runs one region's actions; {@code in} holds their block cells in order, and the cells of
   * their results are appended to {@code out}.
   */
  private RegionActionResult runRegion(RegionAction ra, List<KeyValue> in, List<Cell> out) {
    OnlineRegion region;
    try {
      region = regions.get(ra.getRegionName().toByteArray());
    } catch (NotServingRegionException e) {
      return RegionActionResult.newBuilder().setRegionError(RemoteErrors.toProto(e)).build();
    }
    if (hasMutation(ra)) {
      try {
        flusher.awaitGlobalRoom();
      } catch (IOException e) {
        return RegionActionResult.newBuilder().setRegionError(RemoteErrors.toProto(e)).build();
      }
    }
    ActionResult[] results = new ActionResult[ra.getActionsCount()];
    Result[] answers = new Result[ra.getActionsCount()]; // of Gets, Increments and Appends
    List<Integer> batchSlots = new ArrayList<>();
    List<Mutation> batch = new ArrayList<>();
    int nextCell = 0;
    for (int i = 0; i < ra.getActionsCount(); i++) {
      Action a = ra.getActions(i);
      List<KeyValue> cells = in.subList(nextCell, nextCell + a.getCellBlockCells());
      nextCell += cells.size();
      try {
        switch (a.getOpCase()) {
          case GET -> {
            if (!cells.isEmpty()) {
              throw new InvalidRequestException("Get action " + a.getIndex() + " claims "
                  + cells.size() + " cells of the cell block");
            }
            applyBatch(region, ra, batch, batchSlots, results);
            region.countRead();
            answers[i] = region.region().get(RequestDecoder.get(a.getGet()));
            results[i] = success(a, answers[i]);
          }
          case MUTATION -> {
            Mutation m = RequestDecoder.mutation(a.getMutation(), cells);
            region.countWrite(1);
            if (m instanceof Put || m instanceof Delete) {
              batch.add(m);
              batchSlots.add(i);
            } else {
              applyBatch(region, ra, batch, batchSlots, results);
              answers[i] = ClientService.apply(region.region(), m);
              results[i] = success(a, answers[i]);
            }
          }
          default -> throw new InvalidRequestException(
              "Action " + a.getIndex() + " has neither a get nor a mutation");
        }
      } catch (IOException | RuntimeException e) {
        results[i] = failure(a, e);
      }
    }
    applyBatch(region, ra, batch, batchSlots, results);
    RegionActionResult.Builder b = RegionActionResult.newBuilder();
    for (int i = 0; i < results.length; i++) {
      b.addResults(results[i]);
      if (results[i].getCellBlockCells() > 0) {
        out.addAll(answers[i].listCells());
      }
    }
    return b.build();
  }

  private static boolean hasMutation(RegionAction ra) {
    for (Action a : ra.getActionsList()) {
      if (a.hasMutation()) {
        return true;
      }
    }
    return false;
  }

  /** Applies the pending Puts/Deletes as one batch and fills their result slots. */
  private static void applyBatch(OnlineRegion region, RegionAction ra, List<Mutation> batch,
      List<Integer> slots, ActionResult[] results) {
    if (batch.isEmpty()) {
      return;
    }
    IOException[] errors;
    try {
      errors = region.region().batchMutate(batch);
    } catch (IOException | RuntimeException e) {
      for (int j = 0; j < slots.size(); j++) {
        results[slots.get(j)] = failure(ra.getActions(slots.get(j)), e);
      }
      batch.clear();
      slots.clear();
      return;
    }
    for (int j = 0; j < slots.size(); j++) {
      Action a = ra.getActions(slots.get(j));
      results[slots.get(j)] = errors[j] == null ? success(a, null) : failure(a, errors[j]);
    }
    batch.clear();
    slots.clear();
  }

  /** The result's flags; its cells go in the response's cell block (see the class comment). */
  private static ActionResult success(Action a, Result r) {
    ActionResult.Builder b = ActionResult.newBuilder().setIndex(a.getIndex());
    if (r != null) {
      b.setResult(ProtobufConverter.toProtoWithoutCells(r)).setCellBlockCells(r.size());
    }
    return b.build();
  }

  private static ActionResult failure(Action a, Throwable e) {
    return ActionResult.newBuilder().setIndex(a.getIndex())
        .setError(RemoteErrors.toProto(e)).build();
  }
}
