package io.cellar.regionserver.server;

import static io.cellar.regionserver.server.ServerFixture.CF;
import static io.cellar.regionserver.server.ServerFixture.CF2;
import static io.cellar.regionserver.server.ServerFixture.b;
import static io.cellar.regionserver.server.ServerFixture.name;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cellar.client.Delete;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.Scan;
import io.cellar.common.Bytes;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.exceptions.WrongRegionException;
import io.cellar.common.proto.CloseRegionRequest;
import io.cellar.common.proto.CloseRegionResponse;
import io.cellar.common.proto.CompactRegionRequest;
import io.cellar.common.proto.CompactRegionResponse;
import io.cellar.common.proto.FlushRegionRequest;
import io.cellar.common.proto.FlushRegionResponse;
import io.cellar.common.proto.GetOnlineRegionsRequest;
import io.cellar.common.proto.GetOnlineRegionsResponse;
import io.cellar.common.proto.GetServerInfoRequest;
import io.cellar.common.proto.GetServerInfoResponse;
import io.cellar.common.proto.RegionLoadProto;
import io.cellar.common.proto.SplitRegionRequest;
import io.cellar.common.proto.SplitRegionResponse;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.lsm.store.StoreManifest;
import io.cellar.regionserver.Region;
import io.cellar.regionserver.RegionDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AdminService calls: open, close, flush, compact, split, online regions, server info. */
class RegionServerAdminTest {
  @TempDir
  static Path dir;
  static ServerFixture f;

