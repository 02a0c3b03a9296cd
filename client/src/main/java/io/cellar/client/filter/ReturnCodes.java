package io.cellar.client.filter;

import io.cellar.common.filter.Filter.ReturnCode;

/**
 * Merges the return codes of a filter list's members. A code (other than a seek hint) is read
 * as (include?, how much to skip after: nothing, the column, the row). MUST_PASS_ALL includes
 * when all include and skips the most any member asks; MUST_PASS_ONE includes when any
 * includes and skips only what every member agrees to skip. Seek hints are merged by the list.
 */
final class ReturnCodes {
  private ReturnCodes() {}

  private static final int NONE = 0;
  private static final int COLUMN = 1;
  private static final int ROW = 2;

  static boolean isInclude(ReturnCode rc) {
    return rc == ReturnCode.INCLUDE || rc == ReturnCode.INCLUDE_AND_NEXT_COL
        || rc == ReturnCode.INCLUDE_AND_SEEK_NEXT_ROW;
  }

  /** How far the code skips; a seek hint counts as NONE (it cannot be ranked with the others). */
  static int skipLevel(ReturnCode rc) {
    switch (rc) {
      case INCLUDE_AND_NEXT_COL:
      case NEXT_COL:
        return COLUMN;
      case INCLUDE_AND_SEEK_NEXT_ROW:
      case NEXT_ROW:
        return ROW;
      default:
        return NONE;
    }
  }

  static ReturnCode of(boolean include, int skipLevel) {
    switch (skipLevel) {
      case COLUMN:
        return include ? ReturnCode.INCLUDE_AND_NEXT_COL : ReturnCode.NEXT_COL;
      case ROW:
        return include ? ReturnCode.INCLUDE_AND_SEEK_NEXT_ROW : ReturnCode.NEXT_ROW;
      default:
        return include ? ReturnCode.INCLUDE : ReturnCode.SKIP;
    }
  }

  /** MUST_PASS_ALL merge of two codes, neither a seek hint. */
  static ReturnCode mergeAll(ReturnCode a, ReturnCode b) {
    return of(isInclude(a) && isInclude(b), Math.max(skipLevel(a), skipLevel(b)));
  }

  /** MUST_PASS_ONE merge of two codes (a seek hint mixed with others acts as SKIP). */
  static ReturnCode mergeOne(ReturnCode a, ReturnCode b) {
    if (a == ReturnCode.SEEK_NEXT_USING_HINT && b == ReturnCode.SEEK_NEXT_USING_HINT) {
      return ReturnCode.SEEK_NEXT_USING_HINT;
    }
    return of(isInclude(a) || isInclude(b), Math.min(skipLevel(a), skipLevel(b)));
  }
}
