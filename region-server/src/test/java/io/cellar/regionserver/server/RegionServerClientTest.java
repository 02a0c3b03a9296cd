package io.cellar.regionserver.server;

import static io.cellar.regionserver.server.ServerFixture.CF;
import static io.cellar.regionserver.server.ServerFixture.b;
import static io.cellar.regionserver.server.ServerFixture.name;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Append;
import io.cellar.client.CheckAndMutate;
import io.cellar.client.Delete;
import io.cellar.client.Get;
import io.cellar.client.Increment;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.RowMutations;
import io.cellar.client.Scan;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.exceptions.WrongRegionException;
import io.cellar.common.proto.Action;
import io.cellar.common.proto.ActionResult;
import io.cellar.common.proto.CheckAndMutateRequest;
import io.cellar.common.proto.CheckAndMutateResponse;
import io.cellar.common.proto.MultiRequest;
import io.cellar.common.proto.MultiResponse;
import io.cellar.common.proto.MutateRowRequest;
import io.cellar.common.proto.MutateRowResponse;
import io.cellar.common.proto.RegionAction;
import io.cellar.common.proto.RegionActionResult;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.rpc.RemoteErrors;
import io.cellar.common.rpc.RpcResponse;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data calls of ClientService through RPC against one region server. */
class RegionServerClientTest {
  @TempDir
  static Path dir;
  static ServerFixture f;
  static final TableDescriptor TABLE = ServerFixture.table("t1");
  static final RegionInfo REGION = ServerFixture.region(TABLE, null, null);

