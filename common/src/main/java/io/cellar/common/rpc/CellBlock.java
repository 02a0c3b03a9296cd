package io.cellar.common.rpc;

import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Raw bytes carried after a call's protobuf message: KeyValue encodings concatenated, so scan and
 * multi-get results need not wrap each cell in protobuf. Immutable; the array is not copied, so
 * callers must not modify an array they hand over.
 */
public final class CellBlock {
  private static final CellBlock EMPTY = new CellBlock(new byte[0]);
  private final byte[] bytes;

  private CellBlock(byte[] bytes) {
    this.bytes = bytes;
  }

  public static CellBlock empty() {
    return EMPTY;
  }

  /** Wraps raw bytes (any content; {@link #cells()} requires KeyValue encodings). */
  public static CellBlock of(byte[] bytes) {
    return bytes.length == 0 ? EMPTY : new CellBlock(bytes);
  }

  /** Encodes the cells in order. */
  public static CellBlock ofCells(Collection<? extends Cell> cells) {
    long total = 0;
    for (Cell c : cells) {
      total += c.getSerializedSize();
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("cell block too large: " + total + " bytes");
    }
    byte[] buf = new byte[(int) total];
    int off = 0;
    for (Cell c : cells) {
      off += KeyValue.writeCell(c, buf, off);
    }
    return of(buf);
  }

  /** Decodes the KeyValues in order; fails if the bytes are not whole KeyValue encodings. */
  public List<KeyValue> cells() throws InvalidRequestException {
    List<KeyValue> out = new ArrayList<>();
    int off = 0;
    while (off < bytes.length) {
      if (bytes.length - off < KeyValue.FIXED_OVERHEAD) {
        throw new InvalidRequestException("truncated cell block at offset " + off);
      }
      long len = 8L + readInt(off) + readInt(off + 4);
      if (readInt(off) < KeyValue.KEY_INFRASTRUCTURE || readInt(off + 4) < 0
          || len > bytes.length - off) {
        throw new InvalidRequestException("malformed cell in cell block at offset " + off);
      }
      out.add(new KeyValue(bytes, off, (int) len));
      off += (int) len;
    }
    return out;
  }

  private int readInt(int off) {
    return ((bytes[off] & 0xff) << 24) | ((bytes[off + 1] & 0xff) << 16)
        | ((bytes[off + 2] & 0xff) << 8) | (bytes[off + 3] & 0xff);
  }

  /** The raw bytes (shared, do not modify). */
  public byte[] bytes() {
    return bytes;
  }

  public int length() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }
}
