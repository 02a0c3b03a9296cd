package io.cellar.lsm.cache;

/** Names one block: the reader's file id (unique per open) and the block's offset in the file. */
public record BlockCacheKey(long fileId, long offset) {}
