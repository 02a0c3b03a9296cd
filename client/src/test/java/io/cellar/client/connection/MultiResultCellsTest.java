package io.cellar.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cellar.common.Bytes;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.proto.ActionResult;
import io.cellar.common.proto.MultiResponse;
import io.cellar.common.proto.RegionActionResult;
import io.cellar.common.rpc.CellBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Multi response's cell block must hold exactly the cells its results claim. */
class MultiResultCellsTest {
  private static final List<KeyValue> TWO = List.of(
      KeyValue.create(Bytes.toBytes("r1"), Bytes.toBytes("f"), Bytes.toBytes("q"), 1,
          Bytes.toBytes("a")),
      KeyValue.create(Bytes.toBytes("r2"), Bytes.toBytes("f"), Bytes.toBytes("q"), 1,
          Bytes.toBytes("b")));

  private static MultiResponse claiming(int... counts) {
    RegionActionResult.Builder r = RegionActionResult.newBuilder();
    for (int i = 0; i < counts.length; i++) {
      r.addResults(ActionResult.newBuilder().setIndex(i).setCellBlockCells(counts[i]));
    }
    return MultiResponse.newBuilder().addResults(r).build();
  }

  private static CellBlock received(List<KeyValue> cells) {
    return CellBlock.of(CellBlock.ofCells(cells).bytes());
  }

  @Test
  void resultsThatClaimTheWholeBlockGetItsCellsInOrder() throws Exception {
    List<KeyValue> cells = BatchExecutor.resultCells(claiming(1, 0, 1), received(TWO));
    assertEquals(2, cells.size());
    assertEquals("r1", Bytes.toString(cells.get(0).getRowArray(), cells.get(0).getRowOffset(),
        cells.get(0).getRowLength()));
    assertEquals(List.of(), BatchExecutor.resultCells(claiming(0), CellBlock.empty()));
  }

  @Test
  void aMismatchIsAMalformedResponse() {
    assertThrows(InvalidRequestException.class,
        () -> BatchExecutor.resultCells(claiming(1), received(TWO)));
    assertThrows(InvalidRequestException.class,
        () -> BatchExecutor.resultCells(claiming(3), received(TWO)));
    // uint32 counts: -1 is 2^32 - 1, not a way to make the sum come out right
    assertThrows(InvalidRequestException.class,
        () -> BatchExecutor.resultCells(claiming(3, -1), received(TWO)));
  }
}
