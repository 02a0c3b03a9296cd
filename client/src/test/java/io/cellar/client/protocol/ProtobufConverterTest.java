package io.cellar.client.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.cellar.client.Append;
import io.cellar.client.CheckAndMutate;
import io.cellar.client.CheckAndMutateResult;
import io.cellar.client.CompareOperator;
import io.cellar.client.Delete;
import io.cellar.client.Get;
import io.cellar.client.Increment;
import io.cellar.client.Mutation;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.RowMutations;
import io.cellar.client.Scan;
import io.cellar.client.filter.FilterBase;
import io.cellar.client.filter.PrefixFilter;
import io.cellar.client.filter.ValueFilter;
import io.cellar.client.filter.BinaryComparator;
import io.cellar.common.Bytes;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.proto.CheckAndMutateProto;
import io.cellar.common.proto.GetProto;
import io.cellar.common.proto.MutationProto;
import io.cellar.common.proto.ResultProto;
import io.cellar.common.proto.ScanProto;
import io.cellar.common.schema.Durability;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtobufConverterTest {
  private static final byte[] ROW = Bytes.toBytes("row");
  private static final byte[] CF = Bytes.toBytes("cf");
  private static final byte[] Q = Bytes.toBytes("q");

  private static byte[] b(String s) {
    return Bytes.toBytes(s);
  }

  private static Mutation roundTrip(Mutation m) throws Exception {
    MutationProto p = ProtobufConverter.toProto(m);
    Mutation back = ProtobufConverter.fromProto(MutationProto.parseFrom(p.toByteArray()));
    assertEquals(m.getClass(), back.getClass());
    assertArrayEquals(m.getRow(), back.getRow());
    assertEquals(m.getTimestamp(), back.getTimestamp());
    assertEquals(m.getDurability(), back.getDurability());
    assertEquals(m.getCells(), back.getCells());
    assertEquals(p, ProtobufConverter.toProto(back));
    return back;
  }

  @Test
  void mutationsRoundTrip() throws Exception {
    roundTrip(new Put(ROW, 9).addColumn(CF, Q, b("v")).addColumn(b("cg"), b(""), 3, b(""))
        .setDurability(Durability.FSYNC_WAL));
    roundTrip(new Delete(ROW));
    roundTrip(new Delete(ROW, 77).addColumn(CF, Q).addColumns(CF, b("x"), 5).addFamily(b("cg"))
        .addFamilyVersion(b("ch"), 4).setDurability(Durability.ASYNC_WAL));
    Increment inc = (Increment) roundTrip(new Increment(ROW).addColumn(CF, Q, 42)
        .setReturnResults(false));
    assertEquals(42L, inc.getFamilyMapOfLongs().get(CF).get(Q));
    assertEquals(false, inc.isReturnResults());
    roundTrip(new Append(ROW).addColumn(CF, Q, b("tail")).setDurability(Durability.SKIP_WAL));
  }

  @Test
  void rowMutationsAndCheckAndMutateRoundTrip() throws Exception {
    RowMutations rm = new RowMutations(ROW).add(new Put(ROW).addColumn(CF, Q, b("1")))
        .add(new Delete(ROW).addColumns(CF, b("old")));
    RowMutations back = ProtobufConverter.fromProto(ProtobufConverter.toProto(rm));
    assertEquals(2, back.getMutations().size());
    assertEquals(ProtobufConverter.toProto(rm), ProtobufConverter.toProto(back));

    for (CheckAndMutate cam : List.of(
        CheckAndMutate.newBuilder(ROW).ifNotExists(CF, Q).build(new Put(ROW).addColumn(CF, Q, Q)),
        CheckAndMutate.newBuilder(ROW).ifMatches(CF, Q, CompareOperator.GREATER, b("3"))
            .timeRange(io.cellar.common.cell.TimeRange.between(1, 9))
            .build(new Delete(ROW).addColumn(CF, Q)),
        CheckAndMutate.newBuilder(ROW).ifEquals(CF, Q, b("")).build(rm))) {
      CheckAndMutateProto p = ProtobufConverter.toProto(cam);
      CheckAndMutate decoded = ProtobufConverter.fromProto(
          CheckAndMutateProto.parseFrom(p.toByteArray()));
      assertEquals(p, ProtobufConverter.toProto(decoded));
      KeyValue current = KeyValue.create(ROW, CF, Q, 1, b("5"));
      assertEquals(cam.isConditionMet(current), decoded.isConditionMet(current));
      assertEquals(cam.isConditionMet(null), decoded.isConditionMet(null));
    }
    assertNull(ProtobufConverter.fromProto(ProtobufConverter.toProto(
        CheckAndMutate.newBuilder(ROW).ifNotExists(CF, Q).build(new Put(ROW)))).getValue());

    CheckAndMutateResult r = new CheckAndMutateResult(true,
        Result.create(List.of(KeyValue.create(ROW, CF, Q, 1, b("v")))));
    CheckAndMutateResult rb = ProtobufConverter.fromProto(ProtobufConverter.toProto(r));
    assertTrue(rb.isSuccess());
    assertArrayEquals(b("v"), rb.getResult().getValue(CF, Q));
  }

  @Test
  void getRoundTrip() throws Exception {
    Get get = new Get(ROW).addColumn(CF, Q).addColumn(CF, b("r")).addFamily(b("cg"))
        .setTimeRange(5, 50).readVersions(4).setCheckExistenceOnly(true).setCacheBlocks(false)
        .setFilter(new ValueFilter(CompareOperator.EQUAL, new BinaryComparator(b("x"))));
    GetProto p = ProtobufConverter.toProto(get);
    Get back = ProtobufConverter.fromProto(GetProto.parseFrom(p.toByteArray()));
    assertEquals(p, ProtobufConverter.toProto(back));
    assertEquals(2, back.getFamilyMap().get(CF).size());
    assertTrue(back.getFamilyMap().get(b("cg")).isEmpty());
    assertEquals(4, back.getMaxVersions());
    assertEquals(get.getTimeRange(), back.getTimeRange());
    assertInstanceOf(ValueFilter.class, back.getFilter());
    assertTrue(back.isCheckExistenceOnly());
    Get plain = ProtobufConverter.fromProto(ProtobufConverter.toProto(new Get(ROW)));
    assertNull(plain.getFilter());
    assertEquals(1, plain.getMaxVersions());
    assertTrue(plain.getTimeRange().isAllTime());
  }

  @Test
  void scanRoundTrip() throws Exception {
    Scan scan = new Scan().withStartRow(b("m"), false).withStopRow(b("a"), true)
        .addFamily(CF).addColumn(b("cg"), Q).setTimeRange(0, 100).readAllVersions()
        .setFilter(new PrefixFilter(b("k"))).setReversed(true).setCaching(50).setBatch(10)
        .setLimit(7).setMaxResultSize(4096).setCacheBlocks(false);
    ScanProto p = ProtobufConverter.toProto(scan);
    Scan back = ProtobufConverter.fromProto(ScanProto.parseFrom(p.toByteArray()));
    assertEquals(p, ProtobufConverter.toProto(back));
    assertArrayEquals(b("m"), back.getStartRow());
    assertEquals(false, back.includeStartRow());
    assertEquals(true, back.includeStopRow());
    assertEquals(Integer.MAX_VALUE, back.getMaxVersions());
    assertEquals(10, back.getBatch());
    assertEquals(7, back.getLimit());
    assertTrue(((FilterBase) back.getFilter()).isReversed(), "decoded filter knows direction");
    Scan plain = ProtobufConverter.fromProto(ProtobufConverter.toProto(new Scan()));
    assertEquals(0, plain.getStartRow().length);
    assertEquals(-1, plain.getBatch());
    assertEquals(Scan.DEFAULT_MAX_RESULT_SIZE, plain.getMaxResultSize());
  }

  @Test
  void resultRoundTrip() throws Exception {
    Result r = Result.create(List.of(KeyValue.create(ROW, CF, Q, 2, b("a")),
        KeyValue.create(ROW, CF, Q, 1, b("b"))), null, true);
    Result back = ProtobufConverter.fromProto(
        ResultProto.parseFrom(ProtobufConverter.toProto(r).toByteArray()));
    assertEquals(r.listCells(), back.listCells());
    assertTrue(back.mayHaveMoreCellsInRow());
    assertNull(back.getExists());
    assertEquals(false, ProtobufConverter.fromProto(
        ProtobufConverter.toProto(Result.ofExists(false))).getExists());
    assertTrue(ProtobufConverter.fromProto(ResultProto.getDefaultInstance()).isEmpty());
  }

  @Test
  void malformedInputIsRejected() {
    byte[] good = ProtobufConverter.toCellBytes(KeyValue.create(ROW, CF, Q, 1, b("v")))
        .toByteArray();
    assertThrows(IllegalArgumentException.class,
        () -> ProtobufConverter.toCell(ByteString.copyFrom(good, 0, good.length - 1)));
    byte[] badType = good.clone();
    badType[8 + Bytes.getInt(good, 0) - 1] = 3;
    assertThrows(IllegalArgumentException.class,
        () -> ProtobufConverter.toCell(ByteString.copyFrom(badType)));
    byte[] badRow = good.clone();
    Bytes.putShort(badRow, 8, (short) 500);
    assertThrows(IllegalArgumentException.class,
        () -> ProtobufConverter.toCell(ByteString.copyFrom(badRow)));
    assertThrows(IllegalArgumentException.class,
        () -> ProtobufConverter.fromProto(MutationProto.getDefaultInstance()), "empty row");
    MutationProto otherRow = ProtobufConverter.toProto(new Put(ROW).addColumn(CF, Q, Q))
        .toBuilder().setRow(ByteString.copyFrom(b("x"))).build();
    assertThrows(IllegalArgumentException.class, () -> ProtobufConverter.fromProto(otherRow));
    MutationProto putWithDelete = ProtobufConverter.toProto(new Delete(ROW).addColumn(CF, Q))
        .toBuilder().setType(io.cellar.common.proto.MutationTypeProto.MUTATION_PUT).build();
    assertThrows(IllegalArgumentException.class,
        () -> ProtobufConverter.fromProto(putWithDelete));
    assertThrows(IllegalArgumentException.class,
        () -> ProtobufConverter.fromProto(CheckAndMutateProto.newBuilder()
            .setRow(ByteString.copyFrom(ROW)).setFamily(ByteString.copyFrom(CF)).build()));
  }
}
