package io.cellar.lsm.read;

/** What the store scanner does with the cell the matcher just judged. */
public enum MatchCode {
  INCLUDE,
  SKIP,
  /** Drop, and seek to the matcher's next-column key. */
  SEEK_NEXT_COL,
  /** Drop, and go to the next row. */
  SEEK_NEXT_ROW,
  INCLUDE_AND_SEEK_NEXT_COL,
  INCLUDE_AND_SEEK_NEXT_ROW,
  /** Drop, and seek to the filter's hint. */
  SEEK_NEXT_USING_HINT,
  /** The scan is over (the filter says no later row can pass). */
  DONE_SCAN
}
