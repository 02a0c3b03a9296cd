package io.cellar.it.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.cellar.client.Admin;
import io.cellar.client.BufferedMutator;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.ResultScanner;
import io.cellar.client.RetriesExhaustedWithDetailsException;
import io.cellar.client.Scan;
import io.cellar.client.Table;
import io.cellar.client.meta.RegionLocation;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.Bytes;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.exceptions.TableNotFoundException;
import io.cellar.common.proto.GetRequest;
import io.cellar.common.proto.MutateRequest;
import io.cellar.common.proto.MutateResponse;
import io.cellar.common.proto.MutationProto;
import io.cellar.common.proto.MutationTypeProto;
import io.cellar.common.proto.RequestHeader;
import io.cellar.common.proto.ResponseHeader;
import io.cellar.common.rpc.RpcClient;
import io.cellar.common.rpc.UnknownMethodException;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.ServerName;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input against a master and one region server running as separate JVMs: garbage and a
 * half-written frame on the RPC port close that connection only; a malformed message in a good
 * frame, an unknown service and an unknown region get typed error replies on a connection that
 * stays usable; an unknown table, an unknown
 * family, an empty row key and an oversized value each fail with their own type; after each, the
 * rows written before are intact and new reads and writes work.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterBadInputTest {
  private static final TableName TABLE = TableName.valueOf("bad_input");
  private static final byte[] F = Bytes.toBytes("f");
  private static final byte[] Q = Bytes.toBytes("q");
  private static final int MAX_CELL = 1024 * 1024;
  private static final int ROWS = 300;

  @TempDir static Path dir;
  static ProcessCluster cluster;

  @RegisterExtension
  static final LogTailsOnFailure LOGS = new LogTailsOnFailure(() -> cluster);

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = ProcessCluster.start(dir, 1, 1, Map.of(
        "cellar.region.max.cell.size", String.valueOf(MAX_CELL),
        "cellar.rpc.partial.frame.timeout.ms", "1500"));
    try (Admin admin = cluster.connection().getAdmin()) {
      admin.createTable(TableDescriptor.newBuilder(TABLE)
          .setColumnFamily(ColumnFamilyDescriptor.of("f")).build(),
          new byte[][] {Bytes.toBytes("row-100"), Bytes.toBytes("row-200")});
    }
    try (Table t = cluster.connection().getTable(TABLE)) {
      for (int i = 0; i < ROWS; i++) {
        t.put(new Put(row(i)).addColumn(F, Q, value(i)));
      }
    }
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void randomBytesCloseTheConnectionAndTheServerKeepsServing() throws Exception {
    for (int seed = 0; seed < 10; seed++) {
      Random random = new Random(seed);
      byte[] junk = new byte[1 + random.nextInt(64 * 1024)];
      random.nextBytes(junk);
      assertConnectionClosedAfter(junk);
    }
    assertClusterHealthy("random bytes");
  }

  @Test
  void aWellFramedGarbagePayloadClosesTheConnection() throws Exception {
    byte[] payload = new byte[200];
    new Random(7).nextBytes(payload);
    assertConnectionClosedAfter(frame(payload, payload.length));
    assertClusterHealthy("garbage payload");
  }

  @Test
  void aHalfWrittenFrameIsDroppedAfterTheStallTimeout() throws Exception {
    byte[] half = frame(new byte[40], 100);
    assertConnectionClosedAfter(half);
    assertClusterHealthy("half-written frame");
  }

  @Test
  void aMalformedMessageInAGoodFrameGetsATypedErrorAndTheConnectionStaysUsable()
      throws Exception {
    ServerName rs = cluster.regionServers().get(0).serverName();
    try (Socket s = new Socket(rs.getHost(), rs.getPort())) {
      s.setSoTimeout(20_000);
      // Field 1, length-delimited, 127 bytes announced, none sent: a truncated GetRequest.
      byte[] truncated = {0x0A, 0x7F};
      ResponseHeader first = call(s, 1, "ClientService", "Get", truncated);
      assertEquals(1, first.getCallId());
      assertEquals(InvalidRequestException.class.getName(), first.getError().getClassName(),
          first.toString());
      assertTrue(first.getError().getDoNotRetry());

      ResponseHeader second = call(s, 2, "NoSuchService", "Get", new byte[0]);
      assertEquals(2, second.getCallId());
      assertEquals(UnknownMethodException.class.getName(), second.getError().getClassName());

      GetRequest unknownRegion = GetRequest.newBuilder()
          .setRegionName(ByteString.copyFromUtf8("bad_input,zzz,1.0123456789abcdef"))
          .setGet(ProtobufConverter.toProto(new Get(row(1)))).build();
      ResponseHeader third = call(s, 3, "ClientService", "Get", unknownRegion.toByteArray());
      assertEquals(3, third.getCallId());
      assertEquals(NotServingRegionException.class.getName(), third.getError().getClassName(),
          third.toString());
    }
    assertClusterHealthy("malformed message");
  }

  @Test
  void anUnknownTableIsTableNotFound() throws Exception {
    TableName missing = TableName.valueOf("no_such_table");
    try (Table t = cluster.connection().getTable(missing)) {
      assertThrows(TableNotFoundException.class, () -> t.get(new Get(row(1))));
      assertThrows(TableNotFoundException.class,
          () -> t.put(new Put(row(1)).addColumn(F, Q, value(1))));
    }
    try (Admin admin = cluster.connection().getAdmin()) {
      assertThrows(TableNotFoundException.class, () -> admin.disableTable(missing));
      assertThrows(TableNotFoundException.class, () -> admin.getDescriptor(missing));
    }
    assertClusterHealthy("unknown table");
  }

  @Test
  void anUnknownFamilyIsNoSuchColumnFamily() throws Exception {
    byte[] bogus = Bytes.toBytes("nope");
    try (Table t = cluster.connection().getTable(TABLE)) {
      NoSuchColumnFamilyException e = assertThrows(NoSuchColumnFamilyException.class,
          () -> t.put(new Put(row(5)).addColumn(bogus, Q, value(5))));
      assertTrue(e.getMessage().contains("nope"), e.getMessage());
      assertThrows(NoSuchColumnFamilyException.class,
          () -> t.get(new Get(row(5)).addFamily(bogus)));
    }
    assertClusterHealthy("unknown family");
  }

  @Test
  void anEmptyRowKeyIsRejectedByTheClientAndByTheServer() throws Exception {
    IllegalArgumentException local = assertThrows(IllegalArgumentException.class,
        () -> new Put(new byte[0]));
    assertTrue(local.getMessage().toLowerCase().contains("empty"), local.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Get(new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> new Put(new byte[Short.MAX_VALUE + 1]));

    // A client that skips the check: the server answers with a typed, do-not-retry error.
    RegionLocation first;
    try (var locator = cluster.connection().getRegionLocator(TABLE)) {
      first = locator.getRegionLocation(row(0));
    }
    KeyValue cell = KeyValue.create(new byte[0], F, Q, 1L, value(0));
    MutateRequest req = MutateRequest.newBuilder()
        .setRegionName(ByteString.copyFrom(first.region().getRegionName()))
        .setMutation(MutationProto.newBuilder().setType(MutationTypeProto.MUTATION_PUT)
            .setRow(ByteString.EMPTY)
            .addCells(ByteString.copyFrom(cell.getBuffer(), cell.getOffset(), cell.getLength())))
        .build();
    try (RpcClient rpc = new RpcClient(cluster.clientConf())) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> rpc.call(
          first.server().getAddress(), "ClientService", "Mutate", req,
          MutateResponse.parser(), 30_000).get(60, TimeUnit.SECONDS));
      assertInstanceOf(InvalidRequestException.class, e.getCause(), String.valueOf(e.getCause()));
      assertTrue(e.getCause().getMessage().toLowerCase().contains("empty"),
          e.getCause().getMessage());
    }
    assertClusterHealthy("empty row key");
  }

  @Test
  void anOversizedValueIsATypedErrorAndASmallerOneIsStored() throws Exception {
    byte[] big = new byte[MAX_CELL + 1];
    new Random(3).nextBytes(big);
    try (Table t = cluster.connection().getTable(TABLE)) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class,
          () -> t.put(new Put(Bytes.toBytes("x-big")).addColumn(F, Q, big)));
      assertTrue(e.getMessage().contains("cellar.region.max.cell.size"), e.getMessage());
      assertTrue(t.get(new Get(Bytes.toBytes("x-big"))).isEmpty());

      byte[] fits = new byte[MAX_CELL / 2];
      new Random(4).nextBytes(fits);
      t.put(new Put(Bytes.toBytes("x-fits")).addColumn(F, Q, fits));
      assertArrayEquals(fits, t.get(new Get(Bytes.toBytes("x-fits"))).getValue(F, Q));
    }
    // Through a BufferedMutator the failure is reported with the typed cause.
    RetriesExhaustedWithDetailsException batch;
    try (BufferedMutator m = cluster.connection().getBufferedMutator(TABLE)) {
      m.mutate(new Put(Bytes.toBytes("x-batch-big")).addColumn(F, Q, big));
      m.mutate(new Put(Bytes.toBytes("x-batch-ok")).addColumn(F, Q, value(151)));
      batch = assertThrows(RetriesExhaustedWithDetailsException.class, m::flush);
    }
    assertEquals(1, batch.getNumExceptions(), batch.getMessage());
    assertInstanceOf(InvalidRequestException.class, batch.getCause(0));
    try (Table t = cluster.connection().getTable(TABLE)) {
      assertArrayEquals(value(151), t.get(new Get(Bytes.toBytes("x-batch-ok"))).getValue(F, Q));
      assertTrue(t.get(new Get(Bytes.toBytes("x-batch-big"))).isEmpty());
    }
    assertClusterHealthy("oversized value");
  }

  // ---- helpers ----

  private static byte[] row(int i) {
    return Bytes.toBytes(String.format("row-%03d", i));
  }

  private static byte[] value(int i) {
    return Bytes.toBytes("value-" + i);
  }

  /** A 4-byte big-endian length {@code declared} followed by {@code payload}. */
  private static byte[] frame(byte[] payload, int declared) {
    byte[] f = new byte[4 + payload.length];
    f[0] = (byte) (declared >>> 24);
    f[1] = (byte) (declared >>> 16);
    f[2] = (byte) (declared >>> 8);
    f[3] = (byte) declared;
    System.arraycopy(payload, 0, f, 4, payload.length);
    return f;
  }

  /** One request frame on {@code s} (header, message, no cells); returns the reply's header. */
  private static ResponseHeader call(Socket s, long callId, String service, String method,
      byte[] message) throws IOException {
    byte[] header = RequestHeader.newBuilder().setCallId(callId).setService(service)
        .setMethod(method).setTimeoutMs(10_000).build().toByteArray();
    ByteArrayOutputStream payload = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(payload);
    out.writeUInt32NoTag(header.length);
    out.writeRawBytes(header);
    out.writeUInt32NoTag(message.length);
    out.writeRawBytes(message);
    out.flush();
    byte[] p = payload.toByteArray();
    s.getOutputStream().write(frame(p, p.length));
    s.getOutputStream().flush();

    DataInputStream in = new DataInputStream(s.getInputStream());
    byte[] reply = new byte[in.readInt()];
    in.readFully(reply);
    return ResponseHeader.parseFrom(CodedInputStream.newInstance(reply).readBytes());
  }

  /** Sends {@code bytes} on a fresh connection to the region server; the server must hang up. */
  private static void assertConnectionClosedAfter(byte[] bytes) throws Exception {
    ServerName rs = cluster.regionServers().get(0).serverName();
    try (Socket s = new Socket(rs.getHost(), rs.getPort())) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException closedWhileWriting) {
        return; // the server already hung up: that is the expected outcome
      }
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      try {
        while (in.read(buf) >= 0) {
          // drain anything sent before the close
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server kept the connection open for 20 s", e);
      } catch (IOException reset) {
        // connection reset: closed
      }
    }
  }

  /** The region server still runs, every row written at setup reads back, a new write works. */
  private static void assertClusterHealthy(String after) throws Exception {
    assertTrue(cluster.regionServers().get(0).isAlive(), "region server died after " + after);
    try (Table t = cluster.connection().getTable(TABLE)) {
      int n = 0;
      try (ResultScanner scanner = t.getScanner(new Scan().withStartRow(row(0))
          .withStopRow(row(ROWS)))) {
        for (Result r : scanner) {
          assertArrayEquals(value(n), r.getValue(F, Q), "row " + n + " after " + after);
          assertArrayEquals(row(n), r.getRow());
          n++;
        }
      }
      assertEquals(ROWS, n, "rows after " + after);
      byte[] probe = Bytes.toBytes("probe-" + after.replace(' ', '-'));
      t.put(new Put(probe).addColumn(F, Q, probe));
      assertArrayEquals(probe, t.get(new Get(probe)).getValue(F, Q));
    }
  }
}
