package io.cellar.tools.shell.syntax;

/**
 * One lexical token of shell input. {@code value} holds the decoded value of STRING
 * ({@link ShellString}) and NUMBER (Long or Double) tokens, the text of WORD tokens.
 */
public record Token(Kind kind, Object value, int line, int column) {
  /** Token kinds. NEWLINE ends a statement at bracket depth 0 (';' does too). */
  public enum Kind {
    STRING,
    NUMBER,
    WORD,
    ARROW,
    LBRACE,
    RBRACE,
    LBRACKET,
    RBRACKET,
    LPAREN,
    RPAREN,
    COMMA,
    SEMICOLON,
    NEWLINE,
    END
  }

  /** Where the token starts, for error messages. */
  public String where() {
    return "line " + line + ", column " + column;
  }

  /** How the token reads in an error message. */
  public String describe() {
    switch (kind) {
      case STRING:
        return "string " + value;
      case NUMBER:
      case WORD:
        return "'" + value + "'";
      case NEWLINE:
        return "end of line";
      case END:
        return "end of input";
      default:
        return "'" + value + "'";
    }
  }
}
