package io.cellar.common.schema;

/** Block compression of store files. */
public enum Compression {
  NONE,
  LZ4
}
