package io.cellar.client.connection;

import io.cellar.client.Append;
import io.cellar.client.CheckAndMutate;
import io.cellar.client.CheckAndMutateResult;
import io.cellar.client.Delete;
import io.cellar.client.Get;
import io.cellar.client.Increment;
import io.cellar.client.Mutation;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.ResultScanner;
import io.cellar.client.RetriesExhaustedWithDetailsException;
import io.cellar.client.Row;
import io.cellar.client.RowMutations;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.client.meta.RegionLocation;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.exceptions.CellarException;
import io.cellar.common.proto.CheckAndMutateRequest;
import io.cellar.common.proto.CheckAndMutateResponse;
import io.cellar.common.proto.GetRequest;
import io.cellar.common.proto.GetResponse;
import io.cellar.common.proto.MutateRequest;
import io.cellar.common.proto.MutateResponse;
import io.cellar.common.proto.MutateRowRequest;
import io.cellar.common.proto.MutateRowResponse;
import io.cellar.common.rpc.RpcResponse;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Table} over a {@link ClusterConnection}: single-row calls go to the region's server
 * through {@link RetryingCaller}; lists and batches through {@link BatchExecutor}; scans through
 * {@link ClientScanner}. Holds no resources of its own.
 */
final class RemoteTable implements Table {
  private final ClusterConnection conn;
  private final TableName name;
  private final String what;
  // operation descriptions for errors, built once (not per call)
  private final String getWhat;
  private final String putWhat;

  RemoteTable(ClusterConnection conn, TableName name) {
    this.conn = conn;
    this.name = name;
    this.what = "on table " + name.getNameAsString();
    this.getWhat = "get " + what;
    this.putWhat = "put " + what;
  }

  @Override
  public TableName getName() {
    return name;
  }

  @Override
  public TableDescriptor getDescriptor() throws IOException {
    try (var admin = conn.getAdmin()) {
      return admin.getDescriptor(name);
    }
  }

  /** Locates {@code row} for one attempt (a failed attempt dropped stale entries) and records it. */
  private RegionLocation locate(RetryingCaller.Try t, byte[] row) throws IOException {
    conn.checkOpen();
    RegionLocation loc = conn.lookup().locate(name, row, false, t.rpcTimeoutMs());
    t.at(loc);
    return loc;
  }

  @Override
  public Result get(Get get) throws IOException {
    return conn.caller().call(getWhat, get.getRow(), t -> {
      RegionLocation loc = locate(t, get.getRow());
      RpcResponse raw = conn.calls().callRaw(loc.server(), ServerCalls.CLIENT_SERVICE, "Get",
          GetRequest.newBuilder().setRegionName(RegionLookup.regionName(loc))
              .setGet(ProtobufConverter.toProto(get)).build(), t.rpcTimeoutMs());
      return ProtobufConverter.fromGetResponse(ServerCalls.parse(raw, GetResponse.parser()),
          raw.cells());
    });
  }

