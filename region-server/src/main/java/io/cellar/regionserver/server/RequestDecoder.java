package io.cellar.regionserver.server;

import io.cellar.client.CheckAndMutate;
import io.cellar.client.Get;
import io.cellar.client.Mutation;
import io.cellar.client.RowMutations;
import io.cellar.client.Scan;
import io.cellar.client.protocol.ProtobufConverter;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.proto.CheckAndMutateProto;
import io.cellar.common.proto.GetProto;
import io.cellar.common.proto.MutationProto;
import io.cellar.common.proto.RegionInfoProto;
import io.cellar.common.proto.RowMutationsProto;
import io.cellar.common.proto.ScanProto;
import io.cellar.common.proto.TableDescriptorProto;
import io.cellar.common.rpc.CellBlock;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.TableDescriptor;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns request protos into client operations and schema objects. The converters throw
 * IllegalArgumentException (or other runtime exceptions) on malformed input — empty row, bad cell
 * bytes, unknown enum; here that becomes {@link InvalidRequestException} (do not retry) naming
 * what was being decoded, so a bad request never reaches the client as a server bug.
 */
final class RequestDecoder {
  private RequestDecoder() {}

  static Get get(GetProto p) throws InvalidRequestException {
    return decode("get", () -> ProtobufConverter.fromProto(p));
  }

  static Mutation mutation(MutationProto p) throws InvalidRequestException {
    return decode("mutation", () -> ProtobufConverter.fromProto(p));
  }

  /** A mutation whose cells are the message's followed by those of {@code cells}. */
  static Mutation mutation(MutationProto p, CellBlock cells) throws InvalidRequestException {
    List<KeyValue> more = cells.isEmpty() ? List.of() : cells.cells();
    return decode("mutation", () -> ProtobufConverter.fromProto(p, more));
  }

  /** A mutation whose cells are the message's followed by {@code more}. */
  static Mutation mutation(MutationProto p, List<? extends Cell> more)
      throws InvalidRequestException {
    return decode("mutation", () -> ProtobufConverter.fromProto(p, more));
  }

  static RowMutations rowMutations(RowMutationsProto p) throws InvalidRequestException {
    return decode("row mutations", () -> ProtobufConverter.fromProto(p));
  }

  static CheckAndMutate checkAndMutate(CheckAndMutateProto p) throws InvalidRequestException {
    return decode("checkAndMutate", () -> ProtobufConverter.fromProto(p));
  }

  static Scan scan(ScanProto p) throws InvalidRequestException {
    return decode("scan", () -> ProtobufConverter.fromProto(p));
  }

  static RegionInfo regionInfo(RegionInfoProto p) throws InvalidRequestException {
    RegionInfo info = decode("region info", () -> SchemaProtos.fromProto(p));
    if (info.getTable().getQualifier().isEmpty()) {
      throw new InvalidRequestException("Region info without a table name");
    }
    return info;
  }

  static TableDescriptor table(TableDescriptorProto p) throws InvalidRequestException {
    return decode("table descriptor", () -> SchemaProtos.fromProto(p));
  }

  private static <T> T decode(String what, Supplier<T> f) throws InvalidRequestException {
    try {
      return f.get();
    } catch (RuntimeException e) {
      throw new InvalidRequestException("Malformed " + what + ": " + e.getMessage());
    }
  }
}
