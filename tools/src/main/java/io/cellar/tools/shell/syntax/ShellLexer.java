package io.cellar.tools.shell.syntax;

import io.cellar.tools.shell.syntax.Token.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits shell input into tokens, with the HBase shell's (Ruby's) string rules: a
 * double-quoted string decodes escapes ({@code \x00}, {@code \n}, {@code \t}, {@code \\},
 * {@code \"}, octal {@code \0nn}, {@code \u00e9}); a single-quoted string keeps every
 * character except {@code \\} and {@code \'}. {@code #} starts a comment outside strings.
 * An unterminated string throws an incomplete {@link ShellSyntaxException}.
 */
public final class ShellLexer {
  private final String src;
  private int pos;
  private int line = 1;
  private int lineStart;

  private ShellLexer(String src) {
    this.src = src;
  }

  /** All tokens of {@code src}, ending with END. */
  public static List<Token> tokenize(String src) throws ShellSyntaxException {
    ShellLexer lexer = new ShellLexer(src);
    List<Token> out = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      out.add(t);
    } while (t.kind() != Kind.END);
    return out;
  }

  private Token next() throws ShellSyntaxException {
    skipBlanksAndComments();
    int col = pos - lineStart + 1;
    if (pos >= src.length()) {
      return new Token(Kind.END, "", line, col);
    }
    char c = src.charAt(pos);
    switch (c) {
      case '\n':
        pos++;
        Token nl = new Token(Kind.NEWLINE, "\\n", line, col);
        line++;
        lineStart = pos;
        return nl;
      case '{':
        return punct(Kind.LBRACE, col);
      case '}':
        return punct(Kind.RBRACE, col);
      case '[':
        return punct(Kind.LBRACKET, col);
      case ']':
        return punct(Kind.RBRACKET, col);
      case '(':
        return punct(Kind.LPAREN, col);
      case ')':
        return punct(Kind.RPAREN, col);
      case ',':
        return punct(Kind.COMMA, col);
      case ';':
        return punct(Kind.SEMICOLON, col);
      case '\'':
        return new Token(Kind.STRING, singleQuoted(col), line, col);
      case '"':
        return new Token(Kind.STRING, doubleQuoted(col), line, col);
      default:
        break;
    }
    if (c == '=' && pos + 1 < src.length() && src.charAt(pos + 1) == '>') {
      pos += 2;
      return new Token(Kind.ARROW, "=>", line, col);
    }
    if (Character.isDigit(c) || ((c == '-' || c == '+') && pos + 1 < src.length()
        && Character.isDigit(src.charAt(pos + 1)))) {
      return number(col);
    }
    if (Character.isLetter(c) || c == '_') {
      int start = pos;
      while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos))
          || src.charAt(pos) == '_')) {
        pos++;
      }
      if (pos < src.length() && (src.charAt(pos) == '?' || src.charAt(pos) == '!')) {
        pos++;
      }
      return new Token(Kind.WORD, src.substring(start, pos), line, col);
    }
    throw new ShellSyntaxException("unexpected character '" + c + "' at line " + line
        + ", column " + col + " (strings need quotes, e.g. 'value')");
  }

  private Token punct(Kind kind, int col) {
    return new Token(kind, String.valueOf(src.charAt(pos++)), line, col);
  }

  private void skipBlanksAndComments() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
        pos += 2; // explicit line continuation
        line++;
        lineStart = pos;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private Token number(int col) throws ShellSyntaxException {
    int start = pos;
    pos++;
    boolean fraction = false;
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (Character.isDigit(c) || c == '_') {
        pos++;
      } else if (c == '.' && !fraction && pos + 1 < src.length()
          && Character.isDigit(src.charAt(pos + 1))) {
        fraction = true;
        pos++;
      } else if ((c == 'e' || c == 'E') && pos + 1 < src.length()
          && (Character.isDigit(src.charAt(pos + 1)) || src.charAt(pos + 1) == '-')) {
        fraction = true;
        pos += 2;
      } else {
        break;
      }
    }
    String text = src.substring(start, pos).replace("_", "").replace("+", "");
    try {
      Object v = fraction ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
      return new Token(Kind.NUMBER, v, line, col);
    } catch (NumberFormatException e) {
      throw new ShellSyntaxException("bad number '" + src.substring(start, pos) + "' at line "
          + line + ", column " + col + " (integers are 64-bit)");
    }
  }

  private ShellString singleQuoted(int col) throws ShellSyntaxException {
    int startLine = line;
    StringBuilder sb = new StringBuilder();
    pos++;
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == '\'') {
        return ShellString.of(sb.toString());
      }
      if (c == '\\' && pos < src.length()
          && (src.charAt(pos) == '\'' || src.charAt(pos) == '\\')) {
        sb.append(src.charAt(pos++));
      } else {
        countNewline(c);
        sb.append(c);
      }
    }
    throw unterminated(startLine, col);
  }

  private ShellString doubleQuoted(int col) throws ShellSyntaxException {
    int startLine = line;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pos++;
    while (pos < src.length()) {
      char c = src.charAt(pos++);
      if (c == '"') {
        return new ShellString(out.toByteArray());
      }
      if (c == '\\' && pos < src.length()) {
        escape(out);
      } else if (Character.isHighSurrogate(c) && pos < src.length()
          && Character.isLowSurrogate(src.charAt(pos))) {
        byte[] b = new String(new char[] {c, src.charAt(pos++)}).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length); // a character outside the BMP, e.g. an emoji
      } else {
        countNewline(c);
        writeUtf8(out, c);
      }
    }
    throw unterminated(startLine, col);
  }

  /** Decodes the escape after a backslash; pos is on the character after it. */
  private void escape(ByteArrayOutputStream out) {
    char e = src.charAt(pos++);
    switch (e) {
      case 'n': out.write('\n'); return;
      case 't': out.write('\t'); return;
      case 'r': out.write('\r'); return;
      case 's': out.write(' '); return;
      case 'a': out.write(7); return;
      case 'b': out.write(8); return;
      case 'e': out.write(27); return;
      case 'f': out.write(12); return;
      case 'v': out.write(11); return;
      case 'x': {
        int v = hexDigits(2);
        if (v < 0) {
          out.write('\\');
          out.write('x');
        } else {
          out.write(v);
        }
        return;
      }
      case 'u': {
        int v = hexDigits(4);
        if (v < 0) {
          writeUtf8(out, 'u');
        } else {
          writeUtf8(out, (char) v);
        }
        return;
      }
      default:
        break;
    }
    if (e >= '0' && e <= '7') {
      int v = e - '0';
      for (int i = 0; i < 2 && pos < src.length() && src.charAt(pos) >= '0'
          && src.charAt(pos) <= '7'; i++) {
        v = v * 8 + (src.charAt(pos++) - '0');
      }
      out.write(v & 0xFF);
      return;
    }
    countNewline(e);
    writeUtf8(out, e);
  }

  /** Up to {@code max} hex digits at pos (at least one), or -1 if there is none. */
  private int hexDigits(int max) {
    int v = 0;
    int n = 0;
    while (n < max && pos < src.length() && Character.digit(src.charAt(pos), 16) >= 0) {
      v = v * 16 + Character.digit(src.charAt(pos++), 16);
      n++;
    }
    return n == 0 ? -1 : v;
  }

  private void countNewline(char c) {
    if (c == '\n') {
      line++;
      lineStart = pos;
    }
  }

  private static void writeUtf8(ByteArrayOutputStream out, char c) {
    byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }

  private static ShellSyntaxException unterminated(int startLine, int col) {
    return new ShellSyntaxException("unterminated string starting at line " + startLine
        + ", column " + col + ": close it with the same quote", true);
  }
}
