package io.cellar.wal;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.CorruptFileException;
import io.cellar.common.schema.TableName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Encodes and decodes one {@link WalEntry} as a framed record. All integers big-endian.
 *
 * <pre>
 * frame:
 *   int    payloadLength   (bytes of payload; 1..MAX_PAYLOAD)
 *   int    crc32c          (CRC32C of the payload bytes)
 *   byte[] payload
 * payload:
 *   byte   version         (1)
 *   short  regionLength,  byte[] region   (UTF-8, the region's encoded name)
 *   short  tableLength,   byte[] table    (UTF-8, "ns:qualifier" or "qualifier")
 *   long   sequenceId
 *   long   writeTime       (ms since the epoch)
 *   short  clusterCount,  clusterCount x (long mostSigBits, long leastSigBits)
 *   int    cellCount,     cellCount x (long cellSequenceId, KeyValue encoding)
 * </pre>
 *
 * The KeyValue encoding is self-delimiting (key and value lengths lead it). A zero length,
 * a length past the end of the file, or a CRC mismatch marks a damaged frame.
 */
public final class WalEntryCodec {
  public static final int FRAME_HEADER = 8;
  /** Largest payload accepted; a bigger length field is treated as damage. */
  public static final int MAX_PAYLOAD = 256 << 20;
  static final byte VERSION = 1;

  private WalEntryCodec() {}

  /** Frame size of {@code e}: header plus payload. */
  public static int encodedSize(WalEntry e) {
    return FRAME_HEADER + payloadSize(e);
  }

  private static int payloadSize(WalEntry e) {
    int n = 1 + 2 + utf8Length(e.getRegion()) + 2 + utf8Length(e.getTable().getNameAsString())
        + 8 + 8 + 2 + 16 * e.getClusterIds().size() + 4;
    for (Cell c : e.getCells()) {
      n += 8 + c.getSerializedSize();
    }
    return n;
  }

  /** The whole frame of {@code e} in a fresh array. */
  public static byte[] encode(WalEntry e) {
    FrameLayout layout = layout(e);
    byte[] buf = new byte[layout.frameSize()];
    writeFrame(e, layout, buf, 0);
    return buf;
  }

  /** What {@link #writeFrame} needs besides the entry: computed (and checked) before copying. */
  static final class FrameLayout {
    final byte[] region;
    final byte[] table;
    final int payload;

    private FrameLayout(byte[] region, byte[] table, int payload) {
      this.region = region;
      this.table = table;
      this.payload = payload;
    }

    int frameSize() {
      return FRAME_HEADER + payload;
    }
  }

  /** Sizes {@code e}'s frame; throws IllegalArgumentException if a field or the whole is too big. */
  static FrameLayout layout(WalEntry e) {
    byte[] region = e.getRegion().getBytes(StandardCharsets.UTF_8);
    byte[] table = e.getTable().getNameAsString().getBytes(StandardCharsets.UTF_8);
    if (region.length > Short.MAX_VALUE || table.length > Short.MAX_VALUE
        || e.getClusterIds().size() > Short.MAX_VALUE) {
      throw new IllegalArgumentException("WAL entry field too long: " + e);
    }
    int payload = payloadSize(e);
    if (payload > MAX_PAYLOAD) {
      throw new IllegalArgumentException("WAL entry of " + payload + " bytes exceeds the "
          + MAX_PAYLOAD + "-byte limit: " + e);
    }
    return new FrameLayout(region, table, payload);
  }

  /** Writes {@code e}'s frame at {@code buf[off .. off + layout.frameSize())}. */
  static void writeFrame(WalEntry e, FrameLayout layout, byte[] buf, int off) {
    int p = off + FRAME_HEADER;
    buf[p++] = VERSION;
    p = putBytes(buf, p, layout.region);
    p = putBytes(buf, p, layout.table);
    Bytes.putLong(buf, p, e.getSequenceId());
    Bytes.putLong(buf, p + 8, e.getWriteTime());
    p += 16;
    Bytes.putShort(buf, p, (short) e.getClusterIds().size());
    p += 2;
    for (UUID id : e.getClusterIds()) {
      Bytes.putLong(buf, p, id.getMostSignificantBits());
      Bytes.putLong(buf, p + 8, id.getLeastSignificantBits());
      p += 16;
    }
    List<Cell> cells = e.getCells();
    Bytes.putInt(buf, p, cells.size());
    p += 4;
    for (int i = 0; i < cells.size(); i++) {
      Cell c = cells.get(i);
      Bytes.putLong(buf, p, c.getSequenceId());
      p += 8;
      p += KeyValue.writeCell(c, buf, p);
    }
    Bytes.putInt(buf, off, layout.payload);
    Bytes.putInt(buf, off + 4, crc(buf, off + FRAME_HEADER, layout.payload));
  }

  /** CRC32C of a byte range, as stored in the frame. */
  public static int crc(byte[] b, int off, int len) {
    CRC32C crc = new CRC32C();
    crc.update(b, off, len);
    return (int) crc.getValue();
  }

  /**
   * Decodes a payload whose CRC already matched. The cells are slices of {@code buf}, which the
   * caller must not reuse. Throws CorruptFileException if the structure is inconsistent.
   */
  public static WalEntry decodePayload(byte[] buf, int off, int len) throws CorruptFileException {
    int end = off + len;
    try {
      int p = off;
      if (buf[p] != VERSION) {
        throw new CorruptFileException("unknown WAL entry version " + buf[p]);
      }
      p++;
      int regionLen = Bytes.getShort(buf, p);
      String region = new String(buf, p + 2, regionLen, StandardCharsets.UTF_8);
      p += 2 + regionLen;
      int tableLen = Bytes.getShort(buf, p);
      String table = new String(buf, p + 2, tableLen, StandardCharsets.UTF_8);
      p += 2 + tableLen;
      long seqId = Bytes.getLong(buf, p);
      long writeTime = Bytes.getLong(buf, p + 8);
      p += 16;
      int clusters = Bytes.getShort(buf, p);
      p += 2;
      List<UUID> ids = new ArrayList<>(clusters);
      for (int i = 0; i < clusters; i++) {
        ids.add(new UUID(Bytes.getLong(buf, p), Bytes.getLong(buf, p + 8)));
        p += 16;
      }
      int cellCount = Bytes.getInt(buf, p);
      p += 4;
      if (cellCount < 0 || cellCount > len) {
        throw new CorruptFileException("bad cell count " + cellCount);
      }
      List<Cell> cells = new ArrayList<>(cellCount);
      for (int i = 0; i < cellCount; i++) {
        long cellSeq = Bytes.getLong(buf, p);
        p += 8;
        int cellLen = KeyValue.encodedLengthAt(buf, p);
        if (cellLen < KeyValue.FIXED_OVERHEAD || p + cellLen > end) {
          throw new CorruptFileException("cell " + i + " overruns the entry");
        }
        cells.add(new KeyValue(buf, p, cellLen, cellSeq));
        p += cellLen;
      }
      if (p != end || regionLen < 0 || tableLen < 0 || clusters < 0) {
        throw new CorruptFileException("entry length mismatch: decoded " + (p - off)
            + " of " + len + " bytes");
      }
      return new WalEntry(region, TableName.valueOf(table), seqId, writeTime, ids, cells);
    } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
      throw new CorruptFileException("malformed WAL entry: " + e.getMessage(), e);
    }
  }

  private static int putBytes(byte[] buf, int p, byte[] b) {
    Bytes.putShort(buf, p, (short) b.length);
    System.arraycopy(b, 0, buf, p + 2, b.length);
    return p + 2 + b.length;
  }

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
