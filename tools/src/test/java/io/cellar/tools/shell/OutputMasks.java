package io.cellar.tools.shell;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides what changes from run to run in shell output, so transcripts compare exactly:
 * timings, current-time timestamps, region ids and encoded names, server names, heap sizes,
 * request counters, the Java version and the user name. Explicit small timestamps (as a
 * transcript writes with put ..., 100) stay visible.
 */
final class OutputMasks {
  private static final Object[][] MASKS = {
    {Pattern.compile("Took \\d+\\.\\d+ seconds"), "Took X seconds"},
    {Pattern.compile("timestamp=1\\d{12}\\b"), "timestamp=NOW"},
    {Pattern.compile(",\\d{13}\\.[0-9a-f]{32}\\."), ",ID.ENC."},
    {Pattern.compile("[\\w.\\-]+,\\d{1,5},\\d{13}"), "SERVER"},
    {Pattern.compile("(usedHeapMB|maxHeapMB|requests|storefiles|storefileSizeBytes"
        + "|memstoreSizeBytes|readRequests|writeRequests)=\\d+"), "$1=N"},
    {Pattern.compile("Aggregate load: \\d+"), "Aggregate load: N"},
    {Pattern.compile("\\(Java [^)]*\\)"), "(Java X)"},
    {Pattern.compile("(?m)\\| *\\d+ *\\| *\\d+$"), "| S | R"},
    {Pattern.compile("(?m)^-[-|]*$"), "---"},
    {Pattern.compile(" +\\|"), " |"},
  };

  private OutputMasks() {}

  static String apply(String output) {
    String s = output;
    for (Object[] m : MASKS) {
      s = ((Pattern) m[0]).matcher(s).replaceAll((String) m[1]);
    }
    String user = System.getProperty("user.name", "");
    if (!user.isEmpty()) {
      s = s.replaceAll("(?m)^" + Pattern.quote(user) + " \\(auth:SIMPLE\\)$",
          Matcher.quoteReplacement("USER (auth:SIMPLE)"));
    }
    return s;
  }
}
