package io.cellar.master.procedure;

import com.google.protobuf.InvalidProtocolBufferException;
import io.cellar.common.proto.RegionInfoProto;
import io.cellar.common.proto.TableDescriptorProto;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.SchemaProtos;
import io.cellar.common.schema.TableDescriptor;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What ZooKeeper keeps of one in-flight procedure ({@code procedures/<id>}): its type, the
 * table it works on (may be empty), the next step to run and typed attributes. Stored as
 * properties text so an operator can read it. Binary values are Base64. Not thread-safe: one
 * procedure runs at a time.
 */
public final class ProcedureRecord {
  static final String TYPE = "type";
  static final String TABLE = "table";
  static final String STEP = "step";

  private String id;
  private final String type;
  private final String table;
  private int step;
  private final Map<String, String> attrs = new TreeMap<>();

  public ProcedureRecord(String type, String table) {
    this.type = type;
    this.table = table == null ? "" : table;
    this.step = 1;
  }

  public String id() {
    return id;
  }

  void setId(String id) {
    this.id = id;
  }

  public String type() {
    return type;
  }

  public String table() {
    return table;
  }

  public int step() {
    return step;
  }

  public void setStep(int step) {
    this.step = step;
  }

  public ProcedureRecord put(String key, String value) {
    if (key.equals(TYPE) || key.equals(TABLE) || key.equals(STEP)) {
      throw new IllegalArgumentException("reserved key " + key);
    }
    attrs.put(key, value);
    return this;
  }

  public String get(String key) {
    return attrs.get(key);
  }

  public boolean has(String key) {
    return attrs.containsKey(key);
  }

  public ProcedureRecord putBytes(String key, byte[] value) {
    return put(key, Base64.getEncoder().encodeToString(value));
  }

  public byte[] getBytes(String key) {
    String v = attrs.get(key);
    return v == null ? null : Base64.getDecoder().decode(v);
  }

  /** A list of byte strings, each Base64, comma-separated (empty list: empty string). */
  public ProcedureRecord putBytesList(String key, List<byte[]> values) {
    StringBuilder sb = new StringBuilder();
    for (byte[] v : values) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(Base64.getEncoder().encodeToString(v));
    }
    return put(key, sb.toString());
  }

  public List<byte[]> getBytesList(String key) {
    List<byte[]> out = new ArrayList<>();
    String v = attrs.get(key);
    if (v == null || v.isEmpty()) {
      return out;
    }
    for (String part : v.split(",")) {
      out.add(Base64.getDecoder().decode(part));
    }
    return out;
  }

  public ProcedureRecord putDescriptor(String key, TableDescriptor td) {
    return putBytes(key, SchemaProtos.toProto(td).toByteArray());
  }

  public TableDescriptor getDescriptor(String key) throws IOException {
    try {
      return SchemaProtos.fromProto(TableDescriptorProto.parseFrom(getBytes(key)));
    } catch (InvalidProtocolBufferException e) {
      throw new IOException("corrupt descriptor in procedure " + id, e);
    }
  }

  public ProcedureRecord putRegion(String key, RegionInfo region) {
    return putBytes(key, SchemaProtos.toProto(region).toByteArray());
  }

  public RegionInfo getRegion(String key) throws IOException {
    byte[] b = getBytes(key);
    if (b == null) {
      return null;
    }
    try {
      return SchemaProtos.fromProto(RegionInfoProto.parseFrom(b));
    } catch (InvalidProtocolBufferException e) {
      throw new IOException("corrupt region in procedure " + id, e);
    }
  }

  public byte[] serialize() {
    Properties p = new Properties();
    p.putAll(attrs);
    p.setProperty(TYPE, type);
    p.setProperty(TABLE, table);
    p.setProperty(STEP, Integer.toString(step));
    StringWriter w = new StringWriter();
    try {
      p.store(w, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString().getBytes(StandardCharsets.UTF_8);
  }

  public static ProcedureRecord parse(String id, byte[] data) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(new String(data, StandardCharsets.UTF_8)));
    String type = p.getProperty(TYPE);
    String step = p.getProperty(STEP);
    if (type == null || step == null) {
      throw new IOException("procedure " + id + " has no type or step");
    }
    ProcedureRecord r = new ProcedureRecord(type, p.getProperty(TABLE, ""));
    r.setId(id);
    try {
      r.setStep(Integer.parseInt(step));
    } catch (NumberFormatException e) {
      throw new IOException("procedure " + id + " has a bad step '" + step + "'");
    }
    for (String k : p.stringPropertyNames()) {
      if (!k.equals(TYPE) && !k.equals(TABLE) && !k.equals(STEP)) {
        r.attrs.put(k, p.getProperty(k));
      }
    }
    return r;
  }

  @Override
  public String toString() {
    return type + "(" + (id == null ? "new" : id) + (table.isEmpty() ? "" : ", " + table)
        + ", step " + step + ")";
  }
}
