package io.cellar.lsm.hfile;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.CorruptFileException;
import io.cellar.common.schema.BloomType;
import io.cellar.common.schema.Compression;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a store file says about itself: key range, sequence ids, time range, counts and flags.
 * Immutable. On disk it is a FILE_INFO block holding a name→bytes map (int count, then per entry
 * short nameLength, UTF-8 name, int valueLength, value), so fields can be added; readers ignore
 * names they do not know.
 */
public final class HFileInfo {
  static final String FIRST_KEY = "FIRST_KEY";
  static final String LAST_KEY = "LAST_KEY";
  static final String MAX_SEQ_ID = "MAX_SEQ_ID";
  static final String MIN_TS = "MIN_TS";
  static final String MAX_TS = "MAX_TS";
  static final String MAX_DELETE_TS = "MAX_DELETE_TS";
  static final String CELL_COUNT = "CELL_COUNT";
  static final String DELETE_COUNT = "DELETE_COUNT";
  static final String FAMILY_DELETE_COUNT = "FAMILY_DELETE_COUNT";
  static final String MAJOR_COMPACTED = "MAJOR_COMPACTED";
  static final String BULK_LOADED = "BULK_LOADED";
  static final String BLOOM_TYPE = "BLOOM_TYPE";
  static final String COMPRESSION = "COMPRESSION";
  static final String BLOCK_SIZE = "BLOCK_SIZE";
  static final String CREATED_MS = "CREATED_MS";

  private final Cell firstKey;
  private final Cell lastKey;
  private final long maxSequenceId;
  private final long minTimestamp;
  private final long maxTimestamp;
  private final long maxDeleteTimestamp;
  private final long cellCount;
  private final long deleteCount;
  private final long familyDeleteCount;
  private final boolean majorCompacted;
  private final boolean bulkLoaded;
  private final BloomType bloomType;
  private final Compression compression;
  private final int blockSize;
  private final long createdMillis;
  private final long fileLength;
  private final int indexLevels;
  private final long dataBlockCount;

  private HFileInfo(Map<String, byte[]> m, long fileLength, int indexLevels, long dataBlocks) {
    this.firstKey = keyOf(m.get(FIRST_KEY));
    this.lastKey = keyOf(m.get(LAST_KEY));
    this.maxSequenceId = longOf(m, MAX_SEQ_ID, 0);
    this.minTimestamp = longOf(m, MIN_TS, Long.MAX_VALUE);
    this.maxTimestamp = longOf(m, MAX_TS, Long.MIN_VALUE);
    this.maxDeleteTimestamp = longOf(m, MAX_DELETE_TS, Long.MIN_VALUE);
    this.cellCount = longOf(m, CELL_COUNT, 0);
    this.deleteCount = longOf(m, DELETE_COUNT, 0);
    this.familyDeleteCount = longOf(m, FAMILY_DELETE_COUNT, 0);
    this.majorCompacted = longOf(m, MAJOR_COMPACTED, 0) != 0;
    this.bulkLoaded = longOf(m, BULK_LOADED, 0) != 0;
    this.bloomType = BloomType.values()[(int) longOf(m, BLOOM_TYPE, 0)];
    this.compression = Compression.values()[(int) longOf(m, COMPRESSION, 0)];
    this.blockSize = (int) longOf(m, BLOCK_SIZE, 0);
    this.createdMillis = longOf(m, CREATED_MS, 0);
    this.fileLength = fileLength;
    this.indexLevels = indexLevels;
    this.dataBlockCount = dataBlocks;
  }

  private static long longOf(Map<String, byte[]> m, String name, long dflt) {
    byte[] v = m.get(name);
    return v == null ? dflt : Bytes.getLong(v, 0);
  }

  /** A key entry is KeyValue bytes (empty value) then an 8-byte sequence id. */
  private static Cell keyOf(byte[] v) {
    if (v == null) {
      return null;
    }
    return new KeyValue(v, 0, v.length - 8, Bytes.getLong(v, v.length - 8));
  }