  @Override
  public Result[] get(List<Get> gets) throws IOException {
    Object[] results = new Object[gets.size()];
    batch(gets, results);
    Result[] out = new Result[gets.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Result) results[i];
    }
    return out;
  }

  @Override
  public boolean exists(Get get) throws IOException {
    Result r = get(new Get(get).setCheckExistenceOnly(true));
    return r.getExists() != null ? r.getExists() : !r.isEmpty();
  }

  @Override
  public boolean[] exists(List<Get> gets) throws IOException {
    List<Get> probes = new ArrayList<>(gets.size());
    for (Get g : gets) {
      probes.add(new Get(g).setCheckExistenceOnly(true));
    }
    Result[] rs = get(probes);
    boolean[] out = new boolean[rs.length];
    for (int i = 0; i < rs.length; i++) {
      out[i] = rs[i].getExists() != null ? rs[i].getExists() : !rs[i].isEmpty();
    }
    return out;
  }

  @Override
  public void put(Put put) throws IOException {
    mutate(putWhat, put);
  }

  @Override
  public void put(List<Put> puts) throws IOException {
    batch(puts, new Object[puts.size()]);
  }

  @Override
  public void delete(Delete delete) throws IOException {
    mutate("delete " + what, delete);
  }

  @Override
  public void delete(List<Delete> deletes) throws IOException {
    batch(deletes, new Object[deletes.size()]);
  }

  private Result mutate(String op, Mutation m) throws IOException {
    if (m.isEmpty() && !(m instanceof Delete)) {
      throw new IllegalArgumentException(m.getClass().getSimpleName() + " of row "
          + Bytes.toStringBinary(m.getRow()) + " has no columns");
    }
    return conn.caller().call(op, m.getRow(), t -> {
      RegionLocation loc = locate(t, m.getRow());
      MutateResponse r = ServerCalls.parse(conn.calls().callRaw(loc.server(),
          ServerCalls.CLIENT_SERVICE, "Mutate", MutateRequest.newBuilder()
              .setRegionName(RegionLookup.regionName(loc))
              .setMutation(ProtobufConverter.toProtoWithoutCells(m)).build(),
          ProtobufConverter.cellBlock(m), t.rpcTimeoutMs()), MutateResponse.parser());
      return r.hasResult() ? ProtobufConverter.fromProto(r.getResult()) : Result.EMPTY_RESULT;
    });
  }

  @Override
  public void batch(List<? extends Row> actions, Object[] results) throws IOException {
    conn.checkOpen();
    List<RetriesExhaustedWithDetailsException.Failure> failures =
        conn.batches().run(name, actions, results);
    if (!failures.isEmpty()) {
      throw new RetriesExhaustedWithDetailsException(failures);
    }
  }

  @Override
  public Result increment(Increment increment) throws IOException {
    return mutate("increment " + what, increment);
  }

  @Override
  public long incrementColumnValue(byte[] row, byte[] family, byte[] qualifier, long amount)
      throws IOException {
    Result r = increment(new Increment(row).addColumn(family, qualifier, amount));
    Cell c = r.getColumnLatestCell(family, qualifier);
    if (c == null || c.getValueLength() != Long.BYTES) {
      throw new CellarException("Increment of row " + Bytes.toStringBinary(row)
          + " returned no 8-byte value for the column");
    }
    return Bytes.toLong(Cells.cloneValue(c));
  }

  @Override
  public Result append(Append append) throws IOException {
    return mutate("append " + what, append);
  }

  @Override
  public CheckAndMutateResult checkAndMutate(CheckAndMutate cam) throws IOException {
    return conn.caller().call("checkAndMutate " + what, cam.getRow(), t -> {
      RegionLocation loc = locate(t, cam.getRow());
      CheckAndMutateResponse r = conn.calls().call(loc.server(), ServerCalls.CLIENT_SERVICE,
          "CheckAndMutate", CheckAndMutateRequest.newBuilder()
              .setRegionName(RegionLookup.regionName(loc))
              .setCheckAndMutate(ProtobufConverter.toProto(cam)).build(),
          CheckAndMutateResponse.parser(), t.rpcTimeoutMs());
      return ProtobufConverter.fromProto(r.getResult());
    });
  }

  @Override
  public void mutateRow(RowMutations mutations) throws IOException {
    conn.caller().call("mutateRow " + what, mutations.getRow(), t -> {
      RegionLocation loc = locate(t, mutations.getRow());
      return conn.calls().call(loc.server(), ServerCalls.CLIENT_SERVICE, "MutateRow",
          MutateRowRequest.newBuilder().setRegionName(RegionLookup.regionName(loc))
              .setRowMutations(ProtobufConverter.toProto(mutations)).build(),
          MutateRowResponse.parser(), t.rpcTimeoutMs());
    });
  }

  @Override
  public ResultScanner getScanner(Scan scan) throws IOException {
    conn.checkOpen();
    return new ClientScanner(name, scan, conn.calls(), conn.lookup(), conn.settings());
  }

  @Override
  public ResultScanner getScanner(byte[] family) throws IOException {
    return getScanner(new Scan().addFamily(family));
  }

  @Override
  public ResultScanner getScanner(byte[] family, byte[] qualifier) throws IOException {
    return getScanner(new Scan().addColumn(family, qualifier));
  }

  @Override
  public void close() {
    // nothing of its own: the connection owns every resource
  }

  @Override
  public String toString() {
    return "Table{" + name.getNameAsString() + "}";
  }
}
