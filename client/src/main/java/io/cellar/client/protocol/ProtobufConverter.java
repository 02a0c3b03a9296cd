package io.cellar.client.protocol;

import com.google.protobuf.ByteString;
import io.cellar.client.Append;
import io.cellar.client.CheckAndMutate;
import io.cellar.client.CheckAndMutateResult;
import io.cellar.client.Delete;
import io.cellar.client.Get;
import io.cellar.client.Increment;
import io.cellar.client.Mutation;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.RowMutations;
import io.cellar.client.Scan;
import io.cellar.client.filter.Filters;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.cell.TimeRange;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.proto.CheckAndMutateProto;
import io.cellar.common.proto.CheckAndMutateResultProto;
import io.cellar.common.proto.ColumnProto;
import io.cellar.common.proto.DurabilityProto;
import io.cellar.common.proto.GetProto;
import io.cellar.common.proto.GetResponse;
import io.cellar.common.proto.MutationProto;
import io.cellar.common.proto.MutationTypeProto;
import io.cellar.common.proto.ResultProto;
import io.cellar.common.proto.RowMutationsProto;
import io.cellar.common.proto.ScanProto;
import io.cellar.common.proto.TimeRangeProto;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.schema.Durability;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;

/**
 * Both directions between the client's data operations and their protobuf messages
 * (cellar_client.proto): the client encodes requests and decodes results, the region server
 * the reverse. Every {@code fromProto} validates as the Java constructors do and throws
 * IllegalArgumentException on malformed input (empty row, bad cell bytes, unknown enum), which
 * the server reports as an invalid request.
 */
public final class ProtobufConverter {
  private ProtobufConverter() {}

  // ---- cells: one KeyValue encoding per bytes entry ----

  public static ByteString toCellBytes(Cell cell) {
    if (cell instanceof KeyValue) {
      KeyValue kv = (KeyValue) cell;
      return ByteString.copyFrom(kv.getBuffer(), kv.getOffset(), kv.getLength());
    }
    byte[] buf = new byte[cell.getSerializedSize()];
    KeyValue.writeCell(cell, buf, 0);
    return ByteString.copyFrom(buf);
  }

  /** Decodes one KeyValue encoding, checking that its lengths fit the bytes. */
  public static KeyValue toCell(ByteString bytes) {
    byte[] b = bytes.toByteArray();
    if (b.length < KeyValue.FIXED_OVERHEAD) {
      throw new IllegalArgumentException("Cell of " + b.length + " bytes is too short");
    }
    int declaredKey = Bytes.getInt(b, 0);
    int valueLen = Bytes.getInt(b, 4);
    if (declaredKey < KeyValue.KEY_INFRASTRUCTURE || valueLen < 0
        || 8L + declaredKey + valueLen != b.length) {
      throw new IllegalArgumentException("Malformed cell: lengths do not match its "
          + b.length + " bytes");
    }
    int rowLen = Bytes.getShort(b, 8);
    if (rowLen < 0 || 10 + rowLen >= 8 + declaredKey) {
      throw new IllegalArgumentException("Malformed cell: bad row length " + rowLen);
    }
    int famLen = b[10 + rowLen];
    if (famLen < 0 || rowLen + famLen + KeyValue.KEY_INFRASTRUCTURE > declaredKey) {
      throw new IllegalArgumentException("Malformed cell: bad family length " + famLen);
    }
    KeyValue kv = new KeyValue(b, 0, b.length);
    kv.getType(); // throws on an unknown type code
    return kv;
  }

  // ---- time range, durability ----

  public static TimeRangeProto toProto(TimeRange range) {
    return TimeRangeProto.newBuilder().setMin(range.getMin()).setMax(range.getMax()).build();
  }

  public static TimeRange fromProto(TimeRangeProto proto) {
    return TimeRange.between(proto.getMin(), proto.getMax());
  }

  public static DurabilityProto toProto(Durability d) {
    return DurabilityProto.forNumber(d.ordinal());
  }

  public static Durability fromProto(DurabilityProto proto) {
    if (proto == DurabilityProto.UNRECOGNIZED) {
      throw new IllegalArgumentException("Unknown durability");
    }
    return Durability.values()[proto.getNumber()];
  }

  // ---- mutations ----

  public static MutationProto toProto(Mutation m) {
    MutationProto.Builder b = toProtoWithoutCells(m).toBuilder();
    for (Cell c : m.getCells()) {
      b.addCells(toCellBytes(c));
    }
    return b.build();
  }