  static byte[] keyEntry(Cell c) {
    KeyValue kv = KeyValue.create(Cells.cloneRow(c), Cells.cloneFamily(c),
        Cells.cloneQualifier(c), c.getTimestamp(), c.getType(), Bytes.EMPTY);
    byte[] out = new byte[kv.getLength() + 8];
    System.arraycopy(kv.getBuffer(), kv.getOffset(), out, 0, kv.getLength());
    Bytes.putLong(out, kv.getLength(), c.getSequenceId());
    return out;
  }

  static byte[] encode(Map<String, byte[]> fields) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bos);
    out.writeInt(fields.size());
    for (Map.Entry<String, byte[]> e : fields.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      out.writeShort(name.length);
      out.write(name);
      out.writeInt(e.getValue().length);
      out.write(e.getValue());
    }
    out.flush();
    return bos.toByteArray();
  }

  static HFileInfo decode(Path path, byte[] p, long fileLength, int indexLevels, long dataBlocks)
      throws CorruptFileException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try {
      int n = Bytes.getInt(p, 0);
      int pos = 4;
      for (int i = 0; i < n; i++) {
        int nameLen = Bytes.getShort(p, pos) & 0xFFFF;
        String name = new String(p, pos + 2, nameLen, StandardCharsets.UTF_8);
        pos += 2 + nameLen;
        int valLen = Bytes.getInt(p, pos);
        m.put(name, Bytes.copy(p, pos + 4, valLen));
        pos += 4 + valLen;
      }
      return new HFileInfo(m, fileLength, indexLevels, dataBlocks);
    } catch (RuntimeException e) {
      throw new CorruptFileException("Corrupt HFile " + path + ": unreadable file info", e);
    }
  }

  /** First cell key (value empty) with its sequence id; null for a file with no cells. */
  public Cell getFirstKey() {
    return firstKey;
  }

  /** Last cell key (value empty) with its sequence id; null for a file with no cells. */
  public Cell getLastKey() {
    return lastKey;
  }

  public long getMaxSequenceId() {
    return maxSequenceId;
  }

  /** Smallest cell timestamp (Long.MAX_VALUE when empty). */
  public long getMinTimestamp() {
    return minTimestamp;
  }

  /** Largest cell timestamp (Long.MIN_VALUE when empty). */
  public long getMaxTimestamp() {
    return maxTimestamp;
  }

  /** Largest timestamp of any delete marker (Long.MIN_VALUE when there is none). */
  public long getMaxDeleteTimestamp() {
    return maxDeleteTimestamp;
  }

  public long getCellCount() {
    return cellCount;
  }

  /** Delete markers of any kind. */
  public long getDeleteCount() {
    return deleteCount;
  }

  /** DeleteFamily and DeleteFamilyVersion markers. */
  public long getFamilyDeleteCount() {
    return familyDeleteCount;
  }

  public boolean isMajorCompacted() {
    return majorCompacted;
  }

  public boolean isBulkLoaded() {
    return bulkLoaded;
  }

  public BloomType getBloomType() {
    return bloomType;
  }

  public Compression getCompression() {
    return compression;
  }

  public int getBlockSize() {
    return blockSize;
  }

  public long getCreatedMillis() {
    return createdMillis;
  }

  public long getFileLength() {
    return fileLength;
  }

  /** 1 when the root index points straight at data blocks. */
  public int getIndexLevels() {
    return indexLevels;
  }

  public long getDataBlockCount() {
    return dataBlockCount;
  }

  @Override
  public String toString() {
    return "HFileInfo{cells=" + cellCount + ", maxSeqId=" + maxSequenceId + ", ts=["
        + minTimestamp + "," + maxTimestamp + "], first=" + firstKey + ", last=" + lastKey
        + ", major=" + majorCompacted + ", bulk=" + bulkLoaded + ", bloom=" + bloomType
        + ", length=" + fileLength + ", indexLevels=" + indexLevels + "}";
  }
}