  @BeforeAll
  static void start() throws Exception {
    // no background compactions: the test compacts through AdminService and counts files
    f = ServerFixture.start(dir, "cellar.hstore.compaction.min", "100",
        "cellar.hstore.blockingStoreFiles", "1000");
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static Region online(RegionInfo info) {
    for (Region r : f.server.getOnlineRegions()) {
      if (r.getRegionInfo().equals(info)) {
        return r;
      }
    }
    throw new AssertionError(info + " is not online");
  }

  private static void close(RegionInfo info, boolean skipFlush) throws Exception {
    f.call(AdminService.NAME, "CloseRegion", CloseRegionRequest.newBuilder()
        .setRegionName(name(info)).setSkipFlush(skipFlush).build(), CloseRegionResponse.parser());
  }

  private static void flush(RegionInfo info) throws Exception {
    f.call(AdminService.NAME, "FlushRegion", FlushRegionRequest.newBuilder()
        .setRegionName(name(info)).build(), FlushRegionResponse.parser());
  }

  private static List<RegionInfo> onlineList() throws Exception {
    GetOnlineRegionsResponse r = f.call(AdminService.NAME, "GetOnlineRegions",
        GetOnlineRegionsRequest.getDefaultInstance(), GetOnlineRegionsResponse.parser());
    List<RegionInfo> out = new ArrayList<>();
    r.getRegionsList().forEach(p -> out.add(SchemaProtos.fromProto(p)));
    return out;
  }

  @Test
  void openIsIdempotentAndCloseStopsServing() throws Exception {
    TableDescriptor td = ServerFixture.table("openclose");
    RegionInfo region = ServerFixture.region(td, null, null);
    f.open(region, td);
    f.open(region, td); // second open of a serving region: no-op
    assertTrue(onlineList().contains(region));
    f.mutate(region, new Put(b("r1")).addColumn(CF, b("q"), b("v")));
    close(region, false);
    assertFalse(onlineList().contains(region));
    NotServingRegionException e = assertThrows(NotServingRegionException.class,
        () -> f.get(region, new Get(b("r1"))));
    assertTrue(e.getMessage().contains(Bytes.toStringBinary(region.getRegionName())));
    assertThrows(NotServingRegionException.class, () -> close(region, false));
    // reopened: the flushed data is there
    f.open(region, td);
    assertEquals("v", f.value(region, "r1", "q"));
  }

  @Test
  void closeWithSkipFlushWritesNoStoreFile() throws Exception {
    TableDescriptor td = ServerFixture.table("skipflush");
    RegionInfo region = ServerFixture.region(td, null, null);
    f.open(region, td);
    Path store = online(region).getRegionDir().resolve("cf");
    f.mutate(region, new Put(b("r")).addColumn(CF, b("q"), b("dropped")));
    close(region, true);
    assertFalse(onlineList().contains(region));
    assertEquals(0, manifestFiles(store));
    assertThrows(NotServingRegionException.class, () -> f.get(region, new Get(b("r"))));
    f.open(region, td); // and it opens again
    assertTrue(onlineList().contains(region));
  }

  @Test
  void openAddsStoresForNewFamilies() throws Exception {
    TableDescriptor one = ServerFixture.table("alter", CF);
    RegionInfo region = ServerFixture.region(one, null, null);
    f.open(region, one);
    f.mutate(region, new Put(b("r")).addColumn(CF, b("q"), b("a")));
    close(region, false);
    TableDescriptor two = ServerFixture.table("alter", CF, CF2);
    f.open(region, two);
    f.mutate(region, new Put(b("r")).addColumn(CF2, b("q"), b("b")));
    assertEquals("b", Bytes.toString(f.get(region, new Get(b("r"))).getValue(CF2, b("q"))));
    assertEquals("a", f.value(region, "r", "q"));
    assertTrue(Files.isDirectory(online(region).getRegionDir().resolve("cf2")));
  }

  @Test
  void flushAndCompactThroughAdmin() throws Exception {
    TableDescriptor td = ServerFixture.table("flushcompact");
    RegionInfo region = ServerFixture.region(td, null, null);
    f.open(region, td);
    Path store = online(region).getRegionDir().resolve("cf");
    for (int i = 0; i < 3; i++) {
      f.mutate(region, new Put(b("r" + i)).addColumn(CF, b("q"), b("v" + i)));
      flush(region);
    }
    f.mutate(region, new Delete(b("r0")));
    flush(region);
    assertEquals(0, online(region).getMemStoreSize());
    assertEquals(4, manifestFiles(store));
    f.call(AdminService.NAME, "CompactRegion", CompactRegionRequest.newBuilder()
        .setRegionName(name(region)).setMajor(true).build(), CompactRegionResponse.parser());
    assertEquals(1, manifestFiles(store));
    assertTrue(f.get(region, new Get(b("r0"))).isEmpty());
    assertEquals("v2", f.value(region, "r2", "q"));
    GetServerInfoResponse info = f.call(AdminService.NAME, "GetServerInfo",
        GetServerInfoRequest.getDefaultInstance(), GetServerInfoResponse.parser());
    assertEquals(f.server.getServerName().toProto(), info.getLoad().getServer());
    RegionLoadProto load = info.getLoad().getRegionsList().stream()
        .filter(l -> SchemaProtos.fromProto(l.getRegion()).equals(region)).findFirst()
        .orElseThrow();
    assertTrue(load.getStoreFileBytes() > 0);
    assertEquals(0, load.getMemstoreBytes());
    assertTrue(load.getWriteRequests() >= 4 && load.getReadRequests() >= 2, load.toString());
  }

  /** Files the store's MANIFEST lists. REQUIRES: no flush or compaction of it is running. */
  private static int manifestFiles(Path store) throws Exception {
    Optional<StoreManifest> m = StoreManifest.read(store);
    return m.orElseThrow().getFileNames().size();
  }

  @Test
  void splitWritesDaughtersThatServeTheirHalves() throws Exception {
    TableDescriptor td = ServerFixture.table("splits", CF, CF2);
    RegionInfo parent = ServerFixture.region(td, null, null);
    f.open(parent, td);
    for (int i = 0; i < 100; i++) {
      String row = String.format("k%03d", i);
      f.mutate(parent, new Put(b(row)).addColumn(CF, b("q"), b("v" + i))
          .addColumn(CF2, b("q"), b("w" + i)));
    }
    flush(parent);
    f.mutate(parent, new Delete(b("k010"))); // a delete marker only in the memstore
    f.mutate(parent, new Put(b("k090")).addColumn(CF, b("q"), b("newer")));
    Path parentDir = online(parent).getRegionDir();
    SplitRegionResponse resp = f.call(AdminService.NAME, "SplitRegion", SplitRegionRequest
        .newBuilder().setRegionName(name(parent)).build(), SplitRegionResponse.parser());
    assertEquals(2, resp.getDaughtersCount());
    RegionInfo bottom = SchemaProtos.fromProto(resp.getDaughters(0));
    RegionInfo top = SchemaProtos.fromProto(resp.getDaughters(1));
    assertArrayEquals(bottom.getEndKey(), top.getStartKey());
    assertEquals(0, bottom.getStartKey().length);
    assertEquals(0, top.getEndKey().length);
    assertTrue(bottom.getRegionId() > parent.getRegionId());
    String point = Bytes.toString(top.getStartKey());
    assertTrue(point.compareTo("k000") > 0 && point.compareTo("k099") <= 0, point);
    // the parent no longer serves; its directory is intact and has no split leftovers
    assertThrows(NotServingRegionException.class, () -> f.get(parent, new Get(b("k001"))));
    assertFalse(onlineList().contains(parent));
    assertTrue(Files.exists(parentDir.resolve(RegionDirectory.REGION_INFO_FILE)));
    assertFalse(Files.exists(parentDir.resolve(RegionSplitter.SPLITS_DIR)));
    assertTrue(manifestFiles(parentDir.resolve("cf")) > 0);
    f.open(bottom, td);
    f.open(top, td);
    List<String> all = new ArrayList<>();
    int[] calls = new int[1];
    all.addAll(f.scanRows(bottom, new Scan(), 1000, calls));
    all.addAll(f.scanRows(top, new Scan(), 1000, calls));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      if (i != 10) {
        expected.add(String.format("k%03d", i));
      }
    }
    assertEquals(expected, all);
    RegionInfo topHalf = top;
    assertEquals("newer", f.value(topHalf, "k090", "q"));
    assertEquals("w5", Bytes.toString(f.get(bottom, new Get(b("k005"))).getValue(CF2, b("q"))));
    assertThrows(WrongRegionException.class, () -> f.get(bottom, new Get(b("k099"))));
    assertThrows(WrongRegionException.class, () -> f.get(topHalf, new Get(b("k000"))));
    // daughters take writes and split again
    f.mutate(bottom, new Put(b("k010")).addColumn(CF, b("q"), b("back")));
    assertEquals("back", f.value(bottom, "k010", "q"));
    SplitRegionResponse again = f.call(AdminService.NAME, "SplitRegion", SplitRegionRequest
        .newBuilder().setRegionName(name(bottom)).setSplitPoint(ByteString.copyFrom(b("k020")))
        .build(), SplitRegionResponse.parser());
    assertArrayEquals(b("k020"), SchemaProtos.fromProto(again.getDaughters(0)).getEndKey());
  }

  @Test
  void splitAtABadPointIsRefusedAndTheRegionKeepsServing() throws Exception {
    TableDescriptor td = ServerFixture.table("badsplit");
    RegionInfo region = ServerFixture.region(td, "c", "m");
    f.open(region, td);
    f.mutate(region, new Put(b("d")).addColumn(CF, b("q"), b("v")));
    for (String bad : new String[] {"c", "a", "z", "m"}) {
      assertThrows(io.cellar.common.exceptions.InvalidRequestException.class,
          () -> f.call(AdminService.NAME, "SplitRegion", SplitRegionRequest.newBuilder()
              .setRegionName(name(region)).setSplitPoint(ByteString.copyFrom(b(bad))).build(),
              SplitRegionResponse.parser()), bad);
    }
    // one row: no split point of its own
    assertThrows(io.cellar.common.exceptions.DoNotRetryException.class,
        () -> f.call(AdminService.NAME, "SplitRegion", SplitRegionRequest.newBuilder()
            .setRegionName(name(region)).build(), SplitRegionResponse.parser()));
    assertEquals("v", f.value(region, "d", "q"));
  }
}