  @BeforeAll
  static void start() throws Exception {
    f = ServerFixture.start(dir);
    f.open(REGION, TABLE);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @Test
  void putGetDelete() throws Exception {
    f.mutate(REGION, new Put(b("pgd")).addColumn(CF, b("q"), b("v1")));
    assertEquals("v1", f.value(REGION, "pgd", "q"));
    f.mutate(REGION, new Put(b("pgd")).addColumn(CF, b("q"), b("v2")));
    assertEquals("v2", f.value(REGION, "pgd", "q"));
    f.mutate(REGION, new Delete(b("pgd")));
    assertTrue(f.get(REGION, new Get(b("pgd"))).isEmpty());
  }

  @Test
  void incrementAndAppendReturnNewValues() throws Exception {
    Result r = f.mutate(REGION, new Increment(b("inc")).addColumn(CF, b("n"), 5));
    assertEquals(5, Bytes.toLong(r.getValue(CF, b("n"))));
    r = f.mutate(REGION, new Increment(b("inc")).addColumn(CF, b("n"), -2));
    assertEquals(3, Bytes.toLong(r.getValue(CF, b("n"))));
    r = f.mutate(REGION, new Append(b("app")).addColumn(CF, b("s"), b("ab")));
    r = f.mutate(REGION, new Append(b("app")).addColumn(CF, b("s"), b("cd")));
    assertEquals("abcd", Bytes.toString(r.getValue(CF, b("s"))));
    assertNull(f.mutate(REGION, new Put(b("inc")).addColumn(CF, b("x"), b("y"))));
  }

  @Test
  void checkAndMutateAppliesOnlyWhenTheConditionHolds() throws Exception {
    f.mutate(REGION, new Put(b("cam")).addColumn(CF, b("q"), b("old")));
    assertFalse(cam(CheckAndMutate.newBuilder(b("cam")).ifEquals(CF, b("q"), b("other"))
        .build(new Put(b("cam")).addColumn(CF, b("q"), b("new")))));
    assertEquals("old", f.value(REGION, "cam", "q"));
    assertTrue(cam(CheckAndMutate.newBuilder(b("cam")).ifEquals(CF, b("q"), b("old"))
        .build(new Put(b("cam")).addColumn(CF, b("q"), b("new")))));
    assertEquals("new", f.value(REGION, "cam", "q"));
    assertTrue(cam(CheckAndMutate.newBuilder(b("cam2")).ifNotExists(CF, b("q"))
        .build(new Put(b("cam2")).addColumn(CF, b("q"), b("first")))));
    assertFalse(cam(CheckAndMutate.newBuilder(b("cam2")).ifNotExists(CF, b("q"))
        .build(new Put(b("cam2")).addColumn(CF, b("q"), b("second")))));
    assertEquals("first", f.value(REGION, "cam2", "q"));
  }

  private boolean cam(CheckAndMutate c) throws Exception {
    CheckAndMutateResponse r = f.call(ClientService.NAME, "CheckAndMutate",
        CheckAndMutateRequest.newBuilder().setRegionName(name(REGION))
            .setCheckAndMutate(ProtobufConverter.toProto(c)).build(),
        CheckAndMutateResponse.parser());
    return r.getResult().getSuccess();
  }

  @Test
  void mutateRowAppliesPutsAndDeletesOfOneRow() throws Exception {
    f.mutate(REGION, new Put(b("mr")).addColumn(CF, b("gone"), b("x")));
    RowMutations rm = new RowMutations(b("mr"));
    rm.add(new Put(b("mr")).addColumn(CF, b("a"), b("1")));
    rm.add(new Delete(b("mr")).addColumns(CF, b("gone")));
    f.call(ClientService.NAME, "MutateRow", MutateRowRequest.newBuilder()
        .setRegionName(name(REGION)).setRowMutations(ProtobufConverter.toProto(rm)).build(),
        MutateRowResponse.parser());
    assertEquals("1", f.value(REGION, "mr", "a"));
    assertNull(f.value(REGION, "mr", "gone"));
  }

  @Test
  void multiReportsPerActionErrorsAndRegionErrors() throws Exception {
    RegionInfo missing = ServerFixture.region(ServerFixture.table("nothere"), null, null);
    MultiRequest req = MultiRequest.newBuilder()
        .addRegionActions(RegionAction.newBuilder().setRegionName(name(REGION))
            .addActions(mutation(0, new Put(b("m1")).addColumn(CF, b("q"), b("a"))))
            .addActions(mutation(1, new Put(b("m2")).addColumn(b("nofamily"), b("q"), b("b"))))
            .addActions(mutation(2, new Put(b("m3")).addColumn(CF, b("q"), b("c"))))
            .addActions(mutation(3, new Increment(b("m4")).addColumn(CF, b("n"), 7)))
            .addActions(Action.newBuilder().setIndex(4)
                .setGet(ProtobufConverter.toProto(new Get(b("m1"))))))
        .addRegionActions(RegionAction.newBuilder().setRegionName(name(missing))
            .addActions(mutation(5, new Put(b("x")).addColumn(CF, b("q"), b("x")))))
        .build();
    RpcResponse raw = f.callRaw(ClientService.NAME, "Multi", req);
    MultiResponse resp = raw.parse(MultiResponse.parser());
    assertEquals(2, resp.getResultsCount());
    RegionActionResult ok = resp.getResults(0);
    assertFalse(ok.hasRegionError());
    assertEquals(5, ok.getResultsCount());
    List<Integer> failed = new ArrayList<>();
    for (ActionResult a : ok.getResultsList()) {
      if (a.hasError()) {
        failed.add(a.getIndex());
        assertTrue(RemoteErrors.fromProto(a.getError()) instanceof NoSuchColumnFamilyException);
      }
    }
    assertEquals(List.of(1), failed);
    // result cells travel in the response's cell block, in result order: the increment's, the get's
    List<KeyValue> cells = raw.cells().cells();
    assertEquals(1, ok.getResults(3).getCellBlockCells());
    assertEquals(1, ok.getResults(4).getCellBlockCells());
    assertEquals(2, cells.size());
    assertEquals(7, Bytes.toLong(ProtobufConverter.fromProto(ok.getResults(3).getResult(),
        cells.subList(0, 1)).getValue(CF, b("n"))));
    // the get after the batched put sees it
    assertEquals("a", Bytes.toString(ProtobufConverter.fromProto(ok.getResults(4).getResult(),
        cells.subList(1, 2)).getValue(CF, b("q"))));
    assertEquals("c", f.value(REGION, "m3", "q"));
    assertNull(f.value(REGION, "m2", "q"));
    RegionActionResult bad = resp.getResults(1);
    assertTrue(bad.hasRegionError());
    assertEquals(0, bad.getResultsCount());
    Exception e = RemoteErrors.fromProto(bad.getRegionError());
    assertTrue(e instanceof NotServingRegionException, e.toString());
    assertTrue(e.getMessage().contains(Bytes.toStringBinary(missing.getRegionName())));
  }

  @Test
  void multiMutationsTakeTheirCellsFromTheRequestsCellBlockInOrder() throws Exception {
    Put p1 = new Put(b("cb1")).addColumn(CF, b("q"), b("one")).addColumn(CF, b("r"), b("uno"));
    Put p2 = new Put(b("cb2")).addColumn(CF, b("q"), b("two"));
    Put inline = new Put(b("cb3")).addColumn(CF, b("q"), b("three")); // cells in the message
    List<Cell> block = new ArrayList<>(p1.getCells());
    block.addAll(p2.getCells());
    MultiRequest req = MultiRequest.newBuilder()
        .addRegionActions(RegionAction.newBuilder().setRegionName(name(REGION))
            .addActions(blockMutation(0, p1))
            .addActions(mutation(1, inline))
            .addActions(blockMutation(2, p2)))
        .build();
    MultiResponse resp = f.callRaw(ClientService.NAME, "Multi", req, CellBlock.ofCells(block))
        .parse(MultiResponse.parser());
    for (ActionResult a : resp.getResults(0).getResultsList()) {
      assertFalse(a.hasError(), a.toString());
    }
    assertEquals("one", f.value(REGION, "cb1", "q"));
    assertEquals("uno", f.value(REGION, "cb1", "r"));
    assertEquals("two", f.value(REGION, "cb2", "q"));
    assertEquals("three", f.value(REGION, "cb3", "q"));
  }

  @Test
  void multiWhoseActionsMisclaimTheCellBlockIsRejectedWhole() throws Exception {
    Put p = new Put(b("mis1")).addColumn(CF, b("q"), b("v"));
    for (int claimed : new int[] {2, 0, -1}) { // more, fewer, and 2^32 - 1 (uint32)
      MultiRequest req = MultiRequest.newBuilder()
          .addRegionActions(RegionAction.newBuilder().setRegionName(name(REGION))
              .addActions(Action.newBuilder().setIndex(0)
                  .setMutation(ProtobufConverter.toProtoWithoutCells(p))
                  .setCellBlockCells(claimed)))
          .build();
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
          () -> f.callRaw(ClientService.NAME, "Multi", req, CellBlock.ofCells(p.getCells())));
      assertTrue(e instanceof InvalidRequestException, e.toString());
      assertTrue(e.getMessage().contains("cell block"), e.getMessage());
    }
    assertNull(f.value(REGION, "mis1", "q")); // nothing of it ran
    // a Get that claims block cells fails alone; the mutation after it still takes its cells
    MultiRequest getClaims = MultiRequest.newBuilder()
        .addRegionActions(RegionAction.newBuilder().setRegionName(name(REGION))
            .addActions(Action.newBuilder().setIndex(0)
                .setGet(ProtobufConverter.toProto(new Get(b("mis1")))).setCellBlockCells(1))
            .addActions(blockMutation(1, p)))
        .build();
    List<Cell> twice = new ArrayList<>(p.getCells());
    twice.addAll(p.getCells());
    List<ActionResult> answered = f.callRaw(ClientService.NAME, "Multi", getClaims,
        CellBlock.ofCells(twice)).parse(MultiResponse.parser()).getResults(0).getResultsList();
    assertTrue(RemoteErrors.fromProto(answered.get(0).getError())
        instanceof InvalidRequestException, answered.get(0).toString());
    assertFalse(answered.get(1).hasError(), answered.get(1).toString());
    assertEquals("v", f.value(REGION, "mis1", "q"));
    f.mutate(REGION, new Put(b("mis2")).addColumn(CF, b("q"), b("ok"))); // still serving
    assertEquals("ok", f.value(REGION, "mis2", "q"));
  }

