package io.cellar.common.cell;

/**
 * The kind of a cell. Codes follow HBase so that "type descending" puts delete markers before
 * puts at the same timestamp. MAXIMUM and MINIMUM never appear in data: they build seek keys
 * that sort before (MAXIMUM) or after (MINIMUM) every real cell with the same coordinates.
 */
public enum CellType {
  MINIMUM((byte) 0),
  PUT((byte) 4),
  DELETE((byte) 8),
  DELETE_FAMILY_VERSION((byte) 10),
  DELETE_COLUMN((byte) 12),
  DELETE_FAMILY((byte) 14),
  MAXIMUM((byte) 255);

  private static final CellType[] BY_CODE = new CellType[256];

  static {
    for (CellType t : values()) {
      BY_CODE[t.code & 0xFF] = t;
    }
  }

  private final byte code;

  CellType(byte code) {
    this.code = code;
  }

  public byte code() {
    return code;
  }

  public boolean isDelete() {
    return this == DELETE || this == DELETE_COLUMN || this == DELETE_FAMILY
        || this == DELETE_FAMILY_VERSION;
  }

  /** Markers that apply to a whole family rather than one column. */
  public boolean isFamilyDelete() {
    return this == DELETE_FAMILY || this == DELETE_FAMILY_VERSION;
  }

  public static CellType fromCode(byte code) {
    CellType t = BY_CODE[code & 0xFF];
    if (t == null) {
      throw new IllegalArgumentException("unknown cell type code " + (code & 0xFF));
    }
    return t;
  }
}
