package io.cellar.tools.shell.filter;

import io.cellar.client.filter.FilterList;
import io.cellar.client.filter.SkipFilter;
import io.cellar.client.filter.WhileMatchFilter;
import io.cellar.common.filter.Filter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses HBase's filter language into a client filter, e.g.
 * {@code PrefixFilter('row') AND (ValueFilter(=, 'binary:v1') OR SKIP
 * ValueFilter(!=, 'binary:x'))}.
 * Precedence, highest first: SKIP and WHILE (unary), AND, OR; parentheses group. A run of
 * ANDs (or ORs) becomes one FilterList. Strings are single-quoted, {@code ''} is a quote
 * inside; their bytes are taken as written (the shell string's raw bytes).
 * REQUIRES: nothing; every malformed input throws {@link FilterSyntaxException}.
 */
public final class FilterStringParser {
  private enum Kind {
    NAME,
    STRING,
    NUMBER,
    OPERATOR,
    LPAREN,
    RPAREN,
    COMMA,
    END
  }

  private record Tok(Kind kind, String text, byte[] bytes, int column) {}

  private final List<Tok> toks;
  private int pos;

  private FilterStringParser(List<Tok> toks) {
    this.toks = toks;
  }

  /** Parses the raw bytes of a filter string. */
  public static Filter parse(byte[] filterString) throws FilterSyntaxException {
    return parse(new String(filterString, StandardCharsets.ISO_8859_1));
  }

  /** Parses a filter string whose chars are bytes (ISO-8859-1). */
  public static Filter parse(String filterString) throws FilterSyntaxException {
    FilterStringParser p = new FilterStringParser(tokenize(filterString));
    if (p.peek().kind == Kind.END) {
      throw new FilterSyntaxException("empty filter string: write e.g. \"PrefixFilter('r')\"");
    }
    Filter f = p.orExpr();
    if (p.peek().kind != Kind.END) {
      throw p.unexpected("AND, OR or the end of the filter");
    }
    return f;
  }

  /** Every filter's call form, for the help text. */
  public static List<String> signatures() {
    return FilterFactory.signatures();
  }

  private Filter orExpr() throws FilterSyntaxException {
    List<Filter> parts = new ArrayList<>();
    parts.add(andExpr());
    while (isKeyword("OR")) {
      pos++;
      parts.add(andExpr());
    }
    return parts.size() == 1 ? parts.get(0)
        : new FilterList(FilterList.Operator.MUST_PASS_ONE, parts);
  }

  private Filter andExpr() throws FilterSyntaxException {
    List<Filter> parts = new ArrayList<>();
    parts.add(unary());
    while (isKeyword("AND")) {
      pos++;
      parts.add(unary());
    }
    return parts.size() == 1 ? parts.get(0)
        : new FilterList(FilterList.Operator.MUST_PASS_ALL, parts);
  }

  private Filter unary() throws FilterSyntaxException {
    if (isKeyword("SKIP")) {
      pos++;
      return new SkipFilter(unary());
    }
    if (isKeyword("WHILE")) {
      pos++;
      return new WhileMatchFilter(unary());
    }
    Tok t = peek();
    if (t.kind == Kind.LPAREN) {
      pos++;
      Filter inner = orExpr();
      expect(Kind.RPAREN, "')'");
      return inner;
    }
    if (t.kind != Kind.NAME || t.text.equals("AND") || t.text.equals("OR")) {
      throw unexpected("a filter such as PrefixFilter('r')");
    }
    pos++;
    expect(Kind.LPAREN, "'(' after " + t.text);
    List<FilterArgument> args = new ArrayList<>();
    if (peek().kind != Kind.RPAREN) {
      args.add(argument());
      while (peek().kind == Kind.COMMA) {
        pos++;
        args.add(argument());
      }
    }
    expect(Kind.RPAREN, "',' or ')' in the arguments of " + t.text);
    return FilterFactory.create(t.text, args);
  }

  private FilterArgument argument() throws FilterSyntaxException {
    Tok t = peek();
    switch (t.kind) {
      case STRING:
        pos++;
        return FilterArgument.string(t.bytes);
      case NUMBER:
        pos++;
        try {
          return new FilterArgument(FilterArgument.Kind.NUMBER, null, Long.parseLong(t.text),
              t.text);
        } catch (NumberFormatException e) {
          throw new FilterSyntaxException("number out of range: " + t.text);
        }
      case OPERATOR:
        pos++;
        return new FilterArgument(FilterArgument.Kind.OPERATOR, null, 0, t.text);
      case NAME:
        if (t.text.equalsIgnoreCase("true") || t.text.equalsIgnoreCase("false")) {
          pos++;
          return new FilterArgument(FilterArgument.Kind.BOOLEAN, null,
              t.text.equalsIgnoreCase("true") ? 1 : 0, t.text);
        }
        throw new FilterSyntaxException("bad filter string: expected an argument at column "
            + t.column + ", found " + t.text + " (quote strings with single quotes: '" + t.text
            + "'; booleans are true or false)");
      default:
        throw unexpected("an argument");
    }
  }

  private boolean isKeyword(String word) {
    Tok t = peek();
    return t.kind == Kind.NAME && t.text.equals(word);
  }

  private void expect(Kind kind, String what) throws FilterSyntaxException {
    if (peek().kind != kind) {
      throw unexpected(what);
    }
    pos++;
  }

  private FilterSyntaxException unexpected(String expected) {
    Tok t = peek();
    String found = t.kind == Kind.END ? "the end of the filter" : "'" + t.text + "'";
    return new FilterSyntaxException("bad filter string: expected " + expected + " at column "
        + t.column + ", found " + found);
  }

  private Tok peek() {
    return toks.get(pos);
  }

  private static List<Tok> tokenize(String s) throws FilterSyntaxException {
    List<Tok> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      int col = i + 1;
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')' || c == ',') {
        out.add(new Tok(c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.COMMA,
            String.valueOf(c), null, col));
        i++;
      } else if (c == '\'') {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        i++;
        while (true) {
          if (i >= s.length()) {
            throw new FilterSyntaxException("bad filter string: unterminated quote starting "
                + "at column " + col + " (write '' for a quote inside a string)");
          }
          char d = s.charAt(i++);
          if (d == '\'') {
            if (i < s.length() && s.charAt(i) == '\'') {
              b.write('\'');
              i++;
              continue;
            }
            break;
          }
          b.write(d & 0xFF);
        }
        byte[] bytes = b.toByteArray();
        out.add(new Tok(Kind.STRING, new String(bytes, StandardCharsets.ISO_8859_1), bytes,
            col));
      } else if (c == '<' || c == '>' || c == '=' || c == '!') {
        int start = i++;
        if (i < s.length() && s.charAt(i) == '=') {
          i++;
        }
        String op = s.substring(start, i);
        if (op.equals("!") || op.equals("==")) {
          throw new FilterSyntaxException("bad filter string: unknown operator '" + op
              + "' at column " + col + " (use <, <=, =, !=, >=, >)");
        }
        out.add(new Tok(Kind.OPERATOR, op, null, col));
      } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length()
          && Character.isDigit(s.charAt(i + 1)))) {
        int start = i++;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
          i++;
        }
        out.add(new Tok(Kind.NUMBER, s.substring(start, i), null, col));
      } else if (Character.isLetter(c) || c == '_') {
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i))
            || s.charAt(i) == '_')) {
          i++;
        }
        out.add(new Tok(Kind.NAME, s.substring(start, i), null, col));
      } else {
        throw new FilterSyntaxException("bad filter string: unexpected character '" + c
            + "' at column " + col);
      }
    }
    out.add(new Tok(Kind.END, "", null, s.length() + 1));
    return out;
  }
}
