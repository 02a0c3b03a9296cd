package io.cellar.common.rpc;

import com.google.protobuf.Message;
import java.util.Objects;

/** What a handler returns: the response message and an optional cell block. */
public record RpcResult(Message message, CellBlock cells) {
  public RpcResult {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(cells, "cells");
  }

  public static RpcResult of(Message message) {
    return new RpcResult(message, CellBlock.empty());
  }

  public static RpcResult of(Message message, CellBlock cells) {
    return new RpcResult(message, cells);
  }
}
