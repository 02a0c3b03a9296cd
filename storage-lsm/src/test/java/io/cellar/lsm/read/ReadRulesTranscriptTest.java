package io.cellar.lsm.read;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.cell.TimeRange;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.lsm.memstore.MemStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the read-rule transcripts in {@code read-rules.txt}: each case is a command, its input
 * lines, {@code ----}, and the expected output up to a blank line. Commands:
 * <ul>
 *   <li>{@code define [versions=N] [minversions=N] [ttl=SECONDS] [keepdeleted] [now=MS]} with
 *       lines {@code file} / {@code memstore} (start a source; later sources are newer) and
 *       cells {@code row/qualifier/ts/type[=value][@seq]}; prints {@code ok}.
 *   <li>{@code scan [start=] [stop=] [reversed] [cols=a,b] [tr=min,max] [versions=N]
 *       [filter=name:arg] [readpoint=N] [seekrow=ROW] [batch=N]}: prints one line per row (per
 *       batch of at most N cells of a row).
 *   <li>{@code compact major|minor [readpoint=N]}: prints the cells the compaction keeps, one line per row.
 * </ul>
 * Cells print as {@code qualifier/ts=value} (puts) or {@code qualifier/ts/Type} (markers).
 */
class ReadRulesTranscriptTest {
  private static final byte[] FAMILY = Bytes.toBytes("f");

  private FamilySettings family;
  private List<Object> sources; // List<Cell> for a file, MemStore for a memstore

