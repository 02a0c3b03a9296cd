package io.cellar.common.rpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;

/** A successful response as the client receives it: message bytes plus the cell block. */
public record RpcResponse(ByteString message, CellBlock cells) {
  /** Parses the message with the method's response parser. */
  public <T> T parse(Parser<T> parser) throws InvalidProtocolBufferException {
    return parser.parseFrom(message);
  }
}
