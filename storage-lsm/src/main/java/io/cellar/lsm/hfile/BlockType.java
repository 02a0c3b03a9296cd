package io.cellar.lsm.hfile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The kinds of block in an HFile, each named on disk by an 8-byte magic at the block start. */
enum BlockType {
  DATA("DATABLK*"),
  LEAF_INDEX("IDXLEAF*"),
  INTERMEDIATE_INDEX("IDXINTE*"),
  ROOT_INDEX("IDXROOT*"),
  BLOOM("BLOOMBK*"),
  FILE_INFO("FILEINF*");

  static final int MAGIC_LENGTH = 8;
  private static final BlockType[] ALL = values();

  private final byte[] magic;

  BlockType(String magic) {
    this.magic = magic.getBytes(StandardCharsets.US_ASCII);
  }

  byte[] magic() {
    return magic;
  }

  /** Blocks whose payload is a sorted entry list (data and index). */
  boolean hasEntries() {
    return this == DATA || isIndex();
  }

  boolean isIndex() {
    return this == LEAF_INDEX || this == INTERMEDIATE_INDEX || this == ROOT_INDEX;
  }

  /** The type whose magic is at buf[off..off+8), or null when none matches. */
  static BlockType fromMagic(byte[] buf, int off) {
    for (BlockType t : ALL) {
      if (Arrays.equals(t.magic, 0, MAGIC_LENGTH, buf, off, off + MAGIC_LENGTH)) {
        return t;
      }
    }
    return null;
  }
}
