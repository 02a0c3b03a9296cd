package io.cellar.lsm.read;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.Cells;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.filter.Filter;
import java.util.List;

/** Small filters named in read-rules transcripts, one per return code or row-level hook. */
final class TestFilters {
  private TestFilters() {}

  /** {@code name:arg}. */
  static Filter parse(String spec) {
    int colon = spec.indexOf(':');
    String name = colon < 0 ? spec : spec.substring(0, colon);
    String arg = colon < 0 ? "" : spec.substring(colon + 1);
    byte[] a = Bytes.toBytes(arg);
    switch (name) {
      case "skipvalue":
        return byValue(a, Filter.ReturnCode.SKIP);
      case "nextcolvalue":
        return byValue(a, Filter.ReturnCode.NEXT_COL);
      case "nextrowvalue":
        return byValue(a, Filter.ReturnCode.NEXT_ROW);
      case "inclnextcol":
        return always(Filter.ReturnCode.INCLUDE_AND_NEXT_COL);
      case "inclnextrow":
        return always(Filter.ReturnCode.INCLUDE_AND_SEEK_NEXT_ROW);
      case "hint":
        return hintToQualifier(a);
      case "rowkey":
        return new Filter() {
          @Override
          public boolean filterRowKey(Cell first) {
            return Cells.matchingRow(first, a);
          }
        };
      case "stopafter":
        return stopAfterRow(a);
      case "keyonly":
        return new Filter() {
          @Override
          public Cell transformCell(Cell c) {
            return KeyValue.create(Cells.cloneRow(c), Cells.cloneFamily(c),
                Cells.cloneQualifier(c), c.getTimestamp(), c.getType(), Bytes.EMPTY);
          }
        };
      case "minrowcells":
        return minRowCells(Integer.parseInt(arg));
      default:
        throw new IllegalArgumentException("unknown test filter " + spec);
    }
  }

  private static Filter byValue(byte[] value, Filter.ReturnCode code) {
    return new Filter() {
      @Override
      public ReturnCode filterCell(Cell c) {
        return Bytes.equals(c.getValueArray(), c.getValueOffset(), c.getValueLength(),
            value, 0, value.length) ? code : ReturnCode.INCLUDE;
      }
    };
  }

  private static Filter always(Filter.ReturnCode code) {
    return new Filter() {
      @Override
      public ReturnCode filterCell(Cell c) {
        return code;
      }
    };
  }

  /** Cells with a qualifier below {@code q} are skipped by seeking to column q. */
  private static Filter hintToQualifier(byte[] q) {
    return new Filter() {
      @Override
      public ReturnCode filterCell(Cell c) {
        return Bytes.compare(c.getQualifierArray(), c.getQualifierOffset(),
            c.getQualifierLength(), q, 0, q.length) < 0
            ? ReturnCode.SEEK_NEXT_USING_HINT : ReturnCode.INCLUDE;
      }

      @Override
      public Cell getNextCellHint(Cell c) {
        return KeyValue.firstOnColumn(Cells.cloneRow(c), Cells.cloneFamily(c), q);
      }
    };
  }

  /** Passes rows up to and including {@code row}; then ends the scan. */
  private static Filter stopAfterRow(byte[] row) {
    return new Filter() {
      private boolean past;

      @Override
      public boolean filterRowKey(Cell first) {
        past = Bytes.compare(first.getRowArray(), first.getRowOffset(), first.getRowLength(),
            row, 0, row.length) > 0;
        return past;
      }

      @Override
      public boolean filterAllRemaining() {
        return past;
      }
    };
  }

  /** Drops rows that kept fewer than {@code n} cells. */
  private static Filter minRowCells(int n) {
    return new Filter() {
      private int kept;

      @Override
      public void reset() {
        kept = 0;
      }

      @Override
      public boolean hasFilterRow() {
        return true;
      }

      @Override
      public void filterRowCells(List<Cell> cells) {
        kept = cells.size();
      }

      @Override
      public boolean filterRow() {
        return kept < n;
      }
    };
  }
}
