package io.cellar.wal;

import java.io.IOException;

/** Receives replayed WAL entries (e.g. a region applying them to its memstore). */
@FunctionalInterface
public interface WalEntryConsumer {
  void accept(WalEntry entry) throws IOException;
}
