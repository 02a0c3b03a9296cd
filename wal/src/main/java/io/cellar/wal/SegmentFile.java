package io.cellar.wal;

import io.cellar.common.Bytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Names and header of WAL segment files. A segment is {@code <prefix>.<19-digit segment id>}
 * (the prefix is the server name, so segments of many servers can share the archive and names
 * sort by creation); it starts with an 8-byte header, {@code "CWAL"} + int format version 1,
 * followed by entry frames ({@link WalEntryCodec}). Recovered-edits files use the same layout.
 */
public final class SegmentFile {
  public static final int HEADER_SIZE = 8;
  static final byte[] MAGIC = {'C', 'W', 'A', 'L'};
  static final int FORMAT_VERSION = 1;

  private SegmentFile() {}

  /** The 8 header bytes. */
  public static byte[] header() {
    byte[] h = new byte[HEADER_SIZE];
    System.arraycopy(MAGIC, 0, h, 0, 4);
    Bytes.putInt(h, 4, FORMAT_VERSION);
    return h;
  }

  /** True if {@code h} (at least HEADER_SIZE bytes) is a valid header. */
  static boolean isValidHeader(byte[] h) {
    return h.length >= HEADER_SIZE && h[0] == MAGIC[0] && h[1] == MAGIC[1] && h[2] == MAGIC[2]
        && h[3] == MAGIC[3] && Bytes.getInt(h, 4) == FORMAT_VERSION;
  }

  public static String name(String prefix, long segmentId) {
    return prefix + "." + String.format("%019d", segmentId);
  }

  /** The segment id in a file name, or empty if the name is not a segment name. */
  public static OptionalLong idOf(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    if (dot <= 0 || n.length() - dot - 1 != 19) {
      return OptionalLong.empty();
    }
    for (int i = dot + 1; i < n.length(); i++) {
      if (!Character.isDigit(n.charAt(i))) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(Long.parseLong(n.substring(dot + 1)));
  }

  /** The prefix (server name) in a segment file name. */
  public static String prefixOf(Path file) {
    String n = file.getFileName().toString();
    return n.substring(0, n.lastIndexOf('.'));
  }

  /** Segment files in {@code dir} (optionally only those with {@code prefix}), oldest first. */
  public static List<Path> list(Path dir, String prefix) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        if (idOf(p).isPresent() && (prefix == null || prefixOf(p).equals(prefix))
            && Files.isRegularFile(p)) {
          out.add(p);
        }
      }
    } catch (NoSuchFileException e) {
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list WAL directory " + dir, e);
    }
    out.sort(Comparator.comparingLong((Path p) -> idOf(p).getAsLong())
        .thenComparing(p -> p.getFileName().toString()));
    return out;
  }

  /** All segment files in {@code dir}, oldest first. */
  public static List<Path> list(Path dir) {
    return list(dir, null);
  }
}
