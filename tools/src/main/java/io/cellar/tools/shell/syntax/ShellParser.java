package io.cellar.tools.shell.syntax;

import io.cellar.tools.shell.syntax.Token.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses HBase shell syntax into {@link Statement}s: {@code command arg, arg, ...} or
 * {@code command(arg, ...)}, statements separated by newlines or ';'. Values: quoted strings,
 * numbers, {@code true}/{@code false}/{@code nil}, upper-case constants (which evaluate to
 * their own name, as HBase's VERSIONS == 'VERSIONS'), {@code {K => v, ...}} and
 * {@code [a, b]}. Inside brackets, after a comma and after {@code =>} a newline does not end
 * the statement. Input that ends early throws an incomplete {@link ShellSyntaxException},
 * which the console uses to ask for the next line.
 */
public final class ShellParser {
  private final List<Token> tokens;
  private int pos;

  private ShellParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Every statement of {@code src}; blank input gives none. */
  public static List<Statement> parse(String src) throws ShellSyntaxException {
    return new ShellParser(ShellLexer.tokenize(src)).program();
  }

  /** True if {@code src} needs more lines: an open bracket or string, or a trailing comma. */
  public static boolean needsMoreInput(String src) {
    try {
      parse(src);
      return false;
    } catch (ShellSyntaxException e) {
      return e.isIncomplete();
    }
  }

  private List<Statement> program() throws ShellSyntaxException {
    List<Statement> out = new ArrayList<>();
    while (true) {
      Token t = peek();
      if (t.kind() == Kind.END) {
        return out;
      }
      if (t.kind() == Kind.NEWLINE || t.kind() == Kind.SEMICOLON) {
        pos++;
        continue;
      }
      out.add(statement());
      Token end = peek();
      if (end.kind() != Kind.END && end.kind() != Kind.NEWLINE
          && end.kind() != Kind.SEMICOLON) {
        throw new ShellSyntaxException("unexpected " + end.describe() + " at " + end.where()
            + (startsValue(end) ? ": a ',' missing before it?" : ""));
      }
    }
  }

  private Statement statement() throws ShellSyntaxException {
    Token name = next();
    if (name.kind() != Kind.WORD) {
      throw new ShellSyntaxException("expected a command name at " + name.where() + ", found "
          + name.describe() + " (type 'help' for the list of commands)");
    }
    List<Object> args = new ArrayList<>();
    Token t = peek();
    if (t.kind() == Kind.LPAREN) {
      pos++;
      skipNewlines();
      if (peek().kind() != Kind.RPAREN) {
        arguments(args, true);
      }
      skipNewlines();
      expect(Kind.RPAREN, "')' to close the argument list");
    } else if (startsValue(t)) {
      arguments(args, false);
    }
    return new Statement((String) name.value(), args, name.line());
  }

  /** Comma-separated values; trailing {@code K => v} pairs are gathered into one Map. */
  private void arguments(List<Object> args, boolean inParens) throws ShellSyntaxException {
    Map<String, Object> implicitHash = null;
    while (true) {
      if (inParens) {
        skipNewlines();
      }
      Object v = value();
      if (peek().kind() == Kind.ARROW) {
        pos++;
        skipNewlines();
        if (implicitHash == null) {
          implicitHash = new LinkedHashMap<>();
          args.add(implicitHash);
        }
        implicitHash.put(key(v), value());
      } else {
        if (implicitHash != null) {
          throw new ShellSyntaxException("a value after 'KEY => value' pairs at "
              + previous().where() + ": put the pairs last, or inside {...}");
        }
        args.add(v);
      }
      if (peek().kind() != Kind.COMMA) {
        return;
      }
      pos++;
      skipNewlines();
    }
  }

  private Object value() throws ShellSyntaxException {
    Token t = next();
    switch (t.kind()) {
      case STRING:
      case NUMBER:
        return t.value();
      case WORD:
        return word(t);
      case LBRACE:
        return hash();
      case LBRACKET:
        return array();
      case END:
        throw new ShellSyntaxException("input ended where a value was expected", true);
      default:
        throw new ShellSyntaxException("expected a value at " + t.where() + ", found "
            + t.describe());
    }
  }

  private static Object word(Token t) throws ShellSyntaxException {
    String w = (String) t.value();
    switch (w) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      case "nil":
        return null;
      default:
        break;
    }
    if (w.matches("[A-Z][A-Z0-9_]*")) {
      return ShellString.of(w);
    }
    throw new ShellSyntaxException("undefined name '" + w + "' at " + t.where()
        + ": put strings in quotes, e.g. '" + w + "'");
  }

  private Map<String, Object> hash() throws ShellSyntaxException {
    Map<String, Object> out = new LinkedHashMap<>();
    skipNewlines();
    while (peek().kind() != Kind.RBRACE) {
      Object k = value();
      skipNewlines();
      expect(Kind.ARROW, "'=>' after a dictionary key");
      skipNewlines();
      out.put(key(k), value());
      skipNewlines();
      if (peek().kind() == Kind.COMMA) {
        pos++;
        skipNewlines();
      } else if (peek().kind() != Kind.RBRACE) {
        expect(Kind.RBRACE, "',' or '}' in a dictionary");
      }
    }
    pos++;
    return out;
  }

  private List<Object> array() throws ShellSyntaxException {
    List<Object> out = new ArrayList<>();
    skipNewlines();
    while (peek().kind() != Kind.RBRACKET) {
      out.add(value());
      skipNewlines();
      if (peek().kind() == Kind.COMMA) {
        pos++;
        skipNewlines();
      } else if (peek().kind() != Kind.RBRACKET) {
        expect(Kind.RBRACKET, "',' or ']' in a list");
      }
    }
    pos++;
    return out;
  }

  private String key(Object k) throws ShellSyntaxException {
    if (k instanceof ShellString) {
      return ((ShellString) k).text();
    }
    if (k instanceof Long || k instanceof Double || k instanceof Boolean) {
      return String.valueOf(k);
    }
    throw new ShellSyntaxException("a dictionary key must be a name or a string, not "
        + (k == null ? "nil" : "a " + (k instanceof Map ? "dictionary" : "list"))
        + " (before " + previous().where() + ")");
  }

  private static boolean startsValue(Token t) {
    switch (t.kind()) {
      case STRING:
      case NUMBER:
      case WORD:
      case LBRACE:
      case LBRACKET:
        return true;
      default:
        return false;
    }
  }

  private void expect(Kind kind, String what) throws ShellSyntaxException {
    Token t = next();
    if (t.kind() == kind) {
      return;
    }
    if (t.kind() == Kind.END) {
      throw new ShellSyntaxException("input ended: expected " + what, true);
    }
    throw new ShellSyntaxException("expected " + what + " at " + t.where() + ", found "
        + t.describe());
  }

  private void skipNewlines() {
    while (peek().kind() == Kind.NEWLINE) {
      pos++;
    }
  }

  private Token peek() {
    return tokens.get(pos);
  }

  private Token previous() {
    return tokens.get(Math.max(0, pos - 1));
  }

  private Token next() {
    Token t = tokens.get(pos);
    if (t.kind() != Kind.END) {
      pos++;
    }
    return t;
  }
}
