package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;
import io.cellar.common.exceptions.CorruptFileException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The fixed-size {@link #SIZE}-byte record at the end of every HFile: where the index, file info
 * and bloom sections are. All big-endian.
 *
 * <pre>
 *   0  long fileInfoOffset   8 int fileInfoSize
 *  12  long rootIndexOffset 20 int rootIndexSize   24 int indexLevels
 *  28  long bloomOffset     36 int bloomSize (0 = no bloom)
 *  40  long dataEndOffset   48 long dataBlockCount
 *  56  int  formatVersion   60 int crc32c of bytes [0,60)
 *  64  byte[8] magic "CELLARHF"
 * </pre>
 */
record HFileTrailer(long fileInfoOffset, int fileInfoSize, long rootIndexOffset,
    int rootIndexSize, int indexLevels, long bloomOffset, int bloomSize, long dataEndOffset,
    long dataBlockCount, int formatVersion) {
  static final int SIZE = 72;
  static final int FORMAT_VERSION = 1;
  static final byte[] MAGIC = "CELLARHF".getBytes(StandardCharsets.US_ASCII);

  byte[] encode() {
    byte[] b = new byte[SIZE];
    Bytes.putLong(b, 0, fileInfoOffset);
    Bytes.putInt(b, 8, fileInfoSize);
    Bytes.putLong(b, 12, rootIndexOffset);
    Bytes.putInt(b, 20, rootIndexSize);
    Bytes.putInt(b, 24, indexLevels);
    Bytes.putLong(b, 28, bloomOffset);
    Bytes.putInt(b, 36, bloomSize);
    Bytes.putLong(b, 40, dataEndOffset);
    Bytes.putLong(b, 48, dataBlockCount);
    Bytes.putInt(b, 56, formatVersion);
    Bytes.putInt(b, 60, crc(b));
    System.arraycopy(MAGIC, 0, b, 64, 8);
    return b;
  }

  private static int crc(byte[] b) {
    CRC32C c = new CRC32C();
    c.update(b, 0, 60);
    return (int) c.getValue();
  }

  /** Parses and validates the trailer of a file of fileLength bytes. */
  static HFileTrailer decode(Path path, byte[] b, long fileLength) throws CorruptFileException {
    if (!Arrays.equals(b, 64, 72, MAGIC, 0, 8)) {
      throw refuse(path, "no HFile trailer magic at the end (not an HFile, or truncated)");
    }
    if (crc(b) != Bytes.getInt(b, 60)) {
      throw refuse(path, "trailer checksum mismatch");
    }
    HFileTrailer t = new HFileTrailer(Bytes.getLong(b, 0), Bytes.getInt(b, 8),
        Bytes.getLong(b, 12), Bytes.getInt(b, 20), Bytes.getInt(b, 24), Bytes.getLong(b, 28),
        Bytes.getInt(b, 36), Bytes.getLong(b, 40), Bytes.getLong(b, 48), Bytes.getInt(b, 56));
    if (t.formatVersion != FORMAT_VERSION) {
      throw refuse(path, "unsupported format version " + t.formatVersion);
    }
    long sectionsEnd = fileLength - SIZE;
    if (!within(t.fileInfoOffset, t.fileInfoSize, sectionsEnd)
        || !within(t.rootIndexOffset, t.rootIndexSize, sectionsEnd)
        || (t.bloomSize != 0 && !within(t.bloomOffset, t.bloomSize, sectionsEnd))
        || t.dataEndOffset < 0 || t.dataEndOffset > t.rootIndexOffset
        || t.indexLevels < 1 || t.indexLevels > 16 || t.dataBlockCount < 0) {
      throw refuse(path, "trailer points outside the file (" + fileLength + " bytes)");
    }
    return t;
  }

  private static boolean within(long off, int size, long end) {
    return off >= 0 && size >= BlockCodec.HEADER_SIZE && off + size <= end;
  }

  static CorruptFileException refuse(Path path, String why) {
    return new CorruptFileException("Not a valid HFile " + path + ": " + why);
  }
}