  @TestFactory
  List<DynamicTest> transcripts() throws IOException {
    List<String> lines;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("read-rules.txt"), StandardCharsets.UTF_8))) {
      lines = r.lines().collect(Collectors.toList());
    }
    List<DynamicTest> tests = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        i++;
        continue;
      }
      int lineNo = i + 1;
      String command = line;
      List<String> input = new ArrayList<>();
      i++;
      while (!lines.get(i).trim().equals("----")) {
        input.add(lines.get(i).trim());
        i++;
      }
      i++;
      List<String> expected = new ArrayList<>();
      while (i < lines.size() && !lines.get(i).trim().isEmpty()) {
        expected.add(lines.get(i).trim());
        i++;
      }
      // run now, in file order, since cases depend on the preceding define
      String actual = String.join("\n", run(command, input));
      String want = String.join("\n", expected);
      tests.add(DynamicTest.dynamicTest("line " + lineNo + ": " + command,
          () -> assertEquals(want, actual, "read-rules.txt line " + lineNo + ": " + command)));
    }
    return tests;
  }

  private List<String> run(String command, List<String> input) throws IOException {
    String[] words = command.split("\\s+");
    switch (words[0]) {
      case "define":
        define(words, input);
        return List.of("ok");
      case "scan":
        return scan(words);
      case "compact":
        return compact(words[1].equals("major"), words.length > 2
            ? Long.parseLong(words[2].substring("readpoint=".length())) : Long.MAX_VALUE);
      default:
        throw new IllegalArgumentException("unknown command " + command);
    }
  }

  private void define(String[] words, List<String> input) {
    int versions = 3;
    int minVersions = 0;
    int ttl = ColumnFamilyDescriptor.FOREVER;
    boolean keep = false;
    long now = 1_000_000L;
    for (String w : Arrays.copyOfRange(words, 1, words.length)) {
      String v = w.contains("=") ? w.substring(w.indexOf('=') + 1) : "";
      if (w.startsWith("versions=")) {
        versions = Integer.parseInt(v);
      } else if (w.startsWith("minversions=")) {
        minVersions = Integer.parseInt(v);
      } else if (w.startsWith("ttl=")) {
        ttl = Integer.parseInt(v);
      } else if (w.equals("keepdeleted")) {
        keep = true;
      } else if (w.startsWith("now=")) {
        now = Long.parseLong(v);
      } else {
        throw new IllegalArgumentException("define: " + w);
      }
    }
    long clock = now;
    family = new FamilySettings(versions, minVersions, ttl, keep, () -> clock);
    sources = new ArrayList<>();
    long seq = 1;
    for (String line : input) {
      if (line.equals("file")) {
        sources.add(new ArrayList<Cell>());
        continue;
      }
      if (line.equals("memstore")) {
        sources.add(new MemStore(64 * 1024, 4)); // tiny segments: exercises flattening
        continue;
      }
      KeyValue kv = parseCell(line);
      long s = line.contains("@") ? Long.parseLong(line.substring(line.indexOf('@') + 1))
          : seq;
      seq = Math.max(seq, s) + 1;
      Object src = sources.get(sources.size() - 1);
      if (src instanceof MemStore) {
        ((MemStore) src).add(kv, s);
      } else {
        kv.setSequenceId(s);
        @SuppressWarnings("unchecked")
        List<Cell> file = (List<Cell>) src;
        file.add(kv);
      }
    }
  }

  private static KeyValue parseCell(String line) {
    String body = line.contains("@") ? line.substring(0, line.indexOf('@')) : line;
    String value = "";
    if (body.contains("=")) {
      value = body.substring(body.indexOf('=') + 1);
      body = body.substring(0, body.indexOf('='));
    }
    String[] p = body.split("/", -1);
    CellType type;
    switch (p[3]) {
      case "put": type = CellType.PUT; break;
      case "delete": type = CellType.DELETE; break;
      case "deletecolumn": type = CellType.DELETE_COLUMN; break;
      case "deletefamily": type = CellType.DELETE_FAMILY; break;
      case "deletefamilyversion": type = CellType.DELETE_FAMILY_VERSION; break;
      default: throw new IllegalArgumentException("cell type " + p[3]);
    }
    return KeyValue.create(Bytes.toBytes(p[0]), FAMILY, Bytes.toBytes(p[1]),
        Long.parseLong(p[2]), type, Bytes.toBytes(value));
  }

  private List<KeyValueScanner> openSources(long readPoint) {
    List<KeyValueScanner> out = new ArrayList<>();
    long order = 1;
    for (Object src : sources) {
      if (src instanceof MemStore) {
        out.addAll(((MemStore) src).getScanners(readPoint));
      } else {
        @SuppressWarnings("unchecked")
        List<Cell> file = (List<Cell>) src;
        out.add(new ListScanner(file, order));
      }
      order++;
    }
    return out;
  }

  private List<String> scan(String[] words) throws IOException {
    ScanParams p = ScanParams.all();
    byte[] seekRow = null;
    int batch = Integer.MAX_VALUE;
    for (String w : Arrays.copyOfRange(words, 1, words.length)) {
      String v = w.contains("=") ? w.substring(w.indexOf('=') + 1) : "";
      if (w.startsWith("start=")) {
        p = p.withRows(Bytes.toBytes(v), p.getStopRow());
      } else if (w.startsWith("stop=")) {
        p = p.withRows(p.getStartRow(), Bytes.toBytes(v));
      } else if (w.equals("reversed")) {
        p = p.withReversed(true);
      } else if (w.startsWith("cols=")) {
        p = p.withColumns(Arrays.stream(v.split(",")).map(Bytes::toBytes)
            .collect(Collectors.toList()));
      } else if (w.startsWith("tr=")) {
        String[] b = v.split(",");
        p = p.withTimeRange(TimeRange.between(Long.parseLong(b[0]), Long.parseLong(b[1])));
      } else if (w.startsWith("versions=")) {
        p = p.withMaxVersions(Integer.parseInt(v));
      } else if (w.startsWith("filter=")) {
        p = p.withFilter(TestFilters.parse(v));
      } else if (w.startsWith("readpoint=")) {
        p = p.withReadPoint(Long.parseLong(v));
      } else if (w.startsWith("batch=")) {
        batch = Integer.parseInt(v);
      } else if (w.startsWith("seekrow=")) {
        seekRow = Bytes.toBytes(v);
      } else {
        throw new IllegalArgumentException("scan: " + w);
      }
    }
    try (StoreScanner s = StoreScanner.forRead(family, p, openSources(p.getReadPoint()))) {
      if (seekRow != null) {
        s.seekToRow(seekRow);
      }
      return drain(s, batch);
    }
  }

  private List<String> compact(boolean major, long smallestReadPoint) throws IOException {
    try (StoreScanner s = StoreScanner.forCompaction(family, openSources(Long.MAX_VALUE),
        major, smallestReadPoint)) {
      return drain(s, Integer.MAX_VALUE);
    }
  }

  private static List<String> drain(StoreScanner s, int batch) throws IOException {
    List<String> out = new ArrayList<>();
    List<Cell> row = new ArrayList<>();
    while (s.nextRow(row, batch)) {
      StringBuilder sb = new StringBuilder(Bytes.toString(
          row.get(0).getRowArray(), row.get(0).getRowOffset(), row.get(0).getRowLength()));
      sb.append(':');
      for (Cell c : row) {
        sb.append(' ').append(Bytes.toString(c.getQualifierArray(), c.getQualifierOffset(),
            c.getQualifierLength())).append('/').append(c.getTimestamp());
        if (c.getType() == CellType.PUT) {
          sb.append('=').append(Bytes.toString(c.getValueArray(), c.getValueOffset(),
              c.getValueLength()));
        } else {
          sb.append('/').append(c.getType());
        }
      }
      out.add(sb.toString());
      row.clear();
    }
    if (out.isEmpty()) {
      out.add("(empty)");
    }
    return out;
  }
}