  private static Action blockMutation(int index, io.cellar.client.Mutation m) {
    return Action.newBuilder().setIndex(index)
        .setMutation(ProtobufConverter.toProtoWithoutCells(m))
        .setCellBlockCells(m.getCells().size()).build();
  }

  private static Action mutation(int index, io.cellar.client.Mutation m) {
    return Action.newBuilder().setIndex(index).setMutation(ProtobufConverter.toProto(m)).build();
  }

  @Test
  void scanWithCachingReturnsEveryRowInOrderAcrossCalls() throws Exception {
    TableDescriptor td = ServerFixture.table("scans");
    RegionInfo region = ServerFixture.region(td, null, null);
    f.open(region, td);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      String row = String.format("row%04d", i);
      expected.add(row);
      f.mutate(region, new Put(b(row)).addColumn(CF, b("q"), b("v" + i)));
    }
    int[] calls = new int[1];
    assertEquals(expected, f.scanRows(region, new Scan().setCaching(7), 0, calls));
    assertEquals(36, calls[0]); // ceil(250 / 7)
    // number_of_rows overrides the scan's caching
    assertEquals(expected, f.scanRows(region, new Scan().setCaching(7), 100, calls));
    assertEquals(3, calls[0]);
    // a range, reversed
    List<String> range = new ArrayList<>(expected.subList(10, 20));
    java.util.Collections.reverse(range);
    assertEquals(range, f.scanRows(region, new Scan().withStartRow(b("row0019"))
        .withStopRow(b("row0009")).setReversed(true), 4, calls));
    assertEquals(0, f.server.scannerLeases().size(), "finished scanners are closed");
  }

  @Test
  void limitedScanIsOneCallThatClosesItsScanner() throws Exception {
    for (int i = 0; i < 30; i++) {
      f.mutate(REGION, new Put(b(String.format("lim%02d", i))).addColumn(CF, b("q"), b("v")));
    }
    // as `cellar pe scan`: limit = caching, more rows in the region after the limit
    ServerFixture.ScanPage page = f.openScanner(REGION, new Scan().withStartRow(b("lim05"))
        .setLimit(10).setCaching(10), 0);
    assertEquals(10, page.results().size());
    assertArrayEquals(b("lim14"), Cells.cloneRow(page.results().get(9).get(0)));
    assertFalse(page.response().getMoreResultsInRegion(), "the limit ends the scan");
    assertEquals(0, page.response().getPartialFlagsCount(), "whole rows need no flags");
    assertEquals(0, f.server.scannerLeases().size(), "the server closed the scanner");
  }

  /** Row "wide" with 5 columns, then row "widf" with one. */
  private void putWideRowThenNarrowOne() throws Exception {
    Put wide = new Put(b("wide"));
    for (int i = 0; i < 5; i++) {
      wide.addColumn(CF, b("c" + i), b("v" + i));
    }
    f.mutate(REGION, wide);
    f.mutate(REGION, new Put(b("widf")).addColumn(CF, b("c"), b("v")));
  }

  @Test
  void batchedScanMarksRowsThatContinue() throws Exception {
    putWideRowThenNarrowOne();
    ServerFixture.ScanPage page = f.openScanner(REGION, new Scan().withStartRow(b("wide"))
        .withStopRow(b("widz")).setBatch(2), 10);
    List<Integer> sizes = new ArrayList<>();
    for (List<Cell> r : page.results()) {
      sizes.add(r.size());
    }
    assertEquals(List.of(2, 2, 1, 1), sizes);
    assertEquals(List.of(true, true, false, false), page.response().getPartialFlagsList());
    assertArrayEquals(b("widf"), Cells.cloneRow(page.results().get(3).get(0)));
    assertFalse(page.response().getMoreResultsInRegion());
  }

  @Test
  void batchedRowContinuesAcrossCalls() throws Exception {
    putWideRowThenNarrowOne();
    // one result per call: whether a result continues is known only from the part read ahead
    ServerFixture.ScanPage page = f.openScanner(REGION, new Scan().withStartRow(b("wide"))
        .withStopRow(b("widz")).setBatch(2), 1);
    List<Integer> sizes = new ArrayList<>();
    List<Boolean> partial = new ArrayList<>();
    List<String> rows = new ArrayList<>();
    while (true) {
      assertEquals(1, page.results().size());
      sizes.add(page.results().get(0).size());
      partial.addAll(page.response().getPartialFlagsList());
      rows.add(Bytes.toString(Cells.cloneRow(page.results().get(0).get(0))));
      if (!page.response().getMoreResultsInRegion()) {
        break;
      }
      page = f.next(page.response().getScannerId(), 1);
    }
    assertEquals(List.of(2, 2, 1, 1), sizes);
    assertEquals(List.of(true, true, false, false), partial);
    assertEquals(List.of("wide", "wide", "wide", "widf"), rows);
    assertEquals(0, f.server.scannerLeases().size(), "the last call closed the scanner");
  }

  @Test
  void rowOutsideTheRegionIsWrongRegion() throws Exception {
    TableDescriptor td = ServerFixture.table("ranged");
    RegionInfo region = ServerFixture.region(td, "b", "m");
    f.open(region, td);
    f.mutate(region, new Put(b("c")).addColumn(CF, b("q"), b("in")));
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(WrongRegionException.class,
        () -> f.mutate(region, new Put(b("z")).addColumn(CF, b("q"), b("out"))));
    assertTrue(e.getMessage().contains("z"), e.getMessage());
    org.junit.jupiter.api.Assertions.assertThrows(WrongRegionException.class,
        () -> f.get(region, new Get(b("a"))));
    assertEquals("in", f.value(region, "c", "q"));
  }
}
