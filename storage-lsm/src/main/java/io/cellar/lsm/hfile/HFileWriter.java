package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.schema.BloomType;
import io.cellar.common.schema.Compression;
import io.cellar.lsm.cache.BlockCacheKey;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one HFile. Bytes go to a temp file ".{name}.tmp" in the target directory, which
 * {@link #close} renames atomically to the final name; {@link #abort} deletes it. So the final
 * name only ever names a complete file.
 *
 * <p>REQUIRES: cells are appended in strictly ascending CellComparator order (sequence ids
 * included); a single thread uses the writer.
 */
public final class HFileWriter implements Closeable {
  private final Path path;
  private final Path tmpPath;
  private final HFileWriteOptions options;
  private final FileOutputStream fileOut;
  private final OutputStream out;
  private final EntryBlockBuilder dataBlock;
  private final BlockIndexWriter index;
  private final BloomFilterWriter bloom;
  private byte[] encodeBuf;
  private long position;
  private long prevDataBlockOffset = -1;
  /** Key of the last cell of the previous data block, for the order check across blocks. */
  private byte[] prevBlockLastKey;

  private byte[] firstKey;
  private long cellCount;
  private long deleteCount;
  private long familyDeleteCount;
  private long minTs = Long.MAX_VALUE;
  private long maxTs = Long.MIN_VALUE;
  private long maxDeleteTs = Long.MIN_VALUE;
  private long maxSeqIdSeen;
  private long maxSequenceId;
  private boolean majorCompacted;
  private boolean bulkLoaded;
  private boolean finished;

  private HFileWriter(Path path, HFileWriteOptions options) throws IOException {
    this.path = path.toAbsolutePath();
    this.tmpPath = this.path.resolveSibling("." + this.path.getFileName() + ".tmp");
    this.options = options;
    this.fileOut = new FileOutputStream(tmpPath.toFile());
    this.out = new BufferedOutputStream(fileOut, 256 * 1024);
    this.dataBlock = new EntryBlockBuilder(options.getBlockSize() + 4096);
    this.index = new BlockIndexWriter(options.getIndexBlockSize(),
        options.getMaxRootIndexSize());
    this.bloom = options.getBloomType() == BloomType.NONE
        ? null : new BloomFilterWriter(options.getBloomType());
    this.encodeBuf = new byte[BlockCodec.maxEncodedSize(options.getBlockSize() + 4096)];
  }

  /**
   * Starts a file that will appear at {@code path} on close.
   * REQUIRES: the parent directory exists and nothing else writes to {@code path}.
   */
  public static HFileWriter create(Path path, HFileWriteOptions options) throws IOException {
    return new HFileWriter(path, options);
  }

  /** The final name. */
  public Path getPath() {
    return path;
  }

  /** The temp name bytes are written to until close. */
  public Path getTempPath() {
    return tmpPath;
  }

  /**
   * Appends one cell, keeping its sequence id.
   *
   * @throws IllegalArgumentException if the cell is not strictly after the previous one
   */
  public void append(Cell cell) throws IOException {
    checkOpen();
    checkOrder(cell);
    dataBlock.addCell(cell);
    if (firstKey == null) {
      firstKey = HFileInfo.keyEntry(cell);
    }
    track(cell);
    if (bloom != null) {
      bloom.add(cell);
    }
    if (dataBlock.size() >= options.getBlockSize()) {
      flushDataBlock();
    }
  }

  private void checkOrder(Cell cell) {
    int c;
    if (dataBlock.count() > 0) {
      c = EncodedCellComparator.compare(cell, dataBlock.buffer(), dataBlock.lastEntryOffset());
    } else if (prevBlockLastKey != null) {
      c = EncodedCellComparator.compare(cell, prevBlockLastKey, 0);
    } else {
      return;
    }
    if (c <= 0) {
      throw new IllegalArgumentException("Cell " + cell + " is not after the previous cell in "
          + path + " (cells must be appended in strictly ascending order)");
    }
  }

  private void track(Cell cell) {
    cellCount++;
    long ts = cell.getTimestamp();
    minTs = Math.min(minTs, ts);
    maxTs = Math.max(maxTs, ts);
    maxSeqIdSeen = Math.max(maxSeqIdSeen, cell.getSequenceId());
    CellType type = cell.getType();
    if (type != CellType.PUT && type.isDelete()) {
      deleteCount++;
      maxDeleteTs = Math.max(maxDeleteTs, ts);
      if (type.isFamilyDelete()) {
        familyDeleteCount++;
      }
    }
  }

  private void flushDataBlock() throws IOException {
    if (dataBlock.count() == 0) {
      return;
    }
    byte[] entry = EntryBlockBuilder.keyOfEntry(dataBlock.buffer(), dataBlock.lastEntryOffset(),
        12);
    long offset = position;
    int len = dataBlock.finish();
    int size = writeBlock(BlockType.DATA, dataBlock.buffer(), len, prevDataBlockOffset,
        options.getCompression());
    index.addBlock(entry, offset, size);
    prevDataBlockOffset = offset;
    prevBlockLastKey = entry;
    dataBlock.reset();
  }

  private int writeBlock(BlockType type, byte[] payload, int len, long prevOffset,
      Compression compression) throws IOException {
    int max = BlockCodec.maxEncodedSize(len);
    if (encodeBuf.length < max) {
      encodeBuf = new byte[max];
    }
    int size = BlockCodec.encode(type, payload, len, prevOffset, compression, encodeBuf);
    out.write(encodeBuf, 0, size);
    cacheWritten(type, payload, len, prevOffset, size);
    position += size;
    return size;
  }

  /** With cache-on-write, caches a data or non-root index block as a reader would decode it. */
  private void cacheWritten(BlockType type, byte[] payload, int len, long prevOffset, int size) {
    CacheOnWrite target = options.getCacheOnWrite();
    if (target == null) {
      return;
    }
    boolean data = type == BlockType.DATA;
    if (!data && type != BlockType.LEAF_INDEX && type != BlockType.INTERMEDIATE_INDEX) {
      return; // root index, bloom and file info are pinned by the reader, never cached
    }
    HFileBlock b = new HFileBlock(type, position, size, prevOffset, Arrays.copyOf(payload, len));
    target.cache().put(new BlockCacheKey(target.fileId(), position), b, !data);
  }

  /** The largest sequence id of the edits in this file; the max with cell ids is stored. */
  public void setMaxSequenceId(long maxSequenceId) {
    this.maxSequenceId = maxSequenceId;
  }

  public void setMajorCompacted(boolean majorCompacted) {
    this.majorCompacted = majorCompacted;
  }

  public void setBulkLoaded(boolean bulkLoaded) {
    this.bulkLoaded = bulkLoaded;
  }

  public long getCellCount() {
    return cellCount;
  }

  /** Bytes written so far (data blocks; grows in block steps). */
  public long getWrittenBytes() {
    return position;
  }

  /**
   * Writes index, bloom, file info and trailer, optionally fsyncs, and renames the temp file to
   * the final name. On failure the temp file is deleted and the final name is untouched.
   */
  @Override
  public void close() throws IOException {
    if (finished) {
      return;
    }
    try {
      finishFile();
    } catch (IOException | RuntimeException e) {
      abort();
      throw e;
    }
  }

  private void finishFile() throws IOException {
    checkOpen();
    flushDataBlock();
    long dataEnd = position;
    BlockIndexWriter.RootInfo root = index.write(new BlockIndexWriter.BlockSink() {
      @Override
      public long position() {
        return position;
      }

      @Override
      public int write(BlockType type, byte[] payload, int len) throws IOException {
        return writeBlock(type, payload, len, -1, Compression.NONE);
      }
    });
    long bloomOffset = 0;
    int bloomSize = 0;
    if (bloom != null) {
      byte[] p = bloom.build().toPayload();
      bloomOffset = position;
      bloomSize = writeBlock(BlockType.BLOOM, p, p.length, -1, Compression.NONE);
    }
    byte[] info = HFileInfo.encode(fileInfoFields());
    long infoOffset = position;
    int infoSize = writeBlock(BlockType.FILE_INFO, info, info.length, -1, Compression.NONE);
    HFileTrailer trailer = new HFileTrailer(infoOffset, infoSize, root.offset(), root.size(),
        root.levels(), bloomOffset, bloomSize, dataEnd, index.blockCount(),
        HFileTrailer.FORMAT_VERSION);
    out.write(trailer.encode());
    out.flush();
    if (options.isFsyncOnClose()) {
      fileOut.getChannel().force(true);
    }
    out.close();
    finished = true;
    Files.move(tmpPath, path, StandardCopyOption.ATOMIC_MOVE);
    if (options.isFsyncOnClose()) {
      syncDirectory(path.getParent());
    }
  }

  /** Makes the rename durable (Linux allows fsync of a directory opened read-only). */
  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open directories; the file itself is already synced.
    }
  }

  private Map<String, byte[]> fileInfoFields() {
    Map<String, byte[]> m = new LinkedHashMap<>();
    if (firstKey != null) {
      m.put(HFileInfo.FIRST_KEY, firstKey);
      m.put(HFileInfo.LAST_KEY, lastKeyEntry());
    }
    m.put(HFileInfo.MAX_SEQ_ID, Bytes.toBytes(Math.max(maxSequenceId, maxSeqIdSeen)));
    m.put(HFileInfo.MIN_TS, Bytes.toBytes(minTs));
    m.put(HFileInfo.MAX_TS, Bytes.toBytes(maxTs));
    m.put(HFileInfo.MAX_DELETE_TS, Bytes.toBytes(maxDeleteTs));
    m.put(HFileInfo.CELL_COUNT, Bytes.toBytes(cellCount));
    m.put(HFileInfo.DELETE_COUNT, Bytes.toBytes(deleteCount));
    m.put(HFileInfo.FAMILY_DELETE_COUNT, Bytes.toBytes(familyDeleteCount));
    m.put(HFileInfo.MAJOR_COMPACTED, Bytes.toBytes(majorCompacted ? 1L : 0L));
    m.put(HFileInfo.BULK_LOADED, Bytes.toBytes(bulkLoaded ? 1L : 0L));
    m.put(HFileInfo.BLOOM_TYPE, Bytes.toBytes((long) options.getBloomType().ordinal()));
    m.put(HFileInfo.COMPRESSION, Bytes.toBytes((long) options.getCompression().ordinal()));
    m.put(HFileInfo.BLOCK_SIZE, Bytes.toBytes((long) options.getBlockSize()));
    m.put(HFileInfo.CREATED_MS, Bytes.toBytes(System.currentTimeMillis()));
    return m;
  }

  /** prevBlockLastKey holds KeyValue(key, empty value) + varint seq + 12 index bytes. */
  private byte[] lastKeyEntry() {
    byte[] e = prevBlockLastKey;
    int kvLen = 8 + Bytes.getInt(e, 0);
    long seq = VarLong.read(e, kvLen);
    byte[] out = new byte[kvLen + 8];
    System.arraycopy(e, 0, out, 0, kvLen);
    Bytes.putLong(out, kvLen, seq);
    return out;
  }

  /** Abandons the file: closes and deletes the temp file. Safe to call more than once. */
  public void abort() {
    finished = true;
    CacheOnWrite target = options.getCacheOnWrite();
    if (target != null) {
      target.cache().evictFile(target.fileId());
    }
    try {
      out.close();
    } catch (IOException ignored) {
      // the file is being thrown away
    }
    try {
      Files.deleteIfExists(tmpPath);
    } catch (IOException ignored) {
      // best effort; a stray ".tmp" is never read as a store file
    }
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("HFile writer for " + path + " is closed");
    }
  }

  @Override
  public String toString() {
    return "HFileWriter{" + path + ", " + options + ", cells=" + cellCount + "}";
  }
}