  /** The mutation without its cells (they travel in a cell block: {@link #cellBlock}). */
  public static MutationProto toProtoWithoutCells(Mutation m) {
    MutationProto.Builder b = MutationProto.newBuilder()
        .setType(typeOf(m))
        .setRow(ByteString.copyFrom(m.getRow()))
        .setDurability(toProto(m.getDurability()))
        .setTimestamp(m.getTimestamp());
    if (m instanceof Increment) {
      b.setReturnResults(((Increment) m).isReturnResults());
    } else if (m instanceof Append) {
      b.setReturnResults(((Append) m).isReturnResults());
    }
    return b.build();
  }

  /** The mutation's cells as a cell block (encoded when the call is sent). */
  public static CellBlock cellBlock(Mutation m) {
    return CellBlock.ofCells(m.getCells());
  }

  private static MutationTypeProto typeOf(Mutation m) {
    if (m instanceof Put) {
      return MutationTypeProto.MUTATION_PUT;
    } else if (m instanceof Delete) {
      return MutationTypeProto.MUTATION_DELETE;
    } else if (m instanceof Increment) {
      return MutationTypeProto.MUTATION_INCREMENT;
    } else if (m instanceof Append) {
      return MutationTypeProto.MUTATION_APPEND;
    }
    throw new IllegalArgumentException("Unknown mutation " + m.getClass().getName());
  }

  /** A Put, Delete, Increment or Append, by the message's type. */
  public static Mutation fromProto(MutationProto proto) {
    return fromProto(proto, List.of());
  }

  /**
   * A Put, Delete, Increment or Append, by the message's type, with the message's cells followed
   * by {@code more} (cells that came in a cell block, already checked by their decoder).
   */
  public static Mutation fromProto(MutationProto proto, List<? extends Cell> more) {
    byte[] row = proto.getRow().toByteArray();
    Durability durability = fromProto(proto.getDurability());
    long ts = proto.getTimestamp();
    List<Cell> cells = new ArrayList<>(proto.getCellsCount() + more.size());
    for (ByteString cell : proto.getCellsList()) {
      cells.add(toCell(cell));
    }
    cells.addAll(more);
    switch (proto.getType()) {
      case MUTATION_PUT: {
        Put p = new Put(row, ts).setDurability(durability);
        for (Cell c : cells) {
          p.add(c);
        }
        return p;
      }
      case MUTATION_DELETE: {
        Delete d = new Delete(row, ts).setDurability(durability);
        for (Cell c : cells) {
          d.add(c);
        }
        return d;
      }
      case MUTATION_INCREMENT: {
        Increment inc = new Increment(row).setTimestamp(ts).setDurability(durability)
            .setReturnResults(proto.getReturnResults());
        for (Cell c : cells) {
          inc.add(c);
        }
        return inc;
      }
      case MUTATION_APPEND: {
        Append app = new Append(row).setTimestamp(ts).setDurability(durability)
            .setReturnResults(proto.getReturnResults());
        for (Cell c : cells) {
          app.add(c);
        }
        return app;
      }
      default:
        throw new IllegalArgumentException("Unknown mutation type " + proto.getType());
    }
  }

  public static RowMutationsProto toProto(RowMutations rm) {
    RowMutationsProto.Builder b = RowMutationsProto.newBuilder()
        .setRow(ByteString.copyFrom(rm.getRow()));
    for (Mutation m : rm.getMutations()) {
      b.addMutations(toProto(m));
    }
    return b.build();
  }

  public static RowMutations fromProto(RowMutationsProto proto) {
    RowMutations rm = new RowMutations(proto.getRow().toByteArray());
    for (MutationProto m : proto.getMutationsList()) {
      rm.add(fromProto(m));
    }
    return rm;
  }

  // ---- reads ----

  private static List<ColumnProto> toColumns(Map<byte[], NavigableSet<byte[]>> families) {
    List<ColumnProto> out = new ArrayList<>(families.size());
    for (Map.Entry<byte[], NavigableSet<byte[]>> e : families.entrySet()) {
      ColumnProto.Builder c = ColumnProto.newBuilder().setFamily(ByteString.copyFrom(e.getKey()));
      for (byte[] q : e.getValue()) {
        c.addQualifiers(ByteString.copyFrom(q));
      }
      out.add(c.build());
    }
    return out;
  }

