package io.cellar.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The open segment file the WAL appends to, written through a memory mapping: an append is a
 * copy into the page cache, with no system call, and is then as safe as a {@code write} would
 * make it (it survives the process dying; {@link #force} makes it survive the machine).
 *
 * <p>The file is mapped one window ({@link #WINDOW} bytes, more for a bigger frame) at a time.
 * Before a window is mapped, its part of the file is filled with real zeros by {@code write}, so
 * the file system allocates the blocks there and then: a full disk fails that call with an
 * IOException instead of failing a later store into the mapping. The zeros past the last frame
 * read as a clean end ({@link SegmentDamage.Kind#ZERO_FILLED}) if the process dies; a clean
 * {@link #close} truncates them away.
 *
 * <p>A {@code FileChannel} closes itself when the thread using it is interrupted; whichever
 * caller extends or forces the file must not fail the whole WAL that way, so the interrupt flag
 * is cleared around each channel call, the channel reopened and the call redone if one still
 * lands, and the flag restored afterwards. Copies into the mapping are not interruptible.
 *
 * <p>REQUIRES: {@link #append} and {@link #seal} from one thread at a time (the WAL's lock);
 * {@link #force} and {@link #close} may run concurrently with them and each other.
 */
final class SegmentAppender implements Closeable {
  /** Bytes mapped (and zero-filled) at a time: bounds the zero tail a crash leaves behind. */
  static final int WINDOW = 4 << 20;
  /** Each retry needs a fresh interrupt to fail again; the cap only stops a pathological storm. */
  private static final int MAX_ATTEMPTS = 10_000;
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20).asReadOnlyBuffer();

  private final long id;
  private final Path file;
  private final Object channelLock = new Object(); // force vs close vs channel reopen
  private FileChannel channel; // guarded by channelLock
  private boolean closed; // guarded by channelLock
  private boolean sealed; // guarded by channelLock
  private Exception closeFailure; // guarded by channelLock
  private MappedByteBuffer window;
  private long windowStart;
  private long allocated; // file length: everything below it is zero-filled or written
  private volatile long size;

  private interface ChannelCall {
    void run() throws IOException;
  }

  private SegmentAppender(long id, Path file, FileChannel channel) {
    this.id = id;
    this.file = file;
    this.channel = channel;
  }

  /** Creates {@code file} (it must not exist) and writes the segment header. */
  static SegmentAppender create(long id, Path file) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    SegmentAppender a = new SegmentAppender(id, file, ch);
    try {
      byte[] header = SegmentFile.header();
      a.append(header, header.length);
    } catch (IOException | RuntimeException e) {
      try {
        a.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    return a;
  }

  long id() {
    return id;
  }

  Path file() {
    return file;
  }

  /** Bytes written so far, header included. Readable from any thread. */
  long size() {
    return size;
  }

  /** Copies {@code len} bytes of {@code buf} to the end of the segment. */
  void append(byte[] buf, int len) throws IOException {
    long start = size;
    if (window == null || start + len > windowStart + window.capacity()) {
      mapWindowAt(start, Math.max(WINDOW, len));
    }
    window.put((int) (start - windowStart), buf, 0, len);
    size = start + len;
  }

  /**
   * Writes every appended byte to the disk. Once closed, returns at once if the close's fsync
   * succeeded (it covered everything) and throws its error if not.
   */
  void force() throws IOException {
    synchronized (channelLock) {
      if (closeFailure != null) {
        throw new IOException("WAL segment " + file + " failed to close", closeFailure);
      }
      if (!closed) {
        uninterruptibly(() -> channel.force(false));
      }
    }
  }

  /**
   * Unmaps and cuts the unused zeros off the end, so the file holds exactly the appended
   * frames; later appends fail. Cheap (no fsync): the WAL seals a full segment under its lock
   * before creating the next one, and closes it (the fsync) outside. Idempotent.
   */
  void seal() throws IOException {
    synchronized (channelLock) {
      if (sealed) {
        return;
      }
      sealed = true;
      unmap();
      if (!closed) {
        uninterruptibly(() -> channel.truncate(size));
      }
    }
  }

  /** Seals, forces and closes. Idempotent. */
  @Override
  public void close() throws IOException {
    synchronized (channelLock) {
      if (closed) {
        return;
      }
      try {
        seal();
        uninterruptibly(() -> channel.force(true));
      } catch (IOException | RuntimeException e) {
        closeFailure = e;
        throw e;
      } finally {
        closed = true;
        channel.close();
      }
    }
  }

  // Maps [start, start + length) after making sure the file holds real zeros up to its end.
  private void mapWindowAt(long start, int length) throws IOException {
    long end = start + length;
    synchronized (channelLock) {
      if (sealed || closed) {
        throw new IOException("WAL segment " + file + " is sealed");
      }
      unmap();
      uninterruptibly(() -> {
        long p = allocated;
        while (p < end) {
          ByteBuffer z = ZEROS.duplicate();
          z.limit((int) Math.min(z.capacity(), end - p));
          p += channel.write(z, p);
          allocated = Math.max(allocated, p);
        }
        window = channel.map(FileChannel.MapMode.READ_WRITE, start, length);
      });
      windowStart = start;
    }
  }

  private void unmap() {
    if (window != null) {
      MappedBuffers.unmap(window);
      window = null;
    }
  }

  // REQUIRES: channelLock held.
  private void uninterruptibly(ChannelCall call) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          call.run();
          return;
        } catch (ClosedByInterruptException e) {
          interrupted |= Thread.interrupted();
          if (attempt >= MAX_ATTEMPTS) {
            throw e;
          }
          channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
