package io.cellar.common.cell;

import io.cellar.common.Bytes;
import java.util.Arrays;

/** Static helpers over {@link Cell}: copies of its parts and comparisons of one part. */
public final class Cells {
  private Cells() {}

  public static byte[] cloneRow(Cell c) {
    return Bytes.copy(c.getRowArray(), c.getRowOffset(), c.getRowLength());
  }

  public static byte[] cloneFamily(Cell c) {
    return Bytes.copy(c.getFamilyArray(), c.getFamilyOffset(), c.getFamilyLength());
  }

  public static byte[] cloneQualifier(Cell c) {
    return Bytes.copy(c.getQualifierArray(), c.getQualifierOffset(), c.getQualifierLength());
  }

  public static byte[] cloneValue(Cell c) {
    return Bytes.copy(c.getValueArray(), c.getValueOffset(), c.getValueLength());
  }

  public static boolean matchingRow(Cell a, Cell b) {
    return Bytes.equals(a.getRowArray(), a.getRowOffset(), a.getRowLength(),
        b.getRowArray(), b.getRowOffset(), b.getRowLength());
  }

  public static boolean matchingRow(Cell a, byte[] row) {
    return Bytes.equals(a.getRowArray(), a.getRowOffset(), a.getRowLength(), row, 0, row.length);
  }

  public static boolean matchingFamily(Cell a, byte[] family) {
    return Bytes.equals(a.getFamilyArray(), a.getFamilyOffset(), a.getFamilyLength(),
        family, 0, family.length);
  }

  public static boolean matchingFamily(Cell a, Cell b) {
    return Bytes.equals(a.getFamilyArray(), a.getFamilyOffset(), a.getFamilyLength(),
        b.getFamilyArray(), b.getFamilyOffset(), b.getFamilyLength());
  }

  public static boolean matchingQualifier(Cell a, byte[] qualifier) {
    return Bytes.equals(a.getQualifierArray(), a.getQualifierOffset(), a.getQualifierLength(),
        qualifier, 0, qualifier.length);
  }

  public static boolean matchingQualifier(Cell a, Cell b) {
    return Bytes.equals(a.getQualifierArray(), a.getQualifierOffset(), a.getQualifierLength(),
        b.getQualifierArray(), b.getQualifierOffset(), b.getQualifierLength());
  }

  /** Same family and qualifier. */
  public static boolean matchingColumn(Cell a, Cell b) {
    return matchingFamily(a, b) && matchingQualifier(a, b);
  }

  public static boolean matchingValue(Cell a, Cell b) {
    return Arrays.equals(
        a.getValueArray(), a.getValueOffset(), a.getValueOffset() + a.getValueLength(),
        b.getValueArray(), b.getValueOffset(), b.getValueOffset() + b.getValueLength());
  }

  public static boolean isDelete(Cell c) {
    return c.getType().isDelete();
  }

  /** {@code row/family:qualifier/timestamp/Type/seqid=N/vlen=N}, for logs and test failures. */
  public static String toString(Cell c) {
    return Bytes.toStringBinary(c.getRowArray(), c.getRowOffset(), c.getRowLength())
        + "/" + Bytes.toStringBinary(c.getFamilyArray(), c.getFamilyOffset(), c.getFamilyLength())
        + ":" + Bytes.toStringBinary(
            c.getQualifierArray(), c.getQualifierOffset(), c.getQualifierLength())
        + "/" + c.getTimestamp() + "/" + c.getType() + "/seqid=" + c.getSequenceId()
        + "/vlen=" + c.getValueLength();
  }
}