  public static GetProto toProto(Get get) {
    GetProto.Builder b = GetProto.newBuilder()
        .setRow(ByteString.copyFrom(get.getRow()))
        .addAllColumns(toColumns(get.getFamilyMap()))
        .setTimeRange(toProto(get.getTimeRange()))
        .setMaxVersions(get.getMaxVersions())
        .setExistenceOnly(get.isCheckExistenceOnly())
        .setCacheBlocks(get.getCacheBlocks());
    if (get.getFilter() != null) {
      b.setFilter(Filters.toProto(get.getFilter()));
    }
    return b.build();
  }

  public static Get fromProto(GetProto proto) {
    Get get = new Get(proto.getRow().toByteArray());
    for (ColumnProto c : proto.getColumnsList()) {
      if (c.getQualifiersCount() == 0) {
        get.addFamily(c.getFamily().toByteArray());
      }
      for (ByteString q : c.getQualifiersList()) {
        get.addColumn(c.getFamily().toByteArray(), q.toByteArray());
      }
    }
    if (proto.hasTimeRange()) {
      get.setTimeRange(fromProto(proto.getTimeRange()));
    }
    get.readVersions(proto.getMaxVersions() <= 0 ? 1 : proto.getMaxVersions());
    if (proto.hasFilter()) {
      get.setFilter(Filters.fromProto(proto.getFilter()));
    }
    return get.setCheckExistenceOnly(proto.getExistenceOnly())
        .setCacheBlocks(proto.getCacheBlocks());
  }

  public static ScanProto toProto(Scan scan) {
    ScanProto.Builder b = ScanProto.newBuilder()
        .setStartRow(ByteString.copyFrom(scan.getStartRow()))
        .setIncludeStartRow(scan.includeStartRow())
        .setStopRow(ByteString.copyFrom(scan.getStopRow()))
        .setIncludeStopRow(scan.includeStopRow())
        .addAllColumns(toColumns(scan.getFamilyMap()))
        .setTimeRange(toProto(scan.getTimeRange()))
        .setMaxVersions(scan.getMaxVersions())
        .setReversed(scan.isReversed())
        .setCaching(scan.getCaching())
        .setBatch(scan.getBatch())
        .setLimit(scan.getLimit())
        .setMaxResultSize(scan.getMaxResultSize())
        .setCacheBlocks(scan.getCacheBlocks());
    if (scan.getFilter() != null) {
      b.setFilter(Filters.toProto(scan.getFilter()));
    }
    return b.build();
  }

  public static Scan fromProto(ScanProto proto) {
    Scan scan = new Scan()
        .withStartRow(proto.getStartRow().toByteArray(), proto.getIncludeStartRow())
        .withStopRow(proto.getStopRow().toByteArray(), proto.getIncludeStopRow());
    for (ColumnProto c : proto.getColumnsList()) {
      if (c.getQualifiersCount() == 0) {
        scan.addFamily(c.getFamily().toByteArray());
      }
      for (ByteString q : c.getQualifiersList()) {
        scan.addColumn(c.getFamily().toByteArray(), q.toByteArray());
      }
    }
    if (proto.hasTimeRange()) {
      scan.setTimeRange(fromProto(proto.getTimeRange()));
    }
    scan.readVersions(proto.getMaxVersions() <= 0 ? 1 : proto.getMaxVersions());
    if (proto.hasFilter()) {
      scan.setFilter(Filters.fromProto(proto.getFilter()));
    }
    scan.setReversed(proto.getReversed())
        .setCaching(proto.getCaching())
        .setLimit(proto.getLimit())
        .setCacheBlocks(proto.getCacheBlocks());
    if (proto.getBatch() != 0) {
      scan.setBatch(proto.getBatch());
    }
    if (proto.getMaxResultSize() > 0) {
      scan.setMaxResultSize(proto.getMaxResultSize());
    }
    return scan;
  }

  // ---- results ----

  public static ResultProto toProto(Result result) {
    ResultProto.Builder b = toProtoWithoutCells(result).toBuilder();
    for (Cell c : result.listCells()) {
      b.addCells(toCellBytes(c));
    }
    return b.build();
  }

  /** The result's flags without its cells (they travel in a cell block). */
  public static ResultProto toProtoWithoutCells(Result result) {
    ResultProto.Builder b = ResultProto.newBuilder()
        .setMayHaveMoreCellsInRow(result.mayHaveMoreCellsInRow());
    if (result.getExists() != null) {
      b.setExists(result.getExists());
    }
    return b.build();
  }

  public static Result fromProto(ResultProto proto) {
    return fromProto(proto, List.of());
  }

