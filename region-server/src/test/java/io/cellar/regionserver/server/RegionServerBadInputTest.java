package io.cellar.regionserver.server;

import static io.cellar.regionserver.server.ServerFixture.CF;
import static io.cellar.regionserver.server.ServerFixture.b;
import static io.cellar.regionserver.server.ServerFixture.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.Scan;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.exceptions.UnknownScannerException;
import io.cellar.common.proto.GetRequest;
import io.cellar.common.proto.GetResponse;
import io.cellar.common.proto.MutateRequest;
import io.cellar.common.proto.MutateResponse;
import io.cellar.common.proto.MutationProto;
import io.cellar.common.proto.OpenRegionRequest;
import io.cellar.common.proto.OpenRegionResponse;
import io.cellar.common.proto.ScanRequest;
import io.cellar.common.rpc.UnknownMethodException;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.regionserver.Region;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Bad requests get typed errors, and the server keeps serving after each. */
class RegionServerBadInputTest {
  @TempDir
  static Path dir;
  static ServerFixture f;
  static final TableDescriptor TABLE = ServerFixture.table("bad");
  static final RegionInfo REGION = ServerFixture.region(TABLE, null, null);

  @BeforeAll
  static void start() throws Exception {
    f = ServerFixture.start(dir, Region.MAX_CELL_SIZE_KEY, Integer.toString(64 * 1024));
    f.open(REGION, TABLE);
    f.mutate(REGION, new Put(b("good")).addColumn(CF, b("q"), b("v")));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @AfterEach
  void stillServing() throws Exception {
    assertEquals("v", f.value(REGION, "good", "q"));
  }

  private static <T extends Exception> T fails(Class<T> type, Executable call) {
    return assertThrows(type, call);
  }

  @Test
  void unknownRegion() {
    RegionInfo other = ServerFixture.region(ServerFixture.table("nope"), "a", "b");
    NotServingRegionException e = fails(NotServingRegionException.class,
        () -> f.get(other, new Get(b("a1"))));
    assertTrue(e.getMessage().contains(Bytes.toStringBinary(other.getRegionName())));
    fails(NotServingRegionException.class,
        () -> f.mutate(other, new Put(b("a1")).addColumn(CF, b("q"), b("v"))));
    fails(NotServingRegionException.class, () -> f.openScanner(other, new Scan(), 10));
  }

  @Test
  void unknownFamily() {
    NoSuchColumnFamilyException e = fails(NoSuchColumnFamilyException.class,
        () -> f.mutate(REGION, new Put(b("r")).addColumn(b("zz"), b("q"), b("v"))));
    assertTrue(e.getMessage().contains("zz"), e.getMessage());
    fails(NoSuchColumnFamilyException.class,
        () -> f.get(REGION, new Get(b("good")).addFamily(b("zz"))));
    fails(NoSuchColumnFamilyException.class,
        () -> f.openScanner(REGION, new Scan().addFamily(b("zz")), 10));
  }

  @Test
  void emptyRow() {
    MutationProto emptyRowPut = MutationProto.newBuilder()
        .mergeFrom(ProtobufConverter.toProto(new Put(b("x")).addColumn(CF, b("q"), b("v"))))
        .setRow(ByteString.EMPTY).build();
    InvalidRequestException e = fails(InvalidRequestException.class,
        () -> f.call(ClientService.NAME, "Mutate", MutateRequest.newBuilder()
            .setRegionName(name(REGION)).setMutation(emptyRowPut).build(),
            MutateResponse.parser()));
    assertTrue(e.getMessage().toLowerCase().contains("row"), e.getMessage());
    fails(InvalidRequestException.class, () -> f.call(ClientService.NAME, "Get",
        GetRequest.newBuilder().setRegionName(name(REGION))
            .setGet(ProtobufConverter.toProto(new Get(b("x"))).toBuilder()
                .setRow(ByteString.EMPTY)).build(), GetResponse.parser()));
  }

  @Test
  void garbageCellBytes() {
    MutationProto garbage = MutationProto.newBuilder()
        .mergeFrom(ProtobufConverter.toProto(new Put(b("x")).addColumn(CF, b("q"), b("v"))))
        .setCells(0, ByteString.copyFrom(new byte[] {0, 0, 0, 99, 0, 0})).build();
    fails(InvalidRequestException.class, () -> f.call(ClientService.NAME, "Mutate",
        MutateRequest.newBuilder().setRegionName(name(REGION)).setMutation(garbage).build(),
        MutateResponse.parser()));
  }

  @Test
  void oversizedValue() {
    InvalidRequestException e = fails(InvalidRequestException.class,
        () -> f.mutate(REGION, new Put(b("big")).addColumn(CF, b("q"), new byte[100 * 1024])));
    assertTrue(e.getMessage().contains(Region.MAX_CELL_SIZE_KEY), e.getMessage());
  }

  @Test
  void badScanCalls() {
    fails(UnknownScannerException.class, () -> f.next(424242L, 10));
    fails(InvalidRequestException.class,
        () -> f.scanCall(ScanRequest.newBuilder().setRegionName(name(REGION)).build()));
  }

  @Test
  void badOpenRegion() {
    // a descriptor of another table
    fails(InvalidRequestException.class, () -> f.open(REGION, ServerFixture.table("other")));
    // no descriptor at all
    fails(InvalidRequestException.class, () -> f.call(AdminService.NAME, "OpenRegion",
        OpenRegionRequest.newBuilder().setRegion(SchemaProtos.toProto(REGION)).build(),
        OpenRegionResponse.parser()));
  }

  @Test
  void unknownMethod() {
    fails(UnknownMethodException.class, () -> f.call(ClientService.NAME, "Nope",
        GetRequest.getDefaultInstance(), GetResponse.parser()));
  }
}
