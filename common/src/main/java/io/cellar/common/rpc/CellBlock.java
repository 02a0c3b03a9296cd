package io.cellar.common.rpc;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.EncodedCell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import io.netty.buffer.ByteBuf;
import io.netty.util.internal.PlatformDependent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Raw bytes carried after a call's protobuf message: KeyValue encodings concatenated, so results
 * and mutations need not wrap each cell in protobuf. Immutable. A received block is a slice of
 * the frame's array, never copied: decoded cells share it, and callers must not modify an array
 * they hand over. A block made from cells keeps the cells and encodes them straight into the
 * outgoing frame; their bytes must not change until the call is sent (the bytes are only built
 * if {@link #bytes()} or {@link #cells()} asks for them).
 */
public final class CellBlock {
  private static final CellBlock EMPTY = new CellBlock(new byte[0], 0, 0);
  /** Scratch for encoding cells that are not KeyValues into a frame, per thread. */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[256]);
  private volatile byte[] bytes; // null until needed when made from cells; set after offset
  private int offset;
  private final int length;
  private final Cell[] source; // null unless made from cells
  // Set by indexCells() before the block is handed to another thread (published with it).
  private int[] index; // cellOffsets() of a received block
  private InvalidRequestException indexError; // why the block could not be indexed

  private CellBlock(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.length = length;
    this.source = null;
  }

  private CellBlock(Cell[] source, int length) {
    this.source = source;
    this.length = length;
  }

  public static CellBlock empty() {
    return EMPTY;
  }

  /** Wraps raw bytes (any content; {@link #cells()} requires KeyValue encodings). */
  public static CellBlock of(byte[] bytes) {
    return of(bytes, 0, bytes.length);
  }

  /** Wraps {@code bytes[offset, offset + length)} without copying. */
  public static CellBlock of(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException("slice [" + offset + ", +" + length + ") of "
          + bytes.length + " bytes");
    }
    return length == 0 ? EMPTY : new CellBlock(bytes, offset, length);
  }

  /** The cells in order (encoded when the frame is built). */
  public static CellBlock ofCells(Collection<? extends Cell> cells) {
    return ofCellArray(cells.toArray(new Cell[0]));
  }

  /**
   * {@code cells} (not copied: the caller gives the array up) when the caller already summed
   * their sizes. REQUIRES: {@code bytes} is the sum of {@link #sizeOf} over the cells.
   */
  public static CellBlock ofCells(Cell[] cells, long bytes) {
    if (bytes > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("cell block too large: " + bytes + " bytes");
    }
    return bytes == 0 ? EMPTY : new CellBlock(cells, (int) bytes);
  }

  private static CellBlock ofCellArray(Cell[] cells) {
    long total = 0;
    for (Cell c : cells) {
      total += sizeOf(c);
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("cell block too large: " + total + " bytes");
    }
    return total == 0 ? EMPTY : new CellBlock(cells, (int) total);
  }

  /**
   * Bytes {@code c} takes in a cell block (its KeyValue encoding); read from the encoding itself
   * when the cell is an {@link EncodedCell}, without the cell's getters.
   */
  public static int sizeOf(Cell c) {
    if (c instanceof EncodedCell e) {
      byte[] a = e.getEncodedArray();
      int off = e.getEncodedOffset();
      return 8 + Bytes.getInt(a, off) + Bytes.getInt(a, off + 4);
    }
    return c.getSerializedSize();
  }

  /** Appends the encoding of {@code c} at {@code off}; returns its length. */
  private static int write(Cell c, byte[] buf, int off) {
    if (c instanceof EncodedCell e) {
      int n = sizeOf(c);
      System.arraycopy(e.getEncodedArray(), e.getEncodedOffset(), buf, off, n);
      return n;
    }
    return KeyValue.writeCell(c, buf, off);
  }

  /**
   * Decodes the KeyValues in order, as views of this block's bytes (no copy); fails if the
   * bytes are not whole KeyValue encodings.
   */
  public List<KeyValue> cells() throws InvalidRequestException {
    byte[] b = materialize();
    int[] known = indexed();
    if (known != null) { // checked when indexed
      List<KeyValue> out = new ArrayList<>(known.length - 1);
      for (int i = 0; i + 1 < known.length; i++) {
        out.add(new KeyValue(b, known[i], known[i + 1] - known[i]));
      }
      return out;
    }
    List<KeyValue> out = new ArrayList<>();
    int end = offset + length;
    int off = offset;
    while (off < end) {
      out.add(cellAt(b, off, end));
      off += out.get(out.size() - 1).getLength();
    }
    return out;
  }

  /**
   * Decodes {@code counts[i]} cells into {@code out[i]} for each i, in block order; fails unless
   * the counts add up to exactly the cells of the block.
   */
  public void cells(int[] counts, List<List<KeyValue>> out) throws InvalidRequestException {
    byte[] b = materialize();
    int end = offset + length;
    int off = offset;
    for (int i = 0; i < counts.length; i++) {
      List<KeyValue> group = new ArrayList<>(counts[i]);
      for (int j = 0; j < counts[i]; j++) {
        if (off >= end) {
          throw new InvalidRequestException("cell block ends before group " + i
              + " has its " + counts[i] + " cells");
        }
        KeyValue kv = cellAt(b, off, end);
        group.add(kv);
        off += kv.getLength();
      }
      out.add(group);
    }
    if (off != end) {
      throw new InvalidRequestException((end - off) + " bytes of the cell block belong to no group");
    }
  }

  /**
   * Checks that the block is exactly {@code sum(counts)} whole KeyValue encodings and returns
   * where each one starts in {@link #array()}, plus the end of the last one (so cell i spans
   * {@code [offsets[i], offsets[i + 1])}), without creating a cell: a reader that keeps rows as
   * slices of the block makes cells only if asked for them. The array may be the block's own
   * index (see {@link #indexCells()}): callers must not modify it.
   */
  public int[] cellOffsets(int[] counts) throws InvalidRequestException {
    byte[] b = materialize();
    long total = 0;
    for (int c : counts) {
      total += c;
    }
    int[] known = indexed();
    if (known != null) {
      if (total != known.length - 1) {
        throw new InvalidRequestException("cell block of " + (known.length - 1)
            + " cells does not match the " + total + " cells its groups claim");
      }
      return known;
    }
    if (total > length / KeyValue.FIXED_OVERHEAD) {
      throw new InvalidRequestException("cell block of " + length + " bytes cannot hold "
          + total + " cells");
    }
    int[] offsets = new int[(int) total + 1];
    int end = offset + length;
    int off = offset;
    int k = 0;
    for (int i = 0; i < counts.length; i++) {
      for (int j = 0; j < counts[i]; j++) {
        if (off >= end) {
          throw new InvalidRequestException("cell block ends before group " + i
              + " has its " + counts[i] + " cells");
        }
        offsets[k++] = off;
        off += checkedLength(b, off, end);
      }
    }
    if (off != end) {
      throw new InvalidRequestException((end - off) + " bytes of the cell block belong to no group");
    }
    offsets[k] = off;
    return offsets;
  }

  /**
   * {@link #cellOffsets(int[])} for one group of however many cells the block holds: where each
   * whole KeyValue encoding starts in {@link #array()}, plus the end of the last one.
   */
  public int[] cellOffsets() throws InvalidRequestException {
    int[] known = indexed();
    if (known != null) {
      return known;
    }
    byte[] b = materialize();
    int[] offsets = new int[Math.min(16, length / KeyValue.FIXED_OVERHEAD + 1)];
    int end = offset + length;
    int off = offset;
    int k = 0;
    while (off < end) {
      if (k == offsets.length - 1) {
        offsets = Arrays.copyOf(offsets,
            Math.min(offsets.length * 2, length / KeyValue.FIXED_OVERHEAD + 1));
      }
      offsets[k++] = off;
      off += checkedLength(b, off, end);
    }
    offsets[k] = off;
    return k + 1 == offsets.length ? offsets : Arrays.copyOf(offsets, k + 1);
  }

  /**
   * Walks a received block once, now, and keeps where each cell starts for
   * {@link #cellOffsets()} (or why the block is malformed, thrown from there). Called by the
   * thread that copied the bytes in, while they are still in its CPU cache: a reader on another
   * thread then finds the offsets ready instead of pulling every cell's header across cores.
   * REQUIRES: called before the block is handed to another thread.
   */
  public void indexCells() {
    if (length == 0 || source != null || index != null) {
      return;
    }
    try {
      index = cellOffsets();
    } catch (InvalidRequestException e) {
      indexError = e;
    }
  }

  /** The offsets from {@link #indexCells()}, or null if it was not called. */
  private int[] indexed() throws InvalidRequestException {
    if (indexError != null) {
      throw indexError;
    }
    return index;
  }

  private KeyValue cellAt(byte[] bytes, int off, int end) throws InvalidRequestException {
    return new KeyValue(bytes, off, checkedLength(bytes, off, end));
  }

  /** The length of the KeyValue encoding at {@code off}, after checking it is well formed. */
  private int checkedLength(byte[] bytes, int off, int end) throws InvalidRequestException {
    if (end - off < KeyValue.FIXED_OVERHEAD) {
      throw new InvalidRequestException("truncated cell block at offset " + (off - offset));
    }
    int keyLen = Bytes.getInt(bytes, off);
    int valueLen = Bytes.getInt(bytes, off + 4);
    long len = 8L + keyLen + valueLen;
    if (keyLen < KeyValue.KEY_INFRASTRUCTURE || valueLen < 0 || len > end - off) {
      throw new InvalidRequestException("malformed cell in cell block at offset "
          + (off - offset));
    }
    int rowLen = ((bytes[off + 8] & 0xff) << 8) | (bytes[off + 9] & 0xff);
    int famLenAt = off + 10 + rowLen;
    if (10 + rowLen >= 8 + keyLen
        || rowLen + (bytes[famLenAt] & 0xff) + KeyValue.KEY_INFRASTRUCTURE > keyLen) {
      throw new InvalidRequestException("malformed cell key in cell block at offset "
          + (off - offset));
    }
    try {
      CellType.fromCode(bytes[off + 8 + keyLen - 1]); // the last key byte is the type
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("bad cell type in cell block at offset " + (off - offset));
    }
    return (int) len;
  }

  /** The raw bytes: the shared array when this block is a whole array, else a copy. */
  public byte[] bytes() {
    byte[] b = materialize();
    if (offset == 0 && length == b.length) {
      return b;
    }
    byte[] copy = new byte[length];
    System.arraycopy(b, offset, copy, 0, length);
    return copy;
  }

  /**
   * The backing array itself (encoding the cells first if this block was made from cells); the
   * block is {@code [arrayOffset(), arrayOffset() + length())} of it. Must not be modified.
   */
  public byte[] array() {
    return materialize();
  }

  /** Where the block starts in {@link #array()}. */
  public int arrayOffset() {
    materialize();
    return offset;
  }

  /**
   * Appends the raw bytes to {@code out}. Cells go in with one capacity check for the block and
   * a plain memory copy each when {@code out} exposes its memory (a direct buffer): Netty's
   * per-call checks cost more than copying a pe cell's ~140 bytes.
   */
  public void writeTo(ByteBuf out) {
    byte[] b = bytes;
    if (b != null) {
      out.writeBytes(b, offset, length);
      return;
    }
    out.ensureWritable(length);
    if (!out.hasMemoryAddress()) {
      for (Cell c : source) {
        if (c instanceof EncodedCell e) { // one copy of the encoding, no per-field getters
          out.writeBytes(e.getEncodedArray(), e.getEncodedOffset(), sizeOf(c));
        } else {
          out.writeBytes(encodeToScratch(c), 0, c.getSerializedSize());
        }
      }
      return;
    }
    int start = out.writerIndex();
    long address = out.memoryAddress() + start;
    long written = 0;
    for (Cell c : source) {
      byte[] from;
      int at;
      int n;
      if (c instanceof EncodedCell e) {
        from = e.getEncodedArray();
        at = e.getEncodedOffset();
        n = 8 + Bytes.getInt(from, at) + Bytes.getInt(from, at + 4);
      } else {
        from = encodeToScratch(c);
        at = 0;
        n = c.getSerializedSize();
      }
      // raw memory: never past the space checked above, whatever the cells claim
      if (n > length - written) {
        throw new IllegalStateException("cells take more than the block's " + length + " bytes");
      }
      PlatformDependent.copyMemory(from, at, address + written, n);
      written += n;
    }
    out.writerIndex(start + (int) written);
  }

  /** The KeyValue encoding of {@code c} at the start of this thread's scratch array. */
  private static byte[] encodeToScratch(Cell c) {
    int n = c.getSerializedSize();
    byte[] scratch = SCRATCH.get();
    if (scratch.length < n) {
      scratch = new byte[Math.max(n, scratch.length * 2)];
      SCRATCH.set(scratch);
    }
    KeyValue.writeCell(c, scratch, 0);
    return scratch;
  }

  /** The backing array, encoding the cells first if this block was made from cells. */
  private byte[] materialize() {
    byte[] b = bytes;
    return b != null ? b : encode();
  }

  private synchronized byte[] encode() {
    if (bytes != null) {
      return bytes;
    }
    byte[] buf = new byte[length];
    int off = 0;
    for (Cell c : source) {
      off += write(c, buf, off);
    }
    offset = 0;
    bytes = buf;
    return buf;
  }

  public int length() {
    return length;
  }

  public boolean isEmpty() {
    return length == 0;
  }
}
