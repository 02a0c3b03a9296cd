package io.cellar.regionserver.server;

import io.cellar.client.Delete;
import io.cellar.client.Mutation;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.proto.Action;
import io.cellar.common.proto.ActionResult;
import io.cellar.common.proto.MultiRequest;
import io.cellar.common.proto.MultiResponse;
import io.cellar.common.proto.RegionAction;
import io.cellar.common.proto.RegionActionResult;
import io.cellar.common.rpc.RemoteErrors;
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
 */
final class MultiActions {
  private final OnlineRegions regions;
  private final MemStoreFlusher flusher;

  MultiActions(OnlineRegions regions, MemStoreFlusher flusher) {
    this.regions = regions;
    this.flusher = flusher;
  }

  MultiResponse run(MultiRequest req) {
    MultiResponse.Builder out = MultiResponse.newBuilder();
    for (RegionAction ra : req.getRegionActionsList()) {
      out.addResults(runRegion(ra));
    }
    return out.build();
  }

  private RegionActionResult runRegion(RegionAction ra) {
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
    List<Integer> batchSlots = new ArrayList<>();
    List<Mutation> batch = new ArrayList<>();
    for (int i = 0; i < ra.getActionsCount(); i++) {
      Action a = ra.getActions(i);
      try {
        switch (a.getOpCase()) {
          case GET -> {
            applyBatch(region, ra, batch, batchSlots, results);
            region.countRead();
            Result r = region.region().get(RequestDecoder.get(a.getGet()));
            results[i] = success(a, r);
          }
          case MUTATION -> {
            Mutation m = RequestDecoder.mutation(a.getMutation());
            region.countWrite(1);
            if (m instanceof Put || m instanceof Delete) {
              batch.add(m);
              batchSlots.add(i);
            } else {
              applyBatch(region, ra, batch, batchSlots, results);
              results[i] = success(a, ClientService.apply(region.region(), m));
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
    for (ActionResult r : results) {
      b.addResults(r);
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

  private static ActionResult success(Action a, Result r) {
    ActionResult.Builder b = ActionResult.newBuilder().setIndex(a.getIndex());
    if (r != null) {
      b.setResult(ProtobufConverter.toProto(r));
    }
    return b.build();
  }

  private static ActionResult failure(Action a, Throwable e) {
    return ActionResult.newBuilder().setIndex(a.getIndex())
        .setError(RemoteErrors.toProto(e)).build();
  }
}
