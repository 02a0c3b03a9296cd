package io.cellar.wal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The open segment file the WAL appends to. Writes are positional at the known end, so a write
 * can be redone byte for byte. A {@code FileChannel} closes itself when the thread using it is
 * interrupted; since the sync leader is whichever caller got there first, an interrupt meant for
 * that caller must not fail the whole WAL: the interrupt flag is cleared around each I/O, and
 * if an interrupt still lands mid-call the channel is reopened and the call redone, and the
 * flag restored afterwards.
 *
 * <p>REQUIRES: one thread at a time (the current sync leader).
 */
final class SegmentAppender implements Closeable {
  /** Each retry needs a fresh interrupt to fail again; the cap only stops a pathological storm. */
  private static final int MAX_ATTEMPTS = 10_000;

  private final long id;
  private final Path file;
  private FileChannel channel;
  private long size;

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
        StandardOpenOption.WRITE);
    SegmentAppender a = new SegmentAppender(id, file, ch);
    byte[] header = SegmentFile.header();
    a.append(header, header.length);
    return a;
  }

  long id() {
    return id;
  }

  Path file() {
    return file;
  }

  /** Bytes written so far, header included. */
  long size() {
    return size;
  }

  /** Writes {@code len} bytes of {@code buf} at the end of the file. */
  void append(byte[] buf, int len) throws IOException {
    long start = size;
    uninterruptibly(() -> {
      ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
      while (bb.hasRemaining()) {
        channel.write(bb, start + bb.position());
      }
    });
    size = start + len;
  }

  /** {@code force(false)}: the data reaches the disk. */
  void force() throws IOException {
    uninterruptibly(() -> channel.force(false));
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

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
          channel = FileChannel.open(file, StandardOpenOption.WRITE);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
