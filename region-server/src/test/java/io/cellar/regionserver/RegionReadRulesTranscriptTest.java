package io.cellar.regionserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cellar.client.CompareOperator;
import io.cellar.client.Delete;
import io.cellar.client.Get;
import io.cellar.client.Put;
import io.cellar.client.Result;
import io.cellar.client.Scan;
import io.cellar.client.filter.FirstKeyOnlyFilter;
import io.cellar.client.filter.KeyOnlyFilter;
import io.cellar.client.filter.PageFilter;
import io.cellar.client.filter.PrefixFilter;
import io.cellar.client.filter.SingleColumnValueFilter;
import io.cellar.client.filter.WhileMatchFilter;
import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.Cells;
import io.cellar.common.conf.Configuration;
import io.cellar.common.filter.Filter;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.common.schema.TableDescriptor;
import io.cellar.common.schema.TableName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the read-rule transcripts of {@code region-read-rules.txt} through a real Region (WAL,
 * memstore, flushed files), in the format of the engine's read-rules transcripts: a command, its
 * input lines, {@code ----}, the expected output up to a blank line. Commands:
 * <ul>
 *   <li>{@code define [versions=N] [minversions=N] [ttl=S] [keepdeleted] [now=MS]}: a fresh
 *       region of a table with families f and g (same settings); input lines {@code file} (the
 *       cells after it are flushed to a file) or {@code memstore}, and cells
 *       {@code row/[g:]qualifier/ts/type[=value]}, each written as its own mutation.
 *   <li>{@code scan [start=R] [startx=R] [stop=R] [stopincl=R] [reversed] [cols=a,g:b]
 *       [family=g] [tr=min,max] [versions=N|all] [limit=N] [batch=N] [filter=...]}: one line
 *       per result. Filters: {@code page:N}, {@code prefix:P}, {@code whileprefix:P},
 *       {@code keyonly}, {@code firstkey}, {@code scv:fam:qual:value}.
 *   <li>{@code get ROW [cols=..] [tr=..] [versions=..] [filter=..]}.
 *   <li>{@code clock MS} sets the server clock; {@code flush} and {@code compact} print ok.
 * </ul>
 * Cells print as {@code qualifier/ts=value} (family g as {@code g:qualifier/...}), markers as
 * {@code qualifier/ts/Type}.
 */
class RegionReadRulesTranscriptTest {
  @TempDir static Path root;
  private static final AtomicLong clock = new AtomicLong(1_000_000L);
  private static RegionServices services;
  private static Region region;
  private static int defines;

  @AfterAll
  static void closeLast() throws IOException {
    closeRegion();
  }