  /**
   * The result of the message's cells followed by {@code more} (cells that came in a cell block,
   * already checked by their decoder).
   */
  public static Result fromProto(ResultProto proto, List<? extends Cell> more) {
    List<Cell> cells = new ArrayList<>(proto.getCellsCount() + more.size());
    for (ByteString c : proto.getCellsList()) {
      cells.add(toCell(c));
    }
    cells.addAll(more);
    if (cells.isEmpty() && !proto.hasExists() && !proto.getMayHaveMoreCellsInRow()) {
      return Result.EMPTY_RESULT;
    }
    return Result.create(cells, proto.hasExists() ? proto.getExists() : null,
        proto.getMayHaveMoreCellsInRow());
  }

  /** The Result of a Get: the response's flags, the row's cells from its cell block. */
  public static Result fromGetResponse(GetResponse response, CellBlock cells)
      throws InvalidRequestException {
    if (cells.isEmpty() || response.hasExists()) {
      return Result.ofSortedRow(cells.cells(),
          response.hasExists() ? response.getExists() : null,
          response.getMayHaveMoreCellsInRow());
    }
    // the row stays a slice of the cell block: cells are made only if asked for
    int[] offsets = cells.cellOffsets();
    return Result.ofEncodedRow(cells.array(), offsets, 0, offsets.length - 1,
        response.getMayHaveMoreCellsInRow());
  }

  /** The response message of a Get (its cells go in the cell block: {@link #cellBlock}). */
  public static GetResponse toGetResponse(Result result) {
    GetResponse.Builder b = GetResponse.newBuilder()
        .setMayHaveMoreCellsInRow(result.mayHaveMoreCellsInRow());
    if (result.getExists() != null) {
      b.setExists(result.getExists());
    }
    return b.build();
  }

  /** A Result's cells as a cell block (encoded when the response is sent). */
  public static CellBlock cellBlock(Result result) {
    return CellBlock.ofCells(result.listCells());
  }

  // ---- checkAndMutate ----

  public static CheckAndMutateProto toProto(CheckAndMutate cam) {
    CheckAndMutateProto.Builder b = CheckAndMutateProto.newBuilder()
        .setRow(ByteString.copyFrom(cam.getRow()))
        .setFamily(ByteString.copyFrom(cam.getFamily()))
        .setQualifier(ByteString.copyFrom(cam.getQualifier()))
        .setCompareOperator(Filters.toProto(cam.getCompareOp()))
        .setTimeRange(toProto(cam.getTimeRange()));
    if (cam.getValue() != null) {
      b.setValue(ByteString.copyFrom(cam.getValue()));
    }
    if (cam.getRowMutations() != null) {
      b.setRowMutations(toProto(cam.getRowMutations()));
    } else {
      b.setMutation(toProto(cam.getMutation()));
    }
    return b.build();
  }

  public static CheckAndMutate fromProto(CheckAndMutateProto proto) {
    CheckAndMutate.Builder b = CheckAndMutate.newBuilder(proto.getRow().toByteArray())
        .ifMatches(proto.getFamily().toByteArray(), proto.getQualifier().toByteArray(),
            Filters.fromProto(proto.getCompareOperator()),
            proto.hasValue() ? proto.getValue().toByteArray() : null);
    if (proto.hasTimeRange()) {
      b.timeRange(fromProto(proto.getTimeRange()));
    }
    switch (proto.getActionCase()) {
      case ROW_MUTATIONS:
        return b.build(fromProto(proto.getRowMutations()));
      case MUTATION: {
        Mutation m = fromProto(proto.getMutation());
        if (m instanceof Put) {
          return b.build((Put) m);
        } else if (m instanceof Delete) {
          return b.build((Delete) m);
        }
        throw new IllegalArgumentException("checkAndMutate takes a Put, a Delete or "
            + "RowMutations, not " + m.getClass().getSimpleName());
      }
      default:
        throw new IllegalArgumentException("checkAndMutate without an action");
    }
  }

  public static CheckAndMutateResultProto toProto(CheckAndMutateResult r) {
    return CheckAndMutateResultProto.newBuilder().setSuccess(r.isSuccess())
        .setResult(toProto(r.getResult())).build();
  }

  public static CheckAndMutateResult fromProto(CheckAndMutateResultProto proto) {
    return new CheckAndMutateResult(proto.getSuccess(),
        proto.hasResult() ? fromProto(proto.getResult()) : Result.EMPTY_RESULT);
  }
}
