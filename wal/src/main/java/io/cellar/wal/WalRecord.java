package io.cellar.wal;

/**
 * An entry read from the WAL with its address: {@code position} is where its frame starts and
 * {@code nextPosition} where the following one starts. A consumer commits {@code nextPosition}
 * once the entry is handled and later resumes a {@link WalReader} from it.
 */
public record WalRecord(WalEntry entry, WalPosition position, WalPosition nextPosition) {}
