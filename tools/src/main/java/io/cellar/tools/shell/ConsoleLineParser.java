package io.cellar.tools.shell;

import io.cellar.tools.shell.syntax.ShellParser;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;

/**
 * JLine's view of shell input: words split as JLine's default parser does (for completion),
 * and an accepted line that leaves a bracket or string open (or ends with a comma) is not
 * finished, so the console asks for another line instead of running it.
 */
final class ConsoleLineParser implements Parser {
  private final DefaultParser words = new DefaultParser();

  ConsoleLineParser() {
    words.setEscapeChars(new char[0]);
  }

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) {
    if (context == ParseContext.ACCEPT_LINE && ShellParser.needsMoreInput(line)) {
      throw new EOFError(-1, -1, "unfinished statement", "");
    }
    try {
      return words.parse(line, cursor, context == ParseContext.ACCEPT_LINE
          ? ParseContext.SPLIT_LINE : context);
    } catch (EOFError e) {
      // The shell's own parser decided the line is complete; word splitting must not object.
      return words.parse(line, cursor, ParseContext.SPLIT_LINE);
    }
  }
}