  @TestFactory
  List<DynamicTest> transcripts() throws IOException {
    List<String> lines;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("region-read-rules.txt"), StandardCharsets.UTF_8))) {
      lines = r.lines().toList();
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
      String actual;
      try {
        actual = String.join("\n", run(command, input));
      } catch (Exception e) {
        actual = "error: " + e;
      }
      String want = String.join("\n", expected);
      String got = actual;
      tests.add(DynamicTest.dynamicTest("line " + lineNo + ": " + command,
          () -> assertEquals(want, got, "region-read-rules.txt line " + lineNo + ": " + command)));
    }
    return tests;
  }

  private List<String> run(String command, List<String> input) throws IOException {
    String[] words = command.split("\\s+");
    String[] args = Arrays.copyOfRange(words, 1, words.length);
    switch (words[0]) {
      case "define":
        define(args, input);
        return List.of("ok");
      case "scan":
        return scan(args);
      case "get":
        return get(args);
      case "clock":
        clock.set(Long.parseLong(args[0]));
        return List.of("ok");
      case "flush":
        region.flush(true);
        return List.of("ok");
      case "compact":
        region.flush(true);
        region.compact(true);
        return List.of("ok");
      default:
        throw new IllegalArgumentException("unknown command " + command);
    }
  }

  private static void closeRegion() throws IOException {
    if (region != null) {
      region.close();
      services.close();
      region = null;
    }
  }

  private void define(String[] args, List<String> input) throws IOException {
    closeRegion();
    ColumnFamilyDescriptor.Builder f = ColumnFamilyDescriptor.newBuilder("f");
    for (String w : args) {
      String v = w.contains("=") ? w.substring(w.indexOf('=') + 1) : "";
      if (w.startsWith("versions=")) {
        f.setMaxVersions(Integer.parseInt(v));
      } else if (w.startsWith("minversions=")) {
        f.setMinVersions(Integer.parseInt(v));
      } else if (w.startsWith("ttl=")) {
        f.setTimeToLive(Integer.parseInt(v));
      } else if (w.equals("keepdeleted")) {
        f.setKeepDeletedCells(true);
      } else if (w.startsWith("now=")) {
        clock.set(Long.parseLong(v));
      } else {
        throw new IllegalArgumentException("define: " + w);
      }
    }
    ColumnFamilyDescriptor fd = f.build();
    TableDescriptor td = TableDescriptor.newBuilder(TableName.valueOf("rules"))
        .setColumnFamily(fd)
        .setColumnFamily(copyAs(fd, "g"))
        .build();
    services = RegionServices.local(root.resolve("d" + (defines++)), new Configuration(),
        clock::get);
    region = RegionFixture.open(td, services);
    boolean inFile = false;
    for (String line : input) {
      if (line.equals("file") || line.equals("memstore")) {
        if (inFile) {
          region.flush(true);
        }
        inFile = line.equals("file");
        continue;
      }
      write(line);
    }
    if (inFile) {
      region.flush(true);
    }
  }

  private static ColumnFamilyDescriptor copyAs(ColumnFamilyDescriptor d, String name) {
    ColumnFamilyDescriptor.Builder b = ColumnFamilyDescriptor.newBuilder(name)
        .setMaxVersions(d.getMaxVersions()).setMinVersions(d.getMinVersions())
        .setKeepDeletedCells(d.isKeepDeletedCells());
    if (d.getTimeToLive() != ColumnFamilyDescriptor.FOREVER) {
      b.setTimeToLive(d.getTimeToLive());
    }
    return b.build();
  }

  /** Writes {@code row/[fam:]qualifier/ts/type[=value]} as one mutation. */
  private void write(String line) throws IOException {
    String body = line;
    String value = "";
    if (body.contains("=")) {
      value = body.substring(body.indexOf('=') + 1);
      body = body.substring(0, body.indexOf('='));
    }
    String[] p = body.split("/", -1);
    byte[] row = Bytes.toBytes(p[0]);
    byte[][] col = column(p[1]);
    long ts = Long.parseLong(p[2]);
    switch (p[3]) {
      case "put" -> region.put(new Put(row).addColumn(col[0], col[1], ts, Bytes.toBytes(value)));
      case "delete" -> region.delete(new Delete(row).addColumn(col[0], col[1], ts));
      case "deletecolumn" -> region.delete(new Delete(row).addColumns(col[0], col[1], ts));
      case "deletefamily" -> region.delete(new Delete(row).addFamily(col[0], ts));
      case "deletefamilyversion" -> region.delete(new Delete(row).addFamilyVersion(col[0], ts));
      default -> throw new IllegalArgumentException("cell type " + p[3]);
    }
  }

  /** {@code q} (family f) or {@code g:q}. */
  private static byte[][] column(String s) {
    int colon = s.indexOf(':');
    return colon < 0 ? new byte[][] {Bytes.toBytes("f"), Bytes.toBytes(s)}
        : new byte[][] {Bytes.toBytes(s.substring(0, colon)),
            Bytes.toBytes(s.substring(colon + 1))};
  }

  private List<String> scan(String[] args) throws IOException {
    Scan scan = new Scan();
    for (String w : args) {
      String v = w.contains("=") ? w.substring(w.indexOf('=') + 1) : "";
      if (w.startsWith("start=")) {
        scan.withStartRow(Bytes.toBytes(v));
      } else if (w.startsWith("startx=")) {
        scan.withStartRow(Bytes.toBytes(v), false);
      } else if (w.startsWith("stop=")) {
        scan.withStopRow(Bytes.toBytes(v));
      } else if (w.startsWith("stopincl=")) {
        scan.withStopRow(Bytes.toBytes(v), true);
      } else if (w.equals("reversed")) {
        scan.setReversed(true);
      } else if (w.startsWith("cols=")) {
        for (String c : v.split(",")) {
          byte[][] col = column(c);
          scan.addColumn(col[0], col[1]);
        }
      } else if (w.startsWith("family=")) {
        scan.addFamily(Bytes.toBytes(v));
      } else if (w.startsWith("tr=")) {
        String[] b = v.split(",");
        scan.setTimeRange(Long.parseLong(b[0]), Long.parseLong(b[1]));
      } else if (w.startsWith("versions=")) {
        scan.readVersions(v.equals("all") ? Integer.MAX_VALUE : Integer.parseInt(v));
      } else if (w.startsWith("limit=")) {
        scan.setLimit(Integer.parseInt(v));
      } else if (w.startsWith("batch=")) {
        scan.setBatch(Integer.parseInt(v));
      } else if (w.startsWith("filter=")) {
        scan.setFilter(filter(v));
      } else {
        throw new IllegalArgumentException("scan: " + w);
      }
    }
    List<String> out = new ArrayList<>();
    try (RegionScanner s = region.getScanner(scan)) {
      boolean more = true;
      while (more) {
        List<Cell> row = new ArrayList<>();
        more = s.next(row);
        if (!row.isEmpty()) {
          out.add(format(row));
        }
      }
    }
    return out.isEmpty() ? List.of("(empty)") : out;
  }

  private List<String> get(String[] args) throws IOException {
    Get get = new Get(Bytes.toBytes(args[0]));
    for (String w : Arrays.copyOfRange(args, 1, args.length)) {
      String v = w.contains("=") ? w.substring(w.indexOf('=') + 1) : "";
      if (w.startsWith("cols=")) {
        for (String c : v.split(",")) {
          byte[][] col = column(c);
          get.addColumn(col[0], col[1]);
        }
      } else if (w.startsWith("tr=")) {
        String[] b = v.split(",");
        get.setTimeRange(Long.parseLong(b[0]), Long.parseLong(b[1]));
      } else if (w.startsWith("versions=")) {
        get.readVersions(v.equals("all") ? Integer.MAX_VALUE : Integer.parseInt(v));
      } else if (w.startsWith("filter=")) {
        get.setFilter(filter(v));
      } else {
        throw new IllegalArgumentException("get: " + w);
      }
    }
    Result r = region.get(get);
    return List.of(r.isEmpty() ? "(empty)" : format(r.listCells()));
  }

  private static Filter filter(String spec) {
    String[] p = spec.split(":");
    switch (p[0]) {
      case "page":
        return new PageFilter(Long.parseLong(p[1]));
      case "prefix":
        return new PrefixFilter(Bytes.toBytes(p[1]));
      case "whileprefix":
        return new WhileMatchFilter(new PrefixFilter(Bytes.toBytes(p[1])));
      case "keyonly":
        return new KeyOnlyFilter();
      case "firstkey":
        return new FirstKeyOnlyFilter();
      case "scv":
        return new SingleColumnValueFilter(Bytes.toBytes(p[1]), Bytes.toBytes(p[2]),
            CompareOperator.EQUAL, Bytes.toBytes(p[3])).setFilterIfMissing(true);
      default:
        throw new IllegalArgumentException("filter " + spec);
    }
  }

  private static String format(List<Cell> row) {
    StringBuilder sb = new StringBuilder(Bytes.toString(Cells.cloneRow(row.get(0)))).append(':');
    for (Cell c : row) {
      String fam = Bytes.toString(Cells.cloneFamily(c));
      sb.append(' ').append(fam.equals("f") ? "" : fam + ":")
          .append(Bytes.toString(Cells.cloneQualifier(c))).append('/').append(c.getTimestamp());
      if (c.getType() == CellType.PUT) {
        sb.append('=').append(Bytes.toString(Cells.cloneValue(c)));
      } else {
        sb.append('/').append(c.getType());
      }
    }
    return sb.toString();
  }
}
