package io.cellar.tools.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A transcript file (Pebble's data-driven test style): blocks of shell input, a {@code ----}
 * line, then the expected output up to a blank line. Output that itself holds blank lines is
 * written between {@code ----} / {@code ----} and ends with {@code ----} / {@code ----}. Lines
 * starting with {@code #} between blocks are comments. {@link #render} writes the file back
 * with new outputs (the -Dshell.rewrite=true mode).
 */
final class Transcript {
  /** One block: the input lines, the expected output, the line where it starts. */
  static final class Block {
    final String input;
    final String expected;
    final int line;
    final List<String> leadingComments;
    String actual;

    Block(String input, String expected, int line, List<String> leadingComments) {
      this.input = input;
      this.expected = expected;
      this.line = line;
      this.leadingComments = leadingComments;
    }
  }

  final List<Block> blocks = new ArrayList<>();
  final List<String> trailingComments = new ArrayList<>();

  static Transcript parse(String text) {
    Transcript t = new Transcript();
    String[] lines = text.split("\n", -1);
    int i = 0;
    List<String> comments = new ArrayList<>();
    while (i < lines.length) {
      String l = lines[i];
      if (l.isBlank() || l.startsWith("#")) {
        comments.add(l);
        i++;
        continue;
      }
      int start = i + 1;
      StringBuilder input = new StringBuilder();
      while (i < lines.length && !lines[i].equals("----")) {
        input.append(lines[i]).append('\n');
        i++;
      }
      if (i >= lines.length) {
        throw new IllegalArgumentException("block at line " + start + " has no ---- line");
      }
      i++;
      StringBuilder out = new StringBuilder();
      if (i < lines.length && lines[i].equals("----")) {
        i++;
        while (i + 1 < lines.length && !(lines[i].equals("----")
            && lines[i + 1].equals("----"))) {
          out.append(lines[i]).append('\n');
          i++;
        }
        i += 2;
      } else {
        while (i < lines.length && !lines[i].isEmpty()) {
          out.append(lines[i]).append('\n');
          i++;
        }
      }
      t.blocks.add(new Block(input.toString(), out.toString(), start, trimComments(comments)));
      comments = new ArrayList<>();
    }
    t.trailingComments.addAll(trimComments(comments));
    return t;
  }

  private static List<String> trimComments(List<String> comments) {
    List<String> out = new ArrayList<>();
    for (String c : comments) {
      if (!c.isBlank()) {
        out.add(c);
      }
    }
    return out;
  }

  /** The file with each block's actual output in place of the expected one. */
  String render() {
    StringBuilder sb = new StringBuilder();
    for (Block b : blocks) {
      for (String c : b.leadingComments) {
        sb.append(c).append('\n');
      }
      sb.append(b.input).append("----\n");
      String out = b.actual == null ? b.expected : b.actual;
      if (out.contains("\n\n") || out.startsWith("\n")) {
        sb.append("----\n").append(out).append("----\n----\n");
      } else {
        sb.append(out);
      }
      sb.append('\n');
    }
    for (String c : trailingComments) {
      sb.append(c).append('\n');
    }
    return sb.toString();
  }
}
