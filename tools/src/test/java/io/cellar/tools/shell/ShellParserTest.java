package io.cellar.tools.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.tools.shell.commands.Suggestions;
import io.cellar.tools.shell.syntax.ShellParser;
import io.cellar.tools.shell.syntax.ShellString;
import io.cellar.tools.shell.syntax.ShellSyntaxException;
import io.cellar.tools.shell.syntax.Statement;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shell syntax without a cluster: strings and escapes, values, statements, completeness. */
class ShellParserTest {
  private static Statement one(String src) throws ShellSyntaxException {
    List<Statement> s = ShellParser.parse(src);
    assertEquals(1, s.size(), src);
    return s.get(0);
  }

  private static byte[] str(Object v) {
    return ((ShellString) v).bytes();
  }

  @Test
  void doubleQuotesDecodeEscapes() throws Exception {
    Statement s = one("put 't', \"a\\x00\\xFFb\\n\\t\\\\\\\"\\101\\u00e9\\s\"");
    assertArrayEquals(new byte[] {'a', 0, (byte) 0xFF, 'b', '\n', '\t', '\\', '"', 'A',
        (byte) 0xC3, (byte) 0xA9, ' '}, str(s.args().get(1)));
  }

  @Test
  void singleQuotesKeepBackslashesExceptQuoteAndBackslash() throws Exception {
    Statement s = one("put 'a\\x00', 'it\\'s', 'back\\\\slash'");
    assertEquals("a\\x00", ((ShellString) s.args().get(0)).text());
    assertEquals("it's", ((ShellString) s.args().get(1)).text());
    assertEquals("back\\slash", ((ShellString) s.args().get(2)).text());
  }

  @Test
  void valuesNumbersConstantsDictionariesArrays() throws Exception {
    Statement s = one("scan 't1', {LIMIT => 10, 'STARTROW' => 'a', TIMERANGE => [1, 2_000],"
        + " REVERSED => true, X => nil, F => -2.5}");
    assertEquals("scan", s.command());
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) s.args().get(1);
    assertEquals(List.of("LIMIT", "STARTROW", "TIMERANGE", "REVERSED", "X", "F"),
        List.copyOf(m.keySet()));
    assertEquals(10L, m.get("LIMIT"));
    assertEquals(List.of(1L, 2000L), m.get("TIMERANGE"));
    assertEquals(Boolean.TRUE, m.get("REVERSED"));
    assertNull(m.get("X"));
    assertEquals(-2.5, m.get("F"));
    assertEquals("VERSIONS", ((ShellString) one("x VERSIONS").args().get(0)).text());
  }

  @Test
  void trailingPairsFormOneDictionary() throws Exception {
    Statement s = one("alter 't1', NAME => 'cf', VERSIONS => 5");
    assertEquals(2, s.args().size());
    assertEquals(Map.of("NAME", ShellString.of("cf"), "VERSIONS", 5L), s.args().get(1));
    assertThrows(ShellSyntaxException.class, () -> one("alter 't1', NAME => 'cf', 'x'"));
  }

  @Test
  void statementsParenthesesSemicolonsCommentsAndLines() throws Exception {
    List<Statement> s = ShellParser.parse("list(); version # comment\n\n"
        + "get 't', 'r',\n  'cf:a'\nscan 't', {\n LIMIT => 1\n}\n");
    assertEquals(List.of("list", "version", "get", "scan"),
        s.stream().map(Statement::command).toList());
    assertEquals(3, s.get(2).args().size());
    assertEquals(5, s.get(3).line());
    assertTrue(ShellParser.parse("  # only a comment\n").isEmpty());
  }

  @Test
  void incompleteInputAsksForMore() {
    for (String src : List.of("put 't', 'r", "scan 't', {LIMIT => 1", "get 't', [1, 2",
        "get 't',", "create('t'", "scan 't', {LIMIT =>", "put 't', \"x\ny")) {
      assertTrue(ShellParser.needsMoreInput(src), src);
    }
    for (String src : List.of("list", "scan 't', {LIMIT => 1}", "put 't' }", "",
        "get 't' 'r'")) {
      assertFalse(ShellParser.needsMoreInput(src), src);
    }
  }

  @Test
  void errorsSayWhereAndWhat() {
    assertEquals("undefined name 't1' at line 1, column 5: put strings in quotes, e.g. 't1'",
        assertThrows(ShellSyntaxException.class, () -> one("put t1")).getMessage());
    assertTrue(assertThrows(ShellSyntaxException.class, () -> one("put 't' 'r'"))
        .getMessage().contains("a ',' missing before it?"));
    assertTrue(assertThrows(ShellSyntaxException.class, () -> one("scan 't', {1 2}"))
        .getMessage().contains("expected '=>' after a dictionary key"));
    assertTrue(assertThrows(ShellSyntaxException.class, () -> one("put @"))
        .getMessage().contains("unexpected character '@'"));
    assertTrue(assertThrows(ShellSyntaxException.class, () -> one("x 99999999999999999999"))
        .getMessage().contains("bad number"));
  }

  @Test
  void nonsenseNeverThrowsAnythingElse() {
    String alphabet = "'\"{}[](),;=>#\\x0a AZaz19-_.:\n";
    java.util.Random rnd = new java.util.Random(42);
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = rnd.nextInt(30);
      for (int j = 0; j < n; j++) {
        sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      }
      try {
        ShellParser.parse(sb.toString());
      } catch (ShellSyntaxException e) {
        assertFalse(e.getMessage().isBlank());
      }
    }
  }

  @Test
  void suggestionsByEditDistance() {
    List<String> names = List.of("list", "list_regions", "describe", "exists", "scan", "put");
    assertEquals(List.of("list"), Suggestions.nearest("lsit", names, 3));
    assertEquals(List.of("describe"), Suggestions.nearest("descirbe", names, 3));
    assertEquals(List.of("list_regions"), Suggestions.nearest("list_region", names, 3));
    assertTrue(Suggestions.nearest("zzzzzz", names, 3).isEmpty());
  }

  @Test
  void stringBytesRoundTripThroughUtf8() {
    assertEquals("é", new String(ShellString.of("é").bytes(), StandardCharsets.UTF_8));
  }
}
