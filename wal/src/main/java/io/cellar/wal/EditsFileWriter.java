package io.cellar.wal;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one file in the segment layout, start to finish, for the splitter: header, then
 * frames, then {@link #finish} flushes and fsyncs. Not the live WAL path (that is
 * {@link WalWriter}). REQUIRES: single thread. Truncates an existing file of the same name.
 */
final class EditsFileWriter implements Closeable {
  private final Path file;
  private final FileChannel channel;
  private final OutputStream out;
  private long entries;
  private long maxSeqId = -1;

  EditsFileWriter(Path file) throws IOException {
    this.file = file;
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    out.write(SegmentFile.header());
  }

  void append(WalEntry e) throws IOException {
    out.write(WalEntryCodec.encode(e));
    entries++;
    maxSeqId = Math.max(maxSeqId, e.getSequenceId());
  }

  Path file() {
    return file;
  }

  long entries() {
    return entries;
  }

  long maxSeqId() {
    return maxSeqId;
  }

  /** Flushes, fsyncs and closes. */
  void finish() throws IOException {
    out.flush();
    channel.force(false);
    close();
  }

  @Override
  public void close() throws IOException {
    if (channel.isOpen()) {
      out.close();
    }
  }
}
