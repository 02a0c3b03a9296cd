package io.cellar.lsm.store;

import static io.cellar.lsm.store.StoreTestKit.marker;
import static io.cellar.lsm.store.StoreTestKit.put;
import static io.cellar.lsm.store.StoreTestKit.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.common.Bytes;
import io.cellar.common.cell.Cell;
import io.cellar.common.cell.CellType;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.schema.ColumnFamilyDescriptor;
import io.cellar.lsm.hfile.HFileWriteOptions;
import io.cellar.lsm.hfile.HFileWriter;
import io.cellar.lsm.read.ScanParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreBulkLoadTest {
  @TempDir Path root;
  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final ColumnFamilyDescriptor cf = ColumnFamilyDescriptor.newBuilder("cf")
      .setMaxVersions(3).build();

  private Path hfile(String name, Cell... cells) throws Exception {
    Path p = root.resolve(name);
    try (HFileWriter w = HFileWriter.create(p, HFileWriteOptions.DEFAULTS)) {
      for (Cell c : cells) {
        w.append(c);
      }
    }
    return p;
  }

  @Test
  void aLoadedFileIsOrderedBetweenEarlierAndLaterEdits() throws Exception {
    Path source = hfile("load.hfile", put("a", "q", 5, "loaded"), put("b", "q", 1, "loaded"),
        marker("c", "q", 9, CellType.DELETE_COLUMN));
    try (Store store = StoreTestKit.open(root.resolve("cf"), cf, StoreTestKit.quietConf(),
        clock)) {
      store.add(put("a", "q", 5, "before"), 1);
      store.add(put("c", "q", 3, "masked-by-load"), 2);
      store.flush(2);
      StoreFile loaded = store.bulkLoad(source, 3);
      assertTrue(loaded.getInfo().isBulkLoaded());
      assertEquals(3, store.getMaxFlushedSequenceId());
      store.add(put("b", "q", 1, "after"), 4);
      assertEquals(List.of("a/q/5/PUT=loaded", "b/q/1/PUT=after"), readAll(store, 1));
      assertTrue(Files.exists(source), "the source stays");
      // A reader from before the load sees neither the loaded cells nor their marker.
      assertEquals(List.of("a/q/5/PUT=before", "c/q/3/PUT=masked-by-load"),
          StoreTestKit.read(store, ScanParams.all().withReadPoint(2)));
    }
    try (Store reopened = StoreTestKit.open(root.resolve("cf"), cf, StoreTestKit.quietConf(),
        clock)) {
      assertEquals(2, reopened.getStoreFileCount());
      assertEquals(List.of("a/q/5/PUT=loaded", "b/q/1/PUT=loaded"), readAll(reopened, 1));
    }
  }

  @Test
  void aFileOfAnotherFamilyIsRefusedAndLeavesNoTrace() throws Exception {
    Path source = hfile("other.hfile", KeyValue.create(Bytes.toBytes("a"), Bytes.toBytes("xx"),
        Bytes.toBytes("q"), 1, CellType.PUT, Bytes.toBytes("v")));
    try (Store store = StoreTestKit.open(root.resolve("cf"), cf, StoreTestKit.quietConf(),
        clock)) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class,
          () -> store.bulkLoad(source, 1));
      assertTrue(e.getMessage().contains("xx"), e.getMessage());
      assertEquals(0, store.getStoreFileCount());
      try (var tmp = Files.list(root.resolve("cf").resolve(StoreDirectory.TEMP_DIR))) {
        assertEquals(0, tmp.count());
      }
    }
  }
}
