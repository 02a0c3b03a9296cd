package io.cellar.wal;

import io.cellar.common.Bytes;
import io.cellar.common.exceptions.CorruptFileException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the entry frames of one segment (or recovered-edits) file in order, from a given
 * offset. {@link #next} returns null where the readable data ends; {@link #damage} then says
 * whether that was a clean end (null) or a damaged frame. Nothing is consumed at a stop: calling
 * {@link #next} again re-reads from the same offset, so a tailing reader can retry a live
 * segment whose last frame was still being written.
 *
 * <p>REQUIRES: a start offset that is a frame boundary (or 0, meaning "check the header").
 * Not thread-safe.
 */
public final class SegmentReader implements Closeable {
  private static final int WINDOW = 64 * 1024;

  private final Path file;
  private final FileChannel channel;
  private final byte[] window = new byte[WINDOW];
  private long windowStart;
  private int windowLength;
  private long position;
  private long lastEntryOffset = -1;
  private SegmentDamage damage;

  private SegmentReader(Path file, FileChannel channel, long position) {
    this.file = file;
    this.channel = channel;
    this.position = position;
  }

  /** Opens {@code file} at its first entry. */
  public static SegmentReader open(Path file) throws IOException {
    return open(file, 0);
  }

  /** Opens {@code file} at {@code offset}; an offset below the header checks the header first. */
  public static SegmentReader open(Path file, long offset) throws IOException {
    return new SegmentReader(file, FileChannel.open(file, StandardOpenOption.READ), offset);
  }

  public Path file() {
    return file;
  }

  /** Offset of the next frame to read: the position after the last entry returned. */
  public long position() {
    return position;
  }

  /** Offset of the frame of the last entry returned, or -1 before the first. */
  public long lastEntryOffset() {
    return lastEntryOffset;
  }

  /** Why the last {@link #next} returned null, or null if it hit a clean end of file. */
  public SegmentDamage damage() {
    return damage;
  }

  /** Current length of the file. */
  public long size() throws IOException {
    return channel.size();
  }

  /** The next entry, or null at the end of readable data (see {@link #damage}). */
  public WalEntry next() throws IOException {
    damage = null;
    if (position < SegmentFile.HEADER_SIZE && !checkHeader()) {
      return stop();
    }
    byte[] head = new byte[WalEntryCodec.FRAME_HEADER];
    int got = read(position, head, 0, head.length);
    if (got == 0) {
      return stop();
    }
    if (got < head.length) {
      damage = damageAt(SegmentDamage.Kind.TRUNCATED,
          "file ends " + got + " bytes into a frame header", false);
      return stop();
    }
    int length = Bytes.getInt(head, 0);
    if (length == 0) {
      damage = damageAt(SegmentDamage.Kind.ZERO_FILLED, "zero frame length",
          !restIsZero(position));
      return stop();
    }
    if (length < 0 || length > WalEntryCodec.MAX_PAYLOAD) {
      damage = damageAt(SegmentDamage.Kind.BAD_LENGTH, "frame length " + length, false);
      return stop();
    }
    long payloadStart = position + WalEntryCodec.FRAME_HEADER;
    long available = channel.size() - payloadStart;
    if (available < length) { // checked before allocating: a garbage length may be huge
      damage = damageAt(SegmentDamage.Kind.TRUNCATED,
          "file ends " + available + " bytes into a " + length + "-byte payload", false);
      return stop();
    }
    byte[] payload = new byte[length];
    got = read(payloadStart, payload, 0, length);
    if (got < length) {
      damage = damageAt(SegmentDamage.Kind.TRUNCATED,
          "file ends " + got + " bytes into a " + length + "-byte payload", false);
      return stop();
    }
    long next = payloadStart + length;
    int crc = Bytes.getInt(head, 4);
    if (WalEntryCodec.crc(payload, 0, length) != crc) {
      damage = damageAt(SegmentDamage.Kind.CRC_MISMATCH,
          "CRC32C mismatch on a " + length + "-byte payload", validFrameAt(next));
      return stop();
    }
    WalEntry entry;
    try {
      entry = WalEntryCodec.decodePayload(payload, 0, length);
    } catch (CorruptFileException e) {
      damage = damageAt(SegmentDamage.Kind.MALFORMED, e.getMessage(), validFrameAt(next));
      return stop();
    }
    lastEntryOffset = position;
    position = next;
    return entry;
  }

  private boolean checkHeader() throws IOException {
    byte[] h = new byte[SegmentFile.HEADER_SIZE];
    int got = read(0, h, 0, h.length);
    if (got < h.length) {
      position = 0;
      damage = got == 0 && channel.size() == 0 ? null
          : damageAt(SegmentDamage.Kind.TRUNCATED, "file ends inside the segment header", false);
      return false;
    }
    if (!SegmentFile.isValidHeader(h)) {
      position = 0;
      boolean zeros = restIsZero(0);
      damage = damageAt(zeros ? SegmentDamage.Kind.ZERO_FILLED : SegmentDamage.Kind.BAD_HEADER,
          "not a WAL segment header", false);
      return false;
    }
    position = SegmentFile.HEADER_SIZE;
    return true;
  }

  private WalEntry stop() {
    windowLength = 0; // a retry must see the file as it is then, not this stale window
    return null;
  }

  private SegmentDamage damageAt(SegmentDamage.Kind kind, String detail, boolean follows) {
    return new SegmentDamage(file, position, kind, detail, follows);
  }

  /** True if a frame with a matching CRC starts at {@code offset}. */
  private boolean validFrameAt(long offset) throws IOException {
    byte[] head = new byte[WalEntryCodec.FRAME_HEADER];
    if (read(offset, head, 0, head.length) < head.length) {
      return false;
    }
    int length = Bytes.getInt(head, 0);
    if (length <= 0 || length > WalEntryCodec.MAX_PAYLOAD
        || offset + head.length + length > channel.size()) {
      return false;
    }
    byte[] payload = new byte[length];
    return read(offset + head.length, payload, 0, length) == length
        && WalEntryCodec.crc(payload, 0, length) == Bytes.getInt(head, 4);
  }

  private boolean restIsZero(long from) throws IOException {
    byte[] buf = new byte[WINDOW];
    long p = from;
    int n;
    while ((n = read(p, buf, 0, buf.length)) > 0) {
      for (int i = 0; i < n; i++) {
        if (buf[i] != 0) {
          return false;
        }
      }
      p += n;
    }
    return true;
  }

  /** Reads up to {@code len} bytes at {@code pos}; fewer only at the end of the file. */
  private int read(long pos, byte[] dst, int off, int len) throws IOException {
    int done = 0;
    while (done < len) {
      long p = pos + done;
      if (p >= windowStart && p < windowStart + windowLength) {
        int n = (int) Math.min(len - done, windowStart + windowLength - p);
        System.arraycopy(window, (int) (p - windowStart), dst, off + done, n);
        done += n;
      } else if (len - done >= WINDOW) {
        int n = channel.read(ByteBuffer.wrap(dst, off + done, len - done), p);
        if (n <= 0) {
          break;
        }
        done += n;
      } else {
        int n = channel.read(ByteBuffer.wrap(window), p);
        if (n <= 0) {
          windowLength = 0;
          break;
        }
        windowStart = p;
        windowLength = n;
      }
    }
    return done;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
