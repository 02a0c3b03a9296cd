package io.cellar.tools.shell;

import io.cellar.client.RetriesExhaustedException;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NamespaceExistsException;
import io.cellar.common.exceptions.NamespaceNotFoundException;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.exceptions.TableExistsException;
import io.cellar.common.exceptions.TableNotDisabledException;
import io.cellar.common.exceptions.TableNotEnabledException;
import io.cellar.common.exceptions.TableNotFoundException;
import io.cellar.common.rpc.RemoteException;
import io.cellar.tools.shell.commands.ClusterUnreachableException;
import io.cellar.tools.shell.commands.CommandCancelledException;
import io.cellar.tools.shell.commands.ShellError;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a command threw into the one line after "ERROR: ", naming the table or namespace
 * the command was about and what to do next. Unexpected exceptions still get one line; their
 * stack trace is printed only with --debug.
 */
final class ErrorMessages {
  /** The first quoted name in a server's message (the family it did not find). */
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  private ErrorMessages() {}

  /**
   * REQUIRES: {@code subject} is the command's first argument as text (a table or namespace
   * name) or null.
   */
  static String describe(Throwable t, String command, String subject) {
    Throwable e = unwrap(t);
    String s = subject == null ? "?" : subject;
    if (e instanceof ShellError || e instanceof ClusterUnreachableException) {
      return e.getMessage();
    }
    if (e instanceof CommandCancelledException) {
      return "cancelled";
    }
    Throwable known = findKnown(e);
    if (known instanceof TableNotFoundException) {
      return "Unknown table " + s + ": check the name with 'list'";
    }
    if (known instanceof NoSuchColumnFamilyException) {
      Matcher m = QUOTED.matcher(String.valueOf(known.getMessage()));
      return "Unknown column family " + (m.find() ? "'" + m.group(1) + "' " : "") + "in table "
          + s + ": see the families with describe '" + s + "'";
    }
    if (known instanceof TableExistsException) {
      return "Table " + s + " already exists: pick another name, or remove it first with "
          + "disable '" + s + "' and drop '" + s + "'";
    }
    if (known instanceof TableNotDisabledException) {
      return command.equals("enable") ? "Table " + s + " is already enabled"
          : "Table " + s + " is enabled: disable it first with disable '" + s + "'";
    }
    if (known instanceof TableNotEnabledException) {
      return command.equals("disable") ? "Table " + s + " is already disabled"
          : "Table " + s + " is disabled: enable it first with enable '" + s + "'";
    }
    if (known instanceof NamespaceNotFoundException) {
      String ns = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
      return "Unknown namespace " + ns + ": check the name with 'list_namespace', or create "
          + "it with create_namespace '" + ns + "'";
    }
    if (known instanceof NamespaceExistsException) {
      return "Namespace " + s + " already exists";
    }
    if (known instanceof InvalidRequestException) {
      return "the cluster refused the request: " + known.getMessage();
    }
    Throwable refused = find(e, DoNotRetryException.class);
    if (refused != null) {
      return "the cluster refused the request: " + firstLine(refused.getMessage());
    }
    if (e instanceof RetriesExhaustedException) {
      return "the cluster did not answer in time (" + firstLine(e.getMessage())
          + "): check it is up with 'status'";
    }
    if (e instanceof RemoteException) {
      return "the server failed: " + firstLine(e.getMessage());
    }
    if (e instanceof java.io.IOException) {
      return e.getMessage() == null ? "failed (" + e.getClass().getSimpleName() + ")"
          : firstLine(e.getMessage());
    }
    if (e instanceof IllegalArgumentException && e.getMessage() != null) {
      return firstLine(e.getMessage()); // a client-side check of an argument
    }
    return "internal error " + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage())
        + " (run the shell with --debug for details)";
  }

  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof UncheckedIOException || e instanceof ExecutionException
        || e instanceof CompletionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** The first cluster error of a known kind in the cause chain (retries wrap them). */
  private static Throwable findKnown(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof TableNotFoundException || c instanceof NoSuchColumnFamilyException
          || c instanceof TableExistsException || c instanceof TableNotDisabledException
          || c instanceof TableNotEnabledException || c instanceof NamespaceNotFoundException
          || c instanceof NamespaceExistsException || c instanceof InvalidRequestException) {
        return c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  private static Throwable find(Throwable e, Class<?> type) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return c;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "no details";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
