package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.exceptions.CorruptFileException;
import io.cellar.common.schema.BloomType;
import io.cellar.lsm.cache.BlockCache;
import io.cellar.lsm.cache.BlockCacheKey;
import io.cellar.lsm.cache.Cacheable;
import io.cellar.lsm.read.ReadBounds;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An open HFile. Thread-safe: one reader serves many concurrent scanners. The trailer, root
 * index, bloom filter and file info are read and validated at open and pinned here; data and
 * non-root index blocks come from the shared {@link BlockCache} (or the file when absent).
 */
public final class HFileReader implements Closeable {
  private final Path path;
  /** Replaced if a reading thread's interrupt closes it (FileChannel closes on interrupt). */
  private volatile FileChannel channel;
  private final BlockCache cache;
  private final long fileId;
  private final long fileLength;
  private final HFileTrailer trailer;
  private final HFileInfo info;
  private final HFileBlock rootIndex;
  private final BloomFilter bloom;
  private final BloomType bloomType;
  private final byte[] firstRow;
  private final byte[] lastRow;
  private volatile boolean closed;

  private HFileReader(Path path, FileChannel channel, BlockCache cache, long fileId)
      throws IOException {
    this.path = path;
    this.channel = channel;
    this.cache = cache != null && cache.isEnabled() ? cache : null;
    this.fileId = fileId;
    long length = channel.size();
    this.fileLength = length;
    if (length < HFileTrailer.SIZE) {
      throw HFileTrailer.refuse(path, "file is " + length + " bytes, shorter than the "
          + HFileTrailer.SIZE + "-byte trailer (truncated or not an HFile)");
    }
    byte[] t = new byte[HFileTrailer.SIZE];
    readFully(t, 0, t.length, length - HFileTrailer.SIZE);
    this.trailer = HFileTrailer.decode(path, t, length);
    this.rootIndex = readBlock(trailer.rootIndexOffset(), trailer.rootIndexSize());
    expect(rootIndex, BlockType.ROOT_INDEX);
    HFileBlock infoBlock = readBlock(trailer.fileInfoOffset(), trailer.fileInfoSize());
    expect(infoBlock, BlockType.FILE_INFO);
    this.info = HFileInfo.decode(path, infoBlock.data(), length, trailer.indexLevels(),
        trailer.dataBlockCount());
    if (trailer.bloomSize() > 0) {
      HFileBlock b = readBlock(trailer.bloomOffset(), trailer.bloomSize());
      expect(b, BlockType.BLOOM);
      this.bloom = BloomFilter.fromPayload(b.data());
      if (bloom == null) {
        throw BlockCodec.corrupt(path, trailer.bloomOffset(), "inconsistent bloom filter");
      }
      this.bloomType = info.getBloomType();
    } else {
      this.bloom = null;
      this.bloomType = BloomType.NONE;
    }
    this.firstRow = rowOf(info.getFirstKey());
    this.lastRow = rowOf(info.getLastKey());
  }

  private static byte[] rowOf(Cell c) {
    return c == null ? null : Bytes.copy(c.getRowArray(), c.getRowOffset(), c.getRowLength());
  }

  /**
   * Opens and validates an HFile.
   *
   * @param cache shared block cache; null or disabled means every block read goes to the file
   * @throws CorruptFileException naming the file and the reason when it is not a valid HFile
   */
  public static HFileReader open(Path path, BlockCache cache) throws IOException {
    return open(path, cache, BlockCache.newFileId());
  }

