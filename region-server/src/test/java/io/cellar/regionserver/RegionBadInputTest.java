package io.cellar.regionserver;

import static io.cellar.regionserver.RegionFixture.CF1;
import static io.cellar.regionserver.RegionFixture.CF2;
import static io.cellar.regionserver.RegionFixture.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cellar.client.Delete;
import io.cellar.client.Get;
import io.cellar.client.Increment;
import io.cellar.client.Mutation;
import io.cellar.client.Put;
import io.cellar.client.Scan;
import io.cellar.common.Bytes;
import io.cellar.common.cell.KeyValue;
import io.cellar.common.conf.Configuration;
import io.cellar.common.exceptions.DoNotRetryException;
import io.cellar.common.exceptions.InvalidRequestException;
import io.cellar.common.exceptions.NoSuchColumnFamilyException;
import io.cellar.common.exceptions.NotServingRegionException;
import io.cellar.common.exceptions.WrongRegionException;
import io.cellar.common.schema.RegionInfo;
import io.cellar.common.schema.TableDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegionBadInputTest {
  @TempDir Path root;
  RegionServices services;
  Region region;
  TableDescriptor td = RegionFixture.table("bad");

  @BeforeEach
  void open() throws Exception {
    Configuration conf = new Configuration().setLong(Region.MAX_CELL_SIZE_KEY, 1024);
    services = RegionServices.local(root, conf);
    // a region of rows [b, m) so rows outside it can be tried
    region = Region.open(new RegionInfo(td.getTableName(), b("b"), b("m"), 1L), td, services);
  }

  @AfterEach
  void close() throws Exception {
    region.close();
    services.close();
  }

  @Test
  void validatorRejectsEmptyAndOversizedRows() {
    RequestValidator v = new RequestValidator(RegionFixture.wholeTable(td), td,
        new Configuration());
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> v.checkRow(new byte[0]));
    assertTrue(e.getMessage().contains("empty"), e.getMessage());
    e = assertThrows(InvalidRequestException.class,
        () -> v.checkRow(new byte[KeyValue.MAX_ROW_LENGTH + 1]));
    assertTrue(e.getMessage().contains("32767"), e.getMessage());
    assertEquals(RequestValidator.DEFAULT_MAX_CELL_SIZE, v.maxCellSize());
  }

  @Test
  void everyBadInputGetsItsTypedErrorAndTheRegionKeepsServing() throws Exception {
    NoSuchColumnFamilyException nf = assertThrows(NoSuchColumnFamilyException.class,
        () -> region.put(new Put(b("c")).addColumn(b("nofam"), b("q"), b("v"))));
    assertTrue(nf.getMessage().contains("nofam") && nf.getMessage().contains("bad"),
        nf.getMessage());
    assertThrows(NoSuchColumnFamilyException.class,
        () -> region.get(new Get(b("c")).addFamily(b("nofam"))));
    assertThrows(NoSuchColumnFamilyException.class,
        () -> region.getScanner(new Scan().addColumn(b("nofam"), b("q"))));
    assertThrows(NoSuchColumnFamilyException.class,
        () -> region.delete(new Delete(b("c")).addFamily(b("nofam"))));

    InvalidRequestException big = assertThrows(InvalidRequestException.class,
        () -> region.put(new Put(b("c")).addColumn(CF1, b("q"), new byte[2000])));
    assertTrue(big.getMessage().contains(Region.MAX_CELL_SIZE_KEY), big.getMessage());

    assertThrows(WrongRegionException.class,
        () -> region.put(new Put(b("z")).addColumn(CF1, b("q"), b("v"))));
    assertThrows(WrongRegionException.class, () -> region.get(new Get(b("a"))));

    assertThrows(InvalidRequestException.class, () -> region.put(new Put(b("c"))));

    region.put(new Put(b("c")).addColumn(CF1, b("s"), b("not a long")));
    InvalidRequestException notLong = assertThrows(InvalidRequestException.class,
        () -> region.increment(new Increment(b("c")).addColumn(CF1, b("s"), 1)));
    assertTrue(notLong.getMessage().contains("8-byte"), notLong.getMessage());

    // still serving
    region.put(new Put(b("c")).addColumn(CF1, b("q"), b("ok")));
    assertEquals("ok", RegionFixture.value(region, "c", CF1, "q"));
    assertEquals("not a long", RegionFixture.value(region, "c", CF1, "s"));
  }

  @Test
  void batchWithOneBadMutationAppliesTheOthers() throws Exception {
    List<Mutation> batch = List.of(
        new Put(b("c1")).addColumn(CF1, b("q"), b("v1")),
        new Put(b("c2")).addColumn(b("nofam"), b("q"), b("v2")),
        new Put(b("z")).addColumn(CF1, b("q"), b("v3")),
        new Put(b("c4")).addColumn(CF2, b("q"), b("v4")),
        new Delete(b("c5")).addColumns(CF1, b("q")));
    IOException[] results = region.batchMutate(batch);
    assertNull(results[0]);
    assertInstanceOf(NoSuchColumnFamilyException.class, results[1]);
    assertInstanceOf(WrongRegionException.class, results[2]);
    assertNull(results[3]);
    assertNull(results[4]);
    assertEquals("v1", RegionFixture.value(region, "c1", CF1, "q"));
    assertEquals("v4", RegionFixture.value(region, "c4", CF2, "q"));
    assertNull(RegionFixture.value(region, "c2", CF1, "q"));
  }

  @Test
  void readOnlyTableRefusesWritesButServesReads() throws Exception {
    region.put(new Put(b("c")).addColumn(CF1, b("q"), b("v")));
    region.close();
    TableDescriptor ro = TableDescriptor.newBuilder(td).setReadOnly(true).build();
    region = Region.open(new RegionInfo(td.getTableName(), b("b"), b("m"), 1L), ro, services);
    DoNotRetryException e = assertThrows(DoNotRetryException.class,
        () -> region.put(new Put(b("c")).addColumn(CF1, b("q"), b("w"))));
    assertTrue(e.getMessage().contains("READONLY"), e.getMessage());
    assertThrows(DoNotRetryException.class,
        () -> region.increment(new Increment(b("c")).addColumn(CF1, b("n"), 1)));
    assertEquals("v", RegionFixture.value(region, "c", CF1, "q"));
  }

  @Test
  void closedRegionSaysNotServing() throws Exception {
    region.close();
    assertThrows(NotServingRegionException.class, () -> region.get(new Get(b("c"))));
    assertThrows(NotServingRegionException.class,
        () -> region.put(new Put(b("c")).addColumn(CF1, b("q"), b("v"))));
    assertEquals("c", Bytes.toString(b("c")));
  }
}
