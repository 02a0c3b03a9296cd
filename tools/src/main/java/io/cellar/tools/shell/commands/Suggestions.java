package io.cellar.tools.shell.commands;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean": the candidates nearest a misspelt name by edit distance. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * Up to {@code max} candidates within a distance that grows with the name's length (1 up to
   * 4 characters, then a third of the length, at least 2), or that start with the name;
   * nearest first, then alphabetical.
   */
  public static List<String> nearest(String name, Collection<String> candidates, int max) {
    String n = name.toLowerCase(Locale.ROOT);
    int limit = n.length() <= 4 ? 1 : Math.max(2, n.length() / 3);
    record Scored(String candidate, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (String c : candidates) {
      String lc = c.toLowerCase(Locale.ROOT);
      int d = distance(n, lc);
      if (d <= limit || (n.length() >= 3 && lc.startsWith(n))) {
        scored.add(new Scored(c, lc.startsWith(n) ? Math.min(d, 1) : d));
      }
    }
    scored.sort(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < scored.size() && i < max; i++) {
      out.add(scored.get(i).candidate());
    }
    return out;
  }

  /** Damerau-Levenshtein distance (optimal string alignment): a swap of neighbours costs 1. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