  /**
   * Opens an HFile whose blocks were cached as it was written ({@link CacheOnWrite}) under
   * {@code fileId}. REQUIRES: no other reader ever had that id.
   *
   * @throws CorruptFileException naming the file and the reason when it is not a valid HFile
   */
  public static HFileReader open(Path path, BlockCache cache, long fileId) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new HFileReader(path, ch, cache, fileId);
    } catch (IOException | RuntimeException e) {
      ch.close();
      if (e instanceof RuntimeException) {
        throw new CorruptFileException("Not a valid HFile " + path + ": " + e, e);
      }
      throw e;
    }
  }

  private void expect(HFileBlock b, BlockType type) throws CorruptFileException {
    if (b.type() != type) {
      throw BlockCodec.corrupt(path, b.offset(), "expected " + type + " block, found " + b.type());
    }
  }

  public Path getPath() {
    return path;
  }

  public HFileInfo getFileInfo() {
    return info;
  }

  /** Unique id of this open file in the block cache. */
  public long getFileId() {
    return fileId;
  }

  public BloomType getBloomType() {
    return bloomType;
  }

  /** False only when the ROW bloom proves the row absent; true when there is no ROW bloom. */
  public boolean mightContainRow(byte[] row) {
    if (bloomType != BloomType.ROW) {
      return true;
    }
    long[] h = new long[2];
    BloomHash.hash(row, 0, row.length, h);
    return bloom.mightContain(h[0], h[1]);
  }

  /**
   * False only when the ROWCOL bloom proves the column absent in the row; true without a ROWCOL
   * bloom. Family delete markers are stored under the empty qualifier, so they are checked too.
   */
  public boolean mightContainRowCol(byte[] row, byte[] family, byte[] qualifier) {
    if (bloomType != BloomType.ROWCOL) {
      return true;
    }
    byte[] key = new byte[BloomHash.rowColLength(row.length, family.length, qualifier.length)];
    long[] h = new long[2];
    int len = BloomHash.writeRowCol(key, row, 0, row.length, family, 0, family.length,
        qualifier, 0, qualifier.length);
    BloomHash.hash(key, 0, len, h);
    if (bloom.mightContain(h[0], h[1])) {
      return true;
    }
    if (info.getFamilyDeleteCount() == 0 || qualifier.length == 0) {
      return false;
    }
    len = BloomHash.writeRowCol(key, row, 0, row.length, family, 0, family.length,
        Bytes.EMPTY, 0, 0);
    BloomHash.hash(key, 0, len, h);
    return bloom.mightContain(h[0], h[1]);
  }

  /**
   * False when this file provably holds nothing a read with these bounds can see: rows outside
   * the file's key range, a time range that misses every cell (delete markers that could mask
   * cells in range count), or a bloom filter ruling out the one row or column read.
   */
  public boolean passesBounds(ReadBounds bounds) {
    if (info.getCellCount() == 0) {
      return false;
    }
    if (!bounds.overlapsRows(firstRow, lastRow)) {
      return false;
    }
    var tr = bounds.getTimeRange();
    if (!tr.isAllTime() && !tr.overlaps(info.getMinTimestamp(), info.getMaxTimestamp())
        && info.getMaxDeleteTimestamp() < tr.getMin()) {
      return false;
    }
    if (bounds.isSingleRow()) {
      byte[] row = bounds.getRow();
      if (bounds.getSingleQualifier() != null && bloomType == BloomType.ROWCOL) {
        return mightContainRowCol(row, bounds.getSingleFamily(), bounds.getSingleQualifier());
      }
      return mightContainRow(row);
    }
    return true;
  }

  /**
   * A new scanner, unpositioned until its first seek.
   *
   * @param cacheBlocks whether data blocks it reads go into the block cache (false for
   *     compactions and large scans; cached blocks are still used)
   * @param scannerOrder see {@link io.cellar.lsm.read.KeyValueScanner#getScannerOrder}
   */
  public HFileScanner getScanner(boolean cacheBlocks, long scannerOrder) {
    return new HFileScanner(this, cacheBlocks, scannerOrder);
  }

  HFileBlock rootIndex() {
    return rootIndex;
  }

  int indexLevels() {
    return trailer.indexLevels();
  }

  /** End of the data block section (first byte after the last data block). */
  long dataEndOffset() {
    return trailer.dataEndOffset();
  }

  /**
   * The data block holding the first entry >= key, walking the index; null when key is past the
   * last cell. Index blocks are always cached (meta area); data blocks when cacheBlocks.
   */
  HFileBlock seekDataBlock(Cell key, boolean cacheBlocks) throws IOException {
    HFileBlock idx = rootIndex;
    for (int level = trailer.indexLevels(); ; level--) {
      int i = idx.search(key, 0);
      if (i == idx.entryCount()) {
        return null;
      }
      long off = idx.childOffset(i);
      int size = idx.childSize(i);
      if (level == 1) {
        return getBlock(off, size, BlockType.DATA, cacheBlocks);
      }
      idx = getBlock(off, size, level == 2 ? BlockType.LEAF_INDEX : BlockType.INTERMEDIATE_INDEX,
          true);
    }
  }

  /**
   * The block of the given type at offset, from the cache or the file (its on-disk size read
   * from its header when -1). Index blocks are always cached; data blocks when cacheBlocks.
   */
  HFileBlock getBlock(long offset, int onDiskSize, BlockType type, boolean cacheBlocks)
      throws IOException {
    boolean meta = type != BlockType.DATA;
    BlockCacheKey key = null;
    if (cache != null) {
      key = new BlockCacheKey(fileId, offset);
      Cacheable c = cache.get(key, meta);
      if (c != null) {
        return (HFileBlock) c;
      }
    }
    HFileBlock b = readBlock(offset, onDiskSize);
    expect(b, type);
    if (cache != null && (cacheBlocks || meta)) {
      cache.put(key, b, meta);
    }
    return b;
  }

  /**
   * Reads and decodes the block at offset (its on-disk size read from its header when -1): the
   * header and the payload go into separate arrays, so an uncompressed payload is the block's
   * data with no copy (one extra small read instead of a block-sized copy and allocation).
   */
  private HFileBlock readBlock(long offset, int onDiskSize) throws IOException {
    if (closed) {
      throw new IOException("HFile reader for " + path + " is closed");
    }
    if (onDiskSize >= 0 && (onDiskSize < BlockCodec.HEADER_SIZE || offset < 0
        || offset + onDiskSize > fileLength)) {
      throw BlockCodec.corrupt(path, offset, "index points outside the file (size "
          + onDiskSize + ")");
    }
    if (offset < 0 || offset + BlockCodec.HEADER_SIZE > fileLength) {
      throw BlockCodec.corrupt(path, offset, "block header outside the file");
    }
    byte[] header = new byte[BlockCodec.HEADER_SIZE];
    readFully(header, 0, header.length, offset);
    int size = BlockCodec.onDiskSizeFromHeader(header);
    if (onDiskSize < 0) {
      if (size < BlockCodec.HEADER_SIZE || offset + size > trailer.dataEndOffset()) {
        throw BlockCodec.corrupt(path, offset, "bad block size in header");
      }
    } else if (size != onDiskSize) {
      throw BlockCodec.corrupt(path, offset, "bad block sizes: header says " + size
          + " bytes, the index " + onDiskSize);
    }
    byte[] payload = new byte[size - BlockCodec.HEADER_SIZE];
    readFully(payload, 0, payload.length, offset + BlockCodec.HEADER_SIZE);
    return BlockCodec.decode(path, offset, header, payload);
  }

  private void readFully(byte[] dst, int off, int len, long position) throws IOException {
    for (int attempt = 0; ; attempt++) {
      FileChannel ch = channel;
      ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
      long pos = position;
      try {
        while (bb.hasRemaining()) {
          int n = ch.read(bb, pos);
          if (n < 0) {
            throw new EOFException("Unexpected end of HFile " + path + " at " + pos);
          }
          pos += n;
        }
        return;
      } catch (ClosedChannelException e) {
        if (closed) {
          throw new IOException("HFile reader for " + path + " is closed", e);
        }
        // Another thread was interrupted mid-read and closed the shared channel: reopen it so
        // other scanners keep working; the interrupted thread itself gets the exception.
        reopen(ch);
        if (e instanceof java.nio.channels.ClosedByInterruptException || attempt > 0) {
          throw new java.io.InterruptedIOException("Read of " + path + " interrupted");
        }
      }
    }
  }

  private synchronized void reopen(FileChannel broken) throws IOException {
    if (channel == broken && !closed) {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    }
  }

  /** Closes the file and drops its blocks from the cache. Open scanners fail on their next read. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
    if (cache != null) {
      cache.evictFile(fileId);
    }
  }

  @Override
  public String toString() {
    return "HFileReader{" + path + ", " + info + "}";
  }
}
