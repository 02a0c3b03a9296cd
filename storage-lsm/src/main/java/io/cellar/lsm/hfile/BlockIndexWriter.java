package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects one index entry per data block (its last key, offset, on-disk size) and writes the
 * index: a single root block while it fits in {@code maxRootSize} bytes, otherwise leaf blocks of
 * about {@code indexBlockSize} bytes (and intermediate levels above them) until the top level
 * fits in the root.
 * REQUIRES: data blocks are added in file order.
 */
final class BlockIndexWriter {
  /** Writes one block and returns its on-disk size; the sink knows the current offset. */
  interface BlockSink {
    long position();

    int write(BlockType type, byte[] payload, int len) throws IOException;
  }

  /** Where the written root is and how deep the index is (1 = root points at data blocks). */
  record RootInfo(long offset, int size, int levels) {}

  private final int indexBlockSize;
  private final int maxRootSize;
  private final List<byte[]> leafEntries = new ArrayList<>();

  BlockIndexWriter(int indexBlockSize, int maxRootSize) {
    this.indexBlockSize = indexBlockSize;
    this.maxRootSize = maxRootSize;
  }

  /** REQUIRES: entryWithRoom came from {@link EntryBlockBuilder#keyOfEntry} with extra = 12. */
  void addBlock(byte[] entryWithRoom, long offset, int onDiskSize) {
    int p = entryWithRoom.length - 12;
    Bytes.putLong(entryWithRoom, p, offset);
    Bytes.putInt(entryWithRoom, p + 8, onDiskSize);
    leafEntries.add(entryWithRoom);
  }

  int blockCount() {
    return leafEntries.size();
  }

  RootInfo write(BlockSink sink) throws IOException {
    List<byte[]> level = leafEntries;
    int levels = 1;
    BlockType chunkType = BlockType.LEAF_INDEX;
    EntryBlockBuilder builder = new EntryBlockBuilder(indexBlockSize + 1024);
    while (level.size() > 1 && payloadSize(level) > maxRootSize) {
      List<byte[]> parent = new ArrayList<>();
      for (byte[] e : level) {
        builder.addEntry(e);
        if (builder.count() >= 2 && builder.finishedSize() >= indexBlockSize) {
          parent.add(writeChunk(builder, chunkType, sink));
        }
      }
      if (builder.count() > 0) {
        parent.add(writeChunk(builder, chunkType, sink));
      }
      level = parent;
      levels++;
      chunkType = BlockType.INTERMEDIATE_INDEX;
    }
    for (byte[] e : level) {
      builder.addEntry(e);
    }
    long rootOffset = sink.position();
    int len = builder.finish();
    int size = sink.write(BlockType.ROOT_INDEX, builder.buffer(), len);
    return new RootInfo(rootOffset, size, levels);
  }

  private static byte[] writeChunk(EntryBlockBuilder builder, BlockType type, BlockSink sink)
      throws IOException {
    byte[] last = builder.buffer();
    int lastOff = builder.lastEntryOffset();
    int keyPart = builder.size() - lastOff - 12; // entry = key part + long + int
    byte[] parentEntry = new byte[keyPart + 12];
    System.arraycopy(last, lastOff, parentEntry, 0, keyPart);
    long offset = sink.position();
    int len = builder.finish();
    int size = sink.write(type, builder.buffer(), len);
    Bytes.putLong(parentEntry, keyPart, offset);
    Bytes.putInt(parentEntry, keyPart + 8, size);
    builder.reset();
    return parentEntry;
  }

  private static long payloadSize(List<byte[]> entries) {
    long n = 4;
    for (byte[] e : entries) {
      n += e.length + 4;
    }
    return n;
  }
}
