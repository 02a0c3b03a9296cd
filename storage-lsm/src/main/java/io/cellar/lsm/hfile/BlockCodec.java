package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;
import io.cellar.common.exceptions.CorruptFileException;
import io.cellar.common.schema.Compression;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The on-disk form of a block: a {@link #HEADER_SIZE}-byte header then the payload, optionally
 * LZ4-compressed, with a CRC32C over header (minus the checksum field) and on-disk payload.
 *
 * <pre>
 *   0  byte[8] magic              ({@link BlockType})
 *   8  int     onDiskPayloadSize  (bytes after the header)
 *  12  int     uncompressedSize
 *  20  long    prevBlockOffset    (previous data block, -1 if none / not a data block)
 *  24  byte    compression        (0 none, 1 LZ4)
 *  25  int     crc32c             (over bytes [0,25) and the on-disk payload)
 * </pre>
 */
final class BlockCodec {
  static final int HEADER_SIZE = 29;
  private static final int CRC_OFFSET = 25;
  private static final byte CODEC_NONE = 0;
  private static final byte CODEC_LZ4 = 1;
  private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
  private static final LZ4SafeDecompressor DECOMPRESSOR =
      LZ4Factory.fastestInstance().safeDecompressor();

  private BlockCodec() {}

  /** Largest on-disk size for a payload of len bytes. */
  static int maxEncodedSize(int len) {
    return HEADER_SIZE + COMPRESSOR.maxCompressedLength(len);
  }

  /**
   * Encodes payload[0, len) into out; returns the on-disk size. Stores uncompressed when LZ4
   * would not save space. REQUIRES: out.length >= maxEncodedSize(len).
   */
  static int encode(BlockType type, byte[] payload, int len, long prevOffset,
      Compression compression, byte[] out) {
    int onDiskPayload = len;
    byte codec = CODEC_NONE;
    if (compression == Compression.LZ4) {
      int c = COMPRESSOR.compress(payload, 0, len, out, HEADER_SIZE, out.length - HEADER_SIZE);
      if (c < len) {
        onDiskPayload = c;
        codec = CODEC_LZ4;
      }
    }
    if (codec == CODEC_NONE) {
      System.arraycopy(payload, 0, out, HEADER_SIZE, len);
    }
    System.arraycopy(type.magic(), 0, out, 0, BlockType.MAGIC_LENGTH);
    Bytes.putInt(out, 8, onDiskPayload);
    Bytes.putInt(out, 12, len);
    Bytes.putLong(out, 16, prevOffset);
    out[24] = codec;
    Bytes.putInt(out, CRC_OFFSET, checksum(out, onDiskPayload));
    return HEADER_SIZE + onDiskPayload;
  }

  private static int checksum(byte[] block, int onDiskPayload) {
    CRC32C crc = new CRC32C();
    crc.update(block, 0, CRC_OFFSET);
    crc.update(block, HEADER_SIZE, onDiskPayload);
    return (int) crc.getValue();
  }

  /** On-disk size (header included) announced by a header; validated by {@link #decode}. */
  static int onDiskSizeFromHeader(byte[] header) {
    return HEADER_SIZE + Bytes.getInt(header, 8);
  }

  /**
   * Verifies and decodes a whole on-disk block read from path at offset.
   *
   * @throws CorruptFileException naming the file and offset on any mismatch
   */
  static HFileBlock decode(Path path, long offset, byte[] block, int length)
      throws CorruptFileException {
    if (length < HEADER_SIZE) {
      throw corrupt(path, offset, "block shorter than its header");
    }
    return decode(path, offset, block, block, HEADER_SIZE, length - HEADER_SIZE, false);
  }

  /**
   * Verifies and decodes a block read as its {@link #HEADER_SIZE}-byte header and its on-disk
   * payload, each into its own array. An uncompressed payload becomes the block's data as it is
   * (no copy), so the caller must not touch {@code payload} again.
   *
   * @throws CorruptFileException naming the file and offset on any mismatch
   */
  static HFileBlock decode(Path path, long offset, byte[] header, byte[] payload)
      throws CorruptFileException {
    if (header.length < HEADER_SIZE) {
      throw corrupt(path, offset, "block shorter than its header");
    }
    return decode(path, offset, header, payload, 0, payload.length, true);
  }

  private static HFileBlock decode(Path path, long offset, byte[] header, byte[] payload,
      int payloadOff, int payloadLen, boolean adoptPayload) throws CorruptFileException {
    BlockType type = BlockType.fromMagic(header, 0);
    if (type == null) {
      throw corrupt(path, offset, "bad block magic");
    }
    int onDiskPayload = Bytes.getInt(header, 8);
    int uncompressed = Bytes.getInt(header, 12);
    if (onDiskPayload < 0 || uncompressed < 0 || onDiskPayload != payloadLen) {
      throw corrupt(path, offset, "bad block sizes " + onDiskPayload + "/" + uncompressed);
    }
    CRC32C crc = new CRC32C();
    crc.update(header, 0, CRC_OFFSET);
    crc.update(payload, payloadOff, payloadLen);
    if ((int) crc.getValue() != Bytes.getInt(header, CRC_OFFSET)) {
      throw corrupt(path, offset, "checksum mismatch");
    }
    byte[] data;
    byte codec = header[24];
    if (codec == CODEC_NONE) {
      if (uncompressed != onDiskPayload) {
        throw corrupt(path, offset, "size mismatch in uncompressed block");
      }
      if (adoptPayload && payloadOff == 0 && payload.length == payloadLen) {
        data = payload;
      } else {
        data = new byte[uncompressed];
        System.arraycopy(payload, payloadOff, data, 0, uncompressed);
      }
    } else if (codec == CODEC_LZ4) {
      data = new byte[uncompressed];
      try {
        int n = DECOMPRESSOR.decompress(payload, payloadOff, payloadLen, data, 0, uncompressed);
        if (n != uncompressed) {
          throw corrupt(path, offset, "decompressed " + n + " bytes, expected " + uncompressed);
        }
      } catch (LZ4Exception e) {
        throw new CorruptFileException(
            "Corrupt HFile " + path + " at block offset " + offset + ": LZ4 data invalid", e);
      }
    } else {
      throw corrupt(path, offset, "unknown compression code " + codec);
    }
    if (type.hasEntries()) {
      validateEntries(path, offset, data);
    }
    return new HFileBlock(type, offset, HEADER_SIZE + payloadLen, Bytes.getLong(header, 16),
        data);
  }

  private static void validateEntries(Path path, long offset, byte[] data)
      throws CorruptFileException {
    if (data.length < 4) {
      throw corrupt(path, offset, "entry block without a count");
    }
    int count = Bytes.getInt(data, data.length - 4);
    if (count < 0 || (long) count * 4 + 4 > data.length) {
      throw corrupt(path, offset, "bad entry count " + count);
    }
  }

  static CorruptFileException corrupt(Path path, long offset, String why) {
    return new CorruptFileException(
        "Corrupt HFile " + path + " at block offset " + offset + ": " + why);
  }
}
