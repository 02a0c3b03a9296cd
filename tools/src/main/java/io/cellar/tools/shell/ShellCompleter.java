package io.cellar.tools.shell;

import io.cellar.common.schema.TableName;
import io.cellar.tools.shell.commands.CommandSpec;
import io.cellar.tools.shell.commands.ShellContext;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command names for the first word; table names for the first argument of
 * commands that take a table (once the shell is connected, asked of the master each time).
 */
final class ShellCompleter implements Completer {
  private final ShellContext ctx;

  ShellCompleter(ShellContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    if (line.wordIndex() == 0) {
      for (String name : ctx.registry().allNames()) {
        candidates.add(new Candidate(name, name, null, null, " ", null, true));
      }
      return;
    }
    if (line.wordIndex() != 1 || line.words().isEmpty()) {
      return;
    }
    CommandSpec spec = ctx.registry().find(line.words().get(0));
    if (spec == null || !spec.firstArgIsTable() || !ctx.isConnected()) {
      return;
    }
    try {
      for (TableName t : ctx.admin().listTableNames()) {
        String name = t.getNameAsString();
        candidates.add(new Candidate(name, name, null, null, null, null, true));
      }
    } catch (Exception e) {
      // No completion when the cluster cannot answer; typing goes on.
    }
  }
}
