package io.cellar.lsm.store;

import com.google.common.collect.ImmutableList;
import io.cellar.common.exceptions.CorruptFileException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The list of a store's live files: the single source of truth for what the store holds. A file
 * in the store directory but not in the manifest is a leftover of an interrupted flush or
 * compaction. Immutable; a change is a new manifest written with {@link #writeTo}, which replaces
 * the old one atomically (temp file, fsync, rename, fsync of the directory), so a crash leaves
 * either the old or the new list, never a mix.
 *
 * <p>Byte format (big-endian): magic {@code "CMAN"}, int version (1), long generation, int file
 * count, then per file a short name length and the UTF-8 name, and finally a CRC32C of all the
 * preceding bytes. Files are listed oldest first (by max sequence id), as the store orders them.
 */
public final class StoreManifest {
  public static final String FILE_NAME = "MANIFEST";
  static final String TEMP_NAME = "MANIFEST.tmp";
  private static final int MAGIC = 0x434D414E; // "CMAN"
  private static final int VERSION = 1;

  private final long generation;
  private final ImmutableList<String> fileNames;

  private StoreManifest(long generation, List<String> fileNames) {
    this.generation = generation;
    this.fileNames = ImmutableList.copyOf(fileNames);
  }

  /** The manifest of a store that holds no files yet. */
  public static StoreManifest empty() {
    return new StoreManifest(0, List.of());
  }

  /** Monotonic counter, one more at each rewrite; tells which manifest a log line refers to. */
  public long getGeneration() {
    return generation;
  }

  /** Live file names (not paths), oldest first. */
  public ImmutableList<String> getFileNames() {
    return fileNames;
  }

  /** A successor manifest listing {@code names} (oldest first). */
  public StoreManifest withFiles(List<String> names) {
    return new StoreManifest(generation + 1, names);
  }

  /**
   * Reads the manifest of {@code storeDir}; empty when the store has never written one. A left
   * behind temp manifest is an unfinished rewrite (the rename never happened) and is deleted.
   *
   * @throws CorruptFileException naming the file when it is truncated or fails its checksum
   */
  public static Optional<StoreManifest> read(Path storeDir) throws IOException {
    Files.deleteIfExists(storeDir.resolve(TEMP_NAME));
    Path file = storeDir.resolve(FILE_NAME);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(decode(file, Files.readAllBytes(file)));
  }

  /** Replaces the manifest of {@code storeDir} with this one, atomically and durably. */
  public void writeTo(Path storeDir) throws IOException {
    Path temp = storeDir.resolve(TEMP_NAME);
    ByteBuffer bytes = ByteBuffer.wrap(encode());
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
      while (bytes.hasRemaining()) {
        ch.write(bytes);
      }
      ch.force(true);
    }
    try {
      Files.move(temp, storeDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("Filesystem of " + storeDir + " cannot rename atomically", e);
    }
    StoreDirectory.fsyncDirectory(storeDir);
  }

  byte[] encode() {
    try {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(buf);
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeLong(generation);
      out.writeInt(fileNames.size());
      for (String name : fileNames) {
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
      }
      CRC32C crc = new CRC32C();
      crc.update(buf.toByteArray());
      out.writeInt((int) crc.getValue());
      out.flush();
      return buf.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory write failed", e);
    }
  }

  static StoreManifest decode(Path file, byte[] bytes) throws CorruptFileException {
    if (bytes.length < 24) {
      throw new CorruptFileException("Store manifest " + file + " is truncated: " + bytes.length
          + " bytes");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
      throw new CorruptFileException("Store manifest " + file + " fails its checksum");
    }
    if (in.getInt() != MAGIC) {
      throw new CorruptFileException("Store manifest " + file + " has a bad magic number");
    }
    int version = in.getInt();
    if (version != VERSION) {
      throw new CorruptFileException("Store manifest " + file + " has unknown version "
          + version);
    }
    long generation = in.getLong();
    int count = in.getInt();
    if (count < 0 || count > (bytes.length - 24) / 2) {
      throw new CorruptFileException("Store manifest " + file + " has a bad file count "
          + count);
    }
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int len = in.getShort() & 0xFFFF;
      if (len > in.remaining() - 4) {
        throw new CorruptFileException("Store manifest " + file + " is truncated in entry " + i);
      }
      byte[] b = new byte[len];
      in.get(b);
      names.add(new String(b, StandardCharsets.UTF_8));
    }
    if (in.remaining() != 4) {
      throw new CorruptFileException("Store manifest " + file + " has " + (in.remaining() - 4)
          + " trailing bytes");
    }
    return new StoreManifest(generation, names);
  }

  @Override
  public String toString() {
    return "StoreManifest{generation=" + generation + ", files=" + fileNames + "}";
  }
}
