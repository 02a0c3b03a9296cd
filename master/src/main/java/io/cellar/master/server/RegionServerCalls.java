package io.cellar.master.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.cellar.common.proto.CloseRegionRequest;
import io.cellar.common.proto.CloseRegionResponse;
import io.cellar.common.proto.GetOnlineRegionsRequest;
import io.cellar.common.proto.GetOnlineRegionsResponse;
import io.cellar.common.proto.OpenRegionRequest;
import io.cellar.common.proto.OpenRegionResponse;
import io.cellar.common.proto.RegionInfoProto;
import io.cellar.common.proto.SplitRegionRequest;
import io.cellar.common.proto.SplitRegionResponse;
import io.cellar.common.rpc.RpcClient;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The master's blocking calls to a region server's "AdminService". Each call waits at most the
 * configured timeout; failures arrive as the typed exception the server threw (or
 * ConnectionClosedException / CallTimeoutException). Thread-safe.
 */
public final class RegionServerCalls {
  public static final String ADMIN_SERVICE = "AdminService";
  public static final String CLIENT_SERVICE = "ClientService";

  private final RpcClient rpc;
  private final long timeoutMs;

  public RegionServerCalls(RpcClient rpc, long timeoutMs) {
    this.rpc = rpc;
    this.timeoutMs = timeoutMs;
  }

  public RpcClient rpc() {
    return rpc;
  }

  public long timeoutMs() {
    return timeoutMs;
  }

  /** Opens the region; returns once it serves. */
  public void openRegion(ServerName server, RegionInfo region, TableDescriptor td)
      throws IOException {
    call(server, ADMIN_SERVICE, "OpenRegion", OpenRegionRequest.newBuilder()
        .setRegion(SchemaProtos.toProto(region))
        .setTable(SchemaProtos.toProto(td))
        .build(), OpenRegionResponse.parser());
  }

  public void closeRegion(ServerName server, RegionInfo region, boolean skipFlush)
      throws IOException {
    call(server, ADMIN_SERVICE, "CloseRegion", CloseRegionRequest.newBuilder()
        .setRegionName(ByteString.copyFrom(region.getRegionName()))
        .setSkipFlush(skipFlush)
        .build(), CloseRegionResponse.parser());
  }

  /** Splits the region at {@code splitPoint} (empty: the server picks); returns daughters. */
  public List<RegionInfo> splitRegion(ServerName server, RegionInfo region, byte[] splitPoint)
      throws IOException {
    SplitRegionResponse r = call(server, ADMIN_SERVICE, "SplitRegion",
        SplitRegionRequest.newBuilder()
            .setRegionName(ByteString.copyFrom(region.getRegionName()))
            .setSplitPoint(ByteString.copyFrom(splitPoint))
            .build(), SplitRegionResponse.parser());
    List<RegionInfo> out = new ArrayList<>();
    for (RegionInfoProto p : r.getDaughtersList()) {
      out.add(SchemaProtos.fromProto(p));
    }
    return out;
  }

  public List<RegionInfo> onlineRegions(ServerName server) throws IOException {
    GetOnlineRegionsResponse r = call(server, ADMIN_SERVICE, "GetOnlineRegions",
        GetOnlineRegionsRequest.getDefaultInstance(), GetOnlineRegionsResponse.parser());
    List<RegionInfo> out = new ArrayList<>();
    for (RegionInfoProto p : r.getRegionsList()) {
      out.add(SchemaProtos.fromProto(p));
    }
    return out;
  }

  /** One blocking call; unwraps the future's failure into the server's exception. */
  public <R> R call(ServerName server, String service, String method, Message request,
      Parser<R> parser) throws IOException {
    return await(rpc.call(server.getAddress(), service, method, request, parser, timeoutMs));
  }

  /** Waits for a future of {@link RpcClient}, rethrowing its failure as an IOException. */
  public static <T> T await(CompletableFuture<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      throw new InterruptedIOException("interrupted waiting for an RPC");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      while ((c instanceof CompletionException
          || c instanceof ExecutionException) && c.getCause() != null) {
        c = c.getCause();
      }
      if (c instanceof IOException io) {
        return rethrow(io);
      }
      throw new IOException(c.toString(), c);
    }
  }

  private static <T> T rethrow(IOException io) throws IOException {
    throw io;
  }
}
