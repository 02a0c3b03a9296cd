package io.cellar.wal;

import java.nio.file.Path;

/**
 * Why reading a segment stopped before its end: the file, the offset of the first bad frame,
 * what was wrong, and whether a valid frame follows the bad one. Damage with nothing valid
 * after it is a <em>torn tail</em> (a crash mid-write) and is expected in the newest segment of
 * a crashed server; damage followed by valid data is corruption in the middle of the file.
 */
public record SegmentDamage(Path file, long offset, Kind kind, String detail,
    boolean validDataFollows) {

  /** What was wrong with the frame at {@link #offset}. */
  public enum Kind {
    /** The file ends inside a frame header or payload (or inside the file header). */
    TRUNCATED,
    /** A zero length field: the tail was pre-allocated or zero-filled, never written. */
    ZERO_FILLED,
    /** A length field that is negative or too large to be real. */
    BAD_LENGTH,
    /** The payload's CRC32C does not match the frame's. */
    CRC_MISMATCH,
    /** The CRC matched but the payload does not decode (a writer bug or version skew). */
    MALFORMED,
    /** The first 8 bytes are not a WAL segment header. */
    BAD_HEADER
  }

  /** True for a crash-shaped tail: nothing readable after the damage. */
  public boolean isTornTail() {
    return !validDataFollows && kind != Kind.MALFORMED && kind != Kind.BAD_HEADER;
  }

  @Override
  public String toString() {
    return (isTornTail() ? "torn tail" : "corruption") + " in " + file + " at offset " + offset
        + ": " + kind + " (" + detail + ")"
        + (validDataFollows ? "; valid entries follow the damaged one and were not read" : "");
  }
}
