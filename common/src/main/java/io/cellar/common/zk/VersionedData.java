package io.cellar.common.zk;

/** A znode's data and the version to pass to a conditional set or delete. */
public record VersionedData(byte[] data, int version) {}
