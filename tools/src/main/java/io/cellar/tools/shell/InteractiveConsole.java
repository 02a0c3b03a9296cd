package io.cellar.tools.shell;

import io.cellar.tools.CellarVersion;
import io.cellar.tools.shell.commands.ShellContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive console on a JLine terminal: line editing, history kept in a file across
 * sessions, tab completion of commands and tables, multi-line statements (an open bracket or
 * string continues on the next line). Ctrl-C clears the line being typed, or cancels the
 * running command (the shell stays); Ctrl-D on an empty line or {@code exit} leaves.
 * Commands run on a worker thread so the console can answer Ctrl-C while one runs.
 */
public final class InteractiveConsole {
  private final Shell shell;
  private final Terminal terminal;
  private final Path historyFile;

  public InteractiveConsole(Shell shell, Terminal terminal, Path historyFile) {
    this.shell = shell;
    this.terminal = terminal;
    this.historyFile = historyFile;
  }

  /** Runs until exit or Ctrl-D; returns 0. */
  public int run() throws IOException {
    ShellContext ctx = shell.context();
    LineReader reader = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("cellar")
        .parser(new ConsoleLineParser())
        .completer(new ShellCompleter(ctx))
        .variable(LineReader.HISTORY_FILE, historyFile)
        .variable(LineReader.HISTORY_SIZE, 1000)
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P | ")
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.INSERT_TAB, false)
        .build();
    terminal.writer().println("Cellar shell " + CellarVersion.VERSION + ", cluster at "
        + ctx.quorum() + ". Type 'help' for the commands, 'exit' or Ctrl-D to leave.");
    terminal.flush();
    ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "shell-command");
      t.setDaemon(true);
      return t;
    });
    AtomicReference<Future<?>> running = new AtomicReference<>();
    Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> {
      Future<?> f = running.get();
      if (f != null) {
        ctx.cancel();
        f.cancel(true);
      }
    });
    int n = 1;
    try {
      while (!ctx.isExitRequested()) {
        String line;
        try {
          line = reader.readLine(String.format("cellar:%03d> ", n));
        } catch (UserInterruptException e) {
          continue; // Ctrl-C while typing: drop the line
        } catch (EndOfFileException e) {
          break; // Ctrl-D
        }
        if (line.isBlank()) {
          continue;
        }
        n++;
        Future<?> f = worker.submit(() -> shell.run(line, false));
        running.set(f);
        try {
          f.get();
        } catch (CancellationException e) {
          terminal.writer().println("Cancelled.");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (ExecutionException e) {
          terminal.writer().println("ERROR: " + e.getCause());
        } finally {
          running.set(null);
          terminal.flush();
        }
      }
    } finally {
      terminal.handle(Terminal.Signal.INT, previous);
      worker.shutdownNow();
      try {
        reader.getHistory().save();
      } catch (IOException e) {
        terminal.writer().println("WARN: could not save the history to " + historyFile + ": "
            + e.getMessage());
      }
      terminal.flush();
    }
    return 0;
  }
}
